import type { Pod, Service } from 'kubernetes-types/core/v1';
import { parseTimestamp } from '../../time';

interface ServiceState {
  service: number;
  pods: Map<string, number>;
}

/** Ready transition times repeat across pods (whole seconds): parse each text once. */
const parsed = new Map<string, number | undefined>();
function readyTime(pod: Pod): number | undefined {
  const text = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  if (!text) return undefined;
  let t = parsed.get(text);
  if (t === undefined && !parsed.has(text)) {
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, (t = parseTimestamp(text)));
  }
  return t;
}

/**
 * TriggerTimeTracker (k8s.io/endpointslice/util): the last-change-trigger-time annotation is the
 * earliest of the pod Ready transitions and the Service creation that changed since the last
 * sync; a Service seen for the first time reports its creationTimestamp. Undefined means "no
 * new trigger", which clears the annotation.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** After a sync that looked at all of the Service's pods. */
  compute(key: string, svc: Service, pods: readonly Pod[]): number | undefined {
    const state = this.states.get(key);
    const podTimes = new Map<string, number>();
    let min: number | undefined;
    for (const pod of pods) {
      const t = readyTime(pod);
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

  /** After a sync that looked only at the pods that changed (the others kept their times). */
  computeChanged(key: string, svc: Service, changed: ReadonlyMap<string, Pod | undefined>): number | undefined {
    const state = this.states.get(key);
    if (!state) return this.compute(key, svc, [...changed.values()].filter((p): p is Pod => !!p));
    let min: number | undefined;
    for (const [name, pod] of changed) {
      const t = pod ? readyTime(pod) : undefined;
      if (t === undefined) {
        state.pods.delete(name);
        continue;
      }
      const before = state.pods.get(name);
      if (before === undefined || t > before) min = min === undefined ? t : Math.min(min, t);
      state.pods.set(name, t);
    }
    const created = parseTimestamp(svc.metadata?.creationTimestamp) ?? 0;
    if (created > state.service) {
      min = min === undefined ? created : Math.min(min, created);
      state.service = created;
    }
    return min;
  }

  forget(key: string): void {
    this.states.delete(key);
  }
}
