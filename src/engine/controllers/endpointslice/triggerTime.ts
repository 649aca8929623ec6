import type { Pod, Service } from 'kubernetes-types/core/v1';
import { parseTimestamp } from '../../time';

interface ServiceState {
  service: number;
  pods: Map<string, number>;
}

/**
 * TriggerTimeTracker (k8s.io/endpointslice/util): the last-change-trigger-time annotation is the
 * earliest of the pod Ready transitions and the Service creation that changed since the last
 * sync; a Service seen for the first time reports its creationTimestamp. Undefined means "no
 * new trigger", which clears the annotation.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  compute(key: string, svc: Service, pods: readonly Pod[]): number | undefined {
    const state = this.states.get(key);
    const podTimes = new Map<string, number>();
    let min: number | undefined;
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const t = parseTimestamp(ready?.lastTransitionTime);
      if (t === undefined) continue;
      podTimes.set(pod.metadata!.name!, t);
      const before = state?.pods.get(pod.metadata!.name!);
      if (before === undefined || t > before) min = min === undefined ? t : Math.min(min, t);
    }
    const created = parseTimestamp(svc.metadata?.creationTimestamp) ?? 0;
    if (!state || created > state.service) min = min === undefined ? created : Math.min(min, created);
    this.states.set(key, { service: created, pods: podTimes });
    return state ? min : created;
  }

  forget(key: string): void {
    this.states.delete(key);
  }
}
