/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod that does
 * not already tolerate them gets node.kubernetes.io/not-ready and node.kubernetes.io/unreachable
 * NoExecute tolerations for 300 s, which is why pods leave a dead node about five minutes after
 * it is marked.
 */
import type { AdmissionPlugin } from '../apiServer';

export const DEFAULT_TOLERATION_SECONDS = 300;
const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** Does some toleration cover this NoExecute taint (any value)? */
function tolerates(tolerations: any[], key: string): boolean {
  return tolerations.some(
    (t) => (!t.effect || t.effect === 'NoExecute') && ((t.operator === 'Exists' && (!t.key || t.key === key)) || t.key === key),
  );
}

export function defaultTolerationSecondsPlugin(): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    kinds: ['Pod'],
    mutate(_op, pod) {
      const spec = (pod.spec ??= {});
      const tolerations: any[] = spec.tolerations ?? [];
      const add = TAINTS.filter((k) => !tolerates(tolerations, k)).map((key) => ({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      }));
      if (add.length) spec.tolerations = [...tolerations, ...add];
    },
  };
}
