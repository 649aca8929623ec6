import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import type { ControllerContext } from '../controller';
import { rfc3339 } from '../../time';

/**
 * controllerutil.MarkPodsNotReady: the Ready condition of each pod still on the node turns False
 * (the kubelet that would report it is unreachable), with a NodeNotReady warning on the pod.
 * Pods without a Ready condition are left as they are.
 */
export function markPodsNotReady(ctx: ControllerContext, pods: readonly KObject[], nodeName: string, component: string): void {
  const now = rfc3339(ctx.clock.now());
  for (const p of pods) {
    const pod = p as Pod;
    if (pod.spec?.nodeName !== nodeName) continue;
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    try {
      const updated = ctx.api.patchStatus<KObject>('Pod', pod.metadata!.namespace, pod.metadata!.name!, (d) => {
        const c = d.status.conditions.find((x: { type: string }) => x.type === 'Ready');
        c.status = 'False';
        c.lastTransitionTime = now;
      });
      ctx.recorder.event(updated, 'Warning', 'NodeNotReady', 'Node is not ready', component);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
