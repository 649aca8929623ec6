import { deepEqual } from '../../api/equal';
import { rfc3339 } from '../../time';
import type { ReplicaOwner } from './kinds';
import type { PodCounts } from './podTracker';

/** ReplicaSetCondition / ReplicationControllerCondition. */
export interface ReplicaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/**
 * ReplicaSetStatus in its JSON field order. `replicas` is always present (no omitempty);
 * the other counts are omitted when zero, as Go's omitempty does. terminatingReplicas is a
 * pointer, so 0 is written (feature DeploymentReplicaSetTerminatingReplicas, on by default).
 */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

export const REPLICA_FAILURE = 'ReplicaFailure';

/**
 * calculateStatus (replica_set_utils.go): the counts of the active pods the controller claimed
 * (taken before this sync created or deleted any), with the ReplicaFailure condition set when
 * creating or deleting pods failed and removed once a sync succeeds.
 */
export function calculateStatus(rs: ReplicaOwner, counts: PodCounts, reportsTerminating: boolean, manageError: { message: string } | undefined, now: number): ReplicaStatus {
  let conditions = [...((rs.status?.conditions as ReplicaCondition[] | undefined) ?? [])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageError && !failure) {
    const diff = counts.replicas - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError.message });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }

  const status: ReplicaStatus = { replicas: counts.replicas };
  if (counts.fullyLabeled) status.fullyLabeledReplicas = counts.fullyLabeled;
  if (counts.ready) status.readyReplicas = counts.ready;
  if (counts.available) status.availableReplicas = counts.available;
  if (reportsTerminating) status.terminatingReplicas = counts.terminating;
  if (rs.status?.observedGeneration !== undefined) status.observedGeneration = rs.status.observedGeneration;
  if (conditions.length) status.conditions = conditions;
  return status;
}

/** updateReplicaSetStatus's "nothing changed" test: same counts, conditions, and generation observed. */
export function statusUpToDate(rs: ReplicaOwner, next: ReplicaStatus): boolean {
  const cur = (rs.status ?? {}) as ReplicaStatus;
  return (
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    cur.terminatingReplicas === next.terminatingReplicas &&
    rs.metadata.generation === cur.observedGeneration &&
    deepEqual(cur.conditions ?? [], next.conditions ?? [])
  );
}
