import type { DeploymentSync } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import {
  availableReplicaCount,
  byCreationTimestamp,
  deploymentComplete,
  deploymentReplicas,
  filterActiveReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  rsReplicas,
  type Dep,
  type RS,
} from './util';

/**
 * rolloutRolling (pkg/controller/deployment/rolling.go): create the new ReplicaSet if needed,
 * scale it up as far as maxSurge allows — and if it scaled, stop here for this sync — else scale
 * old ReplicaSets down as far as maxUnavailable allows; once complete, trim the history.
 */
export function rolloutRolling(dc: DeploymentSync, d: Dep, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];

  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: scale the new ReplicaSet down to replicas, or up to NewRSNewReplicas. */
function reconcileNewReplicaSet(dc: DeploymentSync, allRSs: RS[], newRS: RS, d: Dep): boolean {
  const replicas = deploymentReplicas(d);
  if (rsReplicas(newRS) === replicas) return false;
  if (rsReplicas(newRS) > replicas) return scaleReplicaSetAndRecordEvent(dc, newRS, replicas, d)[0];
  return scaleReplicaSetAndRecordEvent(dc, newRS, newRSNewReplicas(d, allRSs, newRS), d)[0];
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink is
 *   maxScaledDown = allPodsCount − minAvailable − newRSUnavailablePodCount
 * (spec counts, so surge pods and the new ReplicaSet's not-yet-available pods are accounted
 * for). Unhealthy old replicas go first, then available ones down to minAvailable.
 */
function reconcileOldReplicaSets(dc: DeploymentSync, allRSs: RS[], oldRSs: RS[], newRS: RS, d: Dep): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const allPodsCount = replicaCount(allRSs);
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  // Unhealthy replicas first, otherwise they would block the rollout (kubernetes#16737).
  const cleaned = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  // An invalid request (a status not yet caught up with a scale-down) ends this attempt; the next sync retries.
  if (!cleaned) return false;
  const [cleanedOld, cleanupCount] = cleaned;
  const scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleanedOld, newRS], cleanedOld, d);
  if (scaledDownCount === undefined) return false;
  return cleanupCount + scaledDownCount > 0;
}

/**
 * cleanupUnhealthyReplicas: oldest first, shrink each old ReplicaSet by its unavailable
 * replicas (the ReplicaSet deletes not-ready pods first), within maxCleanupCount.
 */
function cleanupUnhealthyReplicas(dc: DeploymentSync, oldRSs: RS[], d: Dep, maxCleanupCount: number): [RS[], number] | undefined {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (totalScaledDown >= maxCleanupCount) break;
    const target = sorted[i];
    const available = target.status?.availableReplicas ?? 0;
    if (rsReplicas(target) === 0 || rsReplicas(target) === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, rsReplicas(target) - available);
    const newReplicasCount = rsReplicas(target) - scaledDownCount;
    // Upstream: "when cleaning up unhealthy replicas, got invalid request to scale down ..." (more available than wanted).
    if (newReplicasCount > rsReplicas(target)) return undefined;
    const [, updated] = scaleReplicaSetAndRecordEvent(dc, target, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    sorted[i] = updated;
  }
  return [sorted, totalScaledDown];
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: remove (available across all ReplicaSets −
 * minAvailable) replicas from the old ReplicaSets, oldest first.
 */
function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentSync, allRSs: RS[], oldRSs: RS[], d: Dep): number | undefined {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const availablePodCount = availableReplicaCount(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const target of sorted) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (rsReplicas(target) === 0) continue;
    const scaleDownCount = Math.min(rsReplicas(target), totalScaleDownCount - totalScaledDown);
    const newReplicasCount = rsReplicas(target) - scaleDownCount;
    if (newReplicasCount > rsReplicas(target)) return undefined;
    scaleReplicaSetAndRecordEvent(dc, target, newReplicasCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
