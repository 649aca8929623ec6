/**
 * The Priority admission plugin (plugin/pkg/admission/priority): a pod's priorityClassName
 * becomes spec.priority and spec.preemptionPolicy (the global default class, or 0 and
 * PreemptLowerPriority, when it names none); an unknown class refuses the pod. It also keeps
 * a single globalDefault PriorityClass.
 */
import type { AdmissionPlugin, ApiContext } from '../apiServer';
import { apiErr } from '../errors';
import type { KObject } from '../object';
import { SYSTEM_PRIORITY_CLASSES } from '../strategies/policy';
import { parseTimestamp } from '../../time';

interface ClassInfo {
  name: string;
  value: number;
  preemptionPolicy: string;
}

function lookup(name: string, ctx: ApiContext): ClassInfo | undefined {
  const pc = ctx.api.get('PriorityClass', undefined, name);
  if (pc) return { name, value: pc.value ?? 0, preemptionPolicy: pc.preemptionPolicy ?? 'PreemptLowerPriority' };
  // Built in: the API server creates these at startup.
  const v = SYSTEM_PRIORITY_CLASSES[name];
  return v === undefined ? undefined : { name, value: v, preemptionPolicy: 'PreemptLowerPriority' };
}

/** getDefaultPriorityClass: the globalDefault class with the lowest value (the newest on a tie). */
function defaultClass(ctx: ApiContext): KObject | undefined {
  let best: KObject | undefined;
  for (const pc of ctx.api.list('PriorityClass')) {
    if (!pc.globalDefault) continue;
    if (!best || pc.value < best.value || (pc.value === best.value && (parseTimestamp(pc.metadata.creationTimestamp) ?? 0) > (parseTimestamp(best.metadata.creationTimestamp) ?? 0))) best = pc;
  }
  return best;
}

export function priorityPlugin(): AdmissionPlugin {
  return {
    name: 'Priority',
    kinds: ['Pod', 'PriorityClass'],
    mutate(op, obj, _old, ctx) {
      if (op !== 'CREATE' || obj.kind !== 'Pod') return;
      const spec = (obj.spec ??= {});
      let info: ClassInfo | undefined;
      if (!spec.priorityClassName) {
        const def = defaultClass(ctx);
        info = def ? { name: def.metadata.name!, value: def.value ?? 0, preemptionPolicy: def.preemptionPolicy ?? 'PreemptLowerPriority' } : { name: '', value: 0, preemptionPolicy: 'PreemptLowerPriority' };
        if (info.name) spec.priorityClassName = info.name;
      } else {
        info = lookup(spec.priorityClassName, ctx);
        if (!info) throw apiErr.forbidden('pods', obj.metadata.name ?? '', `no PriorityClass with name ${spec.priorityClassName} was found`);
      }
      if (spec.priority !== undefined && spec.priority !== null && spec.priority !== info.value) {
        throw apiErr.forbidden(
          'pods',
          obj.metadata.name ?? '',
          `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${info.value} from the given PriorityClass name`,
        );
      }
      spec.priority = info.value;
      if (spec.preemptionPolicy && spec.preemptionPolicy !== info.preemptionPolicy) {
        throw apiErr.forbidden(
          'pods',
          obj.metadata.name ?? '',
          `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${info.preemptionPolicy} from the given PriorityClass name`,
        );
      }
      spec.preemptionPolicy = info.preemptionPolicy;
    },
    validate(op, obj, old, ctx) {
      if (obj.kind !== 'PriorityClass' || !obj.globalDefault) return;
      if (op === 'UPDATE' && old?.globalDefault) return;
      const other = ctx.api.list('PriorityClass').find((pc) => pc.globalDefault && pc.metadata.name !== obj.metadata.name);
      if (other) {
        throw apiErr.forbidden('priorityclasses.scheduling.k8s.io', obj.metadata.name ?? '', `PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`);
      }
    },
  };
}
