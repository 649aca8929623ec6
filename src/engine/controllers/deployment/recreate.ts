import type { Pod } from 'kubernetes-types/core/v1';
import type { DeploymentSync } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { actualReplicaCount, deploymentComplete, deploymentReplicas, filterActiveReplicaSets, rsReplicas, type Dep, type RS } from './util';

/**
 * rolloutRecreate (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0,
 * wait until none of their pods is left running (Terminating pods count), and only then create
 * the new ReplicaSet at full size — so there is always a moment with no pods at all.
 */
export function rolloutRecreate(dc: DeploymentSync, d: Dep, rsList: RS[], podMap: ReadonlyMap<string, readonly Pod[]>): void {
  // Don't create a new ReplicaSet yet, so that nothing scales up before the old pods are gone.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs: (RS | undefined)[] = [...oldRSs, newRS];

  if (scaleDownOldReplicaSetsForRecreate(dc, filterActiveReplicaSets(oldRSs), d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (oldPodsRunning(newRS, oldRSs, podMap)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }
  // scaleUpNewReplicaSetForRecreate
  scaleReplicaSetAndRecordEvent(dc, newRS!, deploymentReplicas(d), d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

function scaleDownOldReplicaSetsForRecreate(dc: DeploymentSync, oldRSs: RS[], d: Dep): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (rsReplicas(rs) === 0) continue;
    if (scaleReplicaSetAndRecordEvent(dc, rs, 0, d)[0]) scaled = true;
  }
  return scaled;
}

/**
 * oldPodsRunning: an old ReplicaSet still reports replicas, or one of its pods is not yet
 * Succeeded or Failed (Pending, Running, Unknown — including Terminating ones).
 */
function oldPodsRunning(newRS: RS | undefined, oldRSs: RS[], podMap: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === rsUid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
