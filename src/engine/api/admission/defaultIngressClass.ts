/**
 * DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass): a new Ingress that
 * names no class, by field or by the legacy annotation, gets the default IngressClass; with
 * several defaults the newest wins.
 */
import type { AdmissionPlugin } from '../apiServer';
import { parseTimestamp } from '../../time';
import { INGRESS_CLASS_ANNOTATION } from '../strategies/ingress';

export const IS_DEFAULT_INGRESS_CLASS = 'ingressclass.kubernetes.io/is-default-class';

export function defaultIngressClassPlugin(): AdmissionPlugin {
  return {
    name: 'DefaultIngressClass',
    kinds: ['Ingress'],
    mutate(op, ing, _old, ctx) {
      if (op !== 'CREATE') return;
      const spec = (ing.spec ??= {});
      if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
      if (ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION] !== undefined) return;
      const defaults = ctx.api.list('IngressClass').filter((c) => c.metadata.annotations?.[IS_DEFAULT_INGRESS_CLASS] === 'true');
      defaults.sort((a, b) => {
        const ta = parseTimestamp(a.metadata.creationTimestamp) ?? 0;
        const tb = parseTimestamp(b.metadata.creationTimestamp) ?? 0;
        return ta !== tb ? tb - ta : a.metadata.name! < b.metadata.name! ? -1 : 1;
      });
      if (defaults[0]) spec.ingressClassName = defaults[0].metadata.name;
    },
  };
}
