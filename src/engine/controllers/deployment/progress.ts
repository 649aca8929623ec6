import { deepEqual } from '../../api/equal';
import { parseTimestamp } from '../../time';
import type { DeploymentSync } from './context';
import { calculateStatus } from './sync';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  NEW_RS_AVAILABLE_REASON,
  newDeploymentCondition,
  progressDeadlineSeconds,
  removeDeploymentCondition,
  REPLICA_SET_UPDATED_REASON,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
  TIMED_OUT_REASON,
  type Dep,
  type RS,
} from './util';

/**
 * syncRolloutStatus (pkg/controller/deployment/progress.go): the status during a rollout, with
 * the Progressing condition — NewReplicaSetAvailable once complete, ReplicaSetUpdated (a fresh
 * lastUpdateTime) whenever the rollout moved, ProgressDeadlineExceeded (False) once
 * progressDeadlineSeconds passed without progress — and the ReplicaSets' ReplicaFailure.
 */
export function syncRolloutStatus(dc: DeploymentSync, allRSs: (RS | undefined)[], newRS: RS | undefined, d: Dep): void {
  const now = dc.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, 'Progressing');

  // A resync of a finished rollout estimates no progress.
  const currentCond = getDeploymentCondition(d.status, 'Progressing');
  const isCompleteDeployment = (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) && currentCond?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const name = d.metadata!.name;
    if (deploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata!.name}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, msg, now));
    } else if (deploymentProgressing(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata!.name}" is progressing.` : `Deployment "${name}" is progressing.`;
      const condition = newDeploymentCondition('Progressing', 'True', REPLICA_SET_UPDATED_REASON, msg, now);
      // Same reason again still refreshes lastUpdateTime: that is what "progress" means to the deadline.
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, 'Progressing');
      }
      setDeploymentCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'False', TIMED_OUT_REASON, msg, now));
    }
  }

  const failure = replicaFailures(allRSs, newRS);
  if (failure) setDeploymentCondition(newStatus, failure);
  else removeDeploymentCondition(newStatus, 'ReplicaFailure');

  if (deepEqual(d.status ?? {}, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  dc.updateDeploymentStatus(d);
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure first, else any old one's. */
function replicaFailures(allRSs: (RS | undefined)[], newRS: RS | undefined) {
  const find = (rs: RS | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const own = find(newRS);
  if (own) return replicaSetToDeploymentCondition(own);
  for (const rs of allRSs) {
    const c = find(rs);
    if (c) return replicaSetToDeploymentCondition(c);
  }
  return undefined;
}

/**
 * requeueStuckDeployment: while a rollout is under way and has not timed out, look again when
 * the deadline passes (lastUpdateTime + progressDeadlineSeconds, plus a second against skew).
 * A finished or timed-out rollout schedules nothing, so a settled Deployment leaves the cluster quiet.
 */
function requeueStuckDeployment(dc: DeploymentSync, d: Dep, newStatus: Dep['status']): void {
  const currentCond = getDeploymentCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !currentCond) return;
  if (deploymentComplete(d, newStatus) || currentCond.reason === TIMED_OUT_REASON) return;
  const after = (parseTimestamp(currentCond.lastUpdateTime) ?? 0) + progressDeadlineSeconds(d) * 1000 - dc.now();
  // Under a second left: upstream requeues rate-limited (milliseconds) until the deadline has passed.
  dc.requeueAfter = after < 1000 ? Math.max(1, after + 1) : after + 1000;
}
