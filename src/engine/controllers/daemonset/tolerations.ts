import type { PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { deepEqual } from '../../api/equal';

/** The taints of TaintNodesByCondition and node lifecycle (pkg/apis/core/well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** v1.Toleration.MatchToleration: same key, operator, value and effect (tolerationSeconds may differ). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '');
}

/** v1helper.AddOrUpdateTolerationInPodSpec on a mutable spec. */
function addOrUpdateToleration(spec: PodSpec, tol: Toleration): void {
  const current = spec.tolerations ?? [];
  let updated = false;
  const next: Toleration[] = [];
  for (const t of current) {
    if (sameToleration(tol, t)) {
      if (deepEqual(tol, t)) return;
      next.push({ ...tol });
      updated = true;
      continue;
    }
    next.push(t);
  }
  if (!updated) next.push({ ...tol });
  spec.tolerations = next;
}

/**
 * util.AddOrUpdateDaemonPodTolerations: DaemonSet pods tolerate forever the NoExecute taints of
 * an unhealthy node (so they are never evicted from it) and the NoSchedule taints of node
 * conditions and cordoning; network-unavailable only with hostNetwork. The control-plane
 * taint is deliberately absent: a DaemonSet must tolerate it in its own manifest.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  addOrUpdateToleration(spec, { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addOrUpdateToleration(spec, { key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
}
