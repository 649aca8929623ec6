/**
 * The pod's QoS class (pkg/apis/core/helper/qos ComputePodQOS): BestEffort without any cpu or
 * memory request or limit; Guaranteed when every container limits both cpu and memory and the
 * summed requests equal the summed limits; Burstable otherwise.
 */
import { parseQuantityValue } from '../validation/quantity';

const QOS_RESOURCES = ['cpu', 'memory'];

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export function computePodQOS(spec: any): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    for (const [name, q] of Object.entries(c?.resources?.requests ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const v = parseQuantityValue(q)?.value ?? 0;
      if (v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c?.resources?.limits ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const v = parseQuantityValue(q)?.value ?? 0;
      if (v > 0) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + v);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || Math.abs(lim - req) > 1e-9) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
