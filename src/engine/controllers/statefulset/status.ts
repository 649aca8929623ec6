import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isPodAvailable, isPodReady } from '../../api/podUtil';
import { statefulSetSettings } from './defaults';
import { podRevision } from './identity';

/** isCreated: the pod exists in the API (a pod this sync only built has no uid). */
export function isCreated(pod: Pod): boolean {
  return pod.metadata?.uid !== undefined;
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

/** isRunningAndReady: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** isHealthy: running, ready, and not being deleted. */
export function isHealthy(pod: Pod): boolean {
  return isCreated(pod) && isRunningAndReady(pod) && !isTerminating(pod);
}

/** The replica counters of StatefulSetStatus (computeReplicaStatus / updateStatus). */
export function replicaStatus(pods: readonly Pod[], minReadySeconds: number, currentRevision: string, updateRevision: string, now: number) {
  const s = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pod of pods) {
    if (!isCreated(pod)) continue;
    s.replicas++;
    if (isRunningAndReady(pod)) {
      s.readyReplicas++;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) s.availableReplicas++;
    }
    if (!isTerminating(pod)) {
      if (podRevision(pod) === currentRevision) s.currentReplicas++;
      if (podRevision(pod) === updateRevision) s.updatedReplicas++;
    }
  }
  return s;
}

/**
 * completeRollingUpdate: once every replica is updated and ready, the update revision becomes
 * the current one.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const { updateStrategy, replicas } = statefulSetSettings(set);
  if (updateStrategy === 'RollingUpdate' && status.updatedReplicas === replicas && status.readyReplicas === replicas && status.replicas === replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: the computed status differs from the stored one in a field the controller owns. */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status ?? ({} as StatefulSetStatus);
  return (
    (status.observedGeneration ?? 0) > (s.observedGeneration ?? 0) ||
    status.replicas !== (s.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (s.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (s.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (s.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (s.updateRevision ?? '')
  );
}

/** The status as apps/v1 serialises it: zero counters with omitempty are left out. */
export function serializeStatus(status: StatefulSetStatus): StatefulSetStatus {
  const out: StatefulSetStatus = { observedGeneration: status.observedGeneration, replicas: status.replicas };
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.currentReplicas) out.currentReplicas = status.currentReplicas;
  if (status.updatedReplicas) out.updatedReplicas = status.updatedReplicas;
  if (status.currentRevision) out.currentRevision = status.currentRevision;
  if (status.updateRevision) out.updateRevision = status.updateRevision;
  out.collisionCount = status.collisionCount ?? 0;
  out.availableReplicas = status.availableReplicas ?? 0;
  return out;
}
