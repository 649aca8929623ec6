import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { scaledValue } from '../../api/intstr';
import { statefulSetSettings } from './defaults';
import { endOrdinal, getOrdinal, identityMatches, newStatefulSetPod, podInOrdinalRange, podRevision, startOrdinal, storageMatches } from './identity';
import type { StatefulPodControl } from './podControl';
import { statefulSetRevisions, templateAt, truncateHistory } from './revisions';
import { isCreated, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating, replicaStatus } from './status';

/**
 * defaultStatefulSetControl.updateStatefulSet (stateful_set_control.go), in one sync:
 * 1. every ordinal in range gets a pod (created at the current revision below the partition,
 *    at the update revision otherwise); failed or completed pods are deleted to be recreated;
 * 2. pods beyond the range are deleted from the highest ordinal;
 * 3. the rolling update deletes, from the highest ordinal down to the partition, pods not at the
 *    update revision, while fewer than maxUnavailable replicas are unhealthy.
 * With OrderedReady (monotonic) every step stops at the first pod that is not yet created,
 * Running and Ready (and Available), or that is terminating. Parallel lifts this for scaling.
 * Returns the status to store and the first API error met, if any.
 */
export function updateStatefulSet(api: ApiServer, podControl: StatefulPodControl, set: StatefulSet, pods: readonly Pod[], now: number): { status: StatefulSetStatus; error?: ApiError } {
  const settings = statefulSetSettings(set);
  const revs = statefulSetRevisions(api, set);
  const currentTemplate = templateAt(revs.current);
  const updateTemplate = templateAt(revs.update);
  const updateSet: StatefulSet = { ...set, spec: { ...set.spec!, template: updateTemplate } };
  const currentName = revs.current.metadata.name!;
  const updateName = revs.update.metadata.name!;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata?.generation,
    currentRevision: currentName,
    updateRevision: updateName,
    collisionCount: revs.collisionCount,
    replicas: 0,
  };
  const minReady = settings.minReadySeconds;
  const fillStatus = (...lists: (readonly Pod[])[]) => {
    const totals = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
    for (const list of lists) {
      const r = replicaStatus(list, minReady, currentName, updateName, now);
      totals.replicas += r.replicas;
      totals.readyReplicas += r.readyReplicas;
      totals.availableReplicas += r.availableReplicas;
      totals.currentReplicas += r.currentReplicas;
      totals.updatedReplicas += r.updatedReplicas;
    }
    Object.assign(status, totals);
  };
  fillStatus(pods);

  const start = startOrdinal(set);
  const replicas: Pod[] = new Array(settings.replicas);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  for (let ord = start; ord <= endOrdinal(set); ord++) {
    if (replicas[ord - start]) continue;
    // newVersionedStatefulSetPod: below the partition a missing pod is recreated at the current revision.
    const atCurrent = settings.updateStrategy === 'RollingUpdate' && ord < start + settings.partition;
    replicas[ord - start] = atCurrent ? newStatefulSetPod(set, ord, currentTemplate, currentName) : newStatefulSetPod(updateSet, ord, updateTemplate, updateName);
  }
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));

  let firstUnhealthy: Pod | undefined;
  for (const p of replicas) {
    if (!isHealthy(p) && !firstUnhealthy) firstUnhealthy = p;
  }
  for (let i = condemned.length - 1; i >= 0; i--) {
    if (!isHealthy(condemned[i]) && !firstUnhealthy) firstUnhealthy = condemned[i];
  }

  const done = (error?: ApiError) => {
    fillStatus(replicas, condemned);
    truncateHistory(api, set, pods, revs);
    return { status, error };
  };
  if (set.metadata?.deletionTimestamp) return done();

  const monotonic = settings.podManagementPolicy !== 'Parallel';

  const processReplica = (i: number): boolean => {
    const pod = replicas[i];
    if (isCreated(pod) && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
      // Whatever ended the pod (eviction, a node reboot), the set recreates it under the same name.
      if (!isTerminating(pod)) podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (podControl.podClaimIsStale(set, pod)) return true;
      podControl.createStatefulPod(set, pod);
      return monotonic;
    }
    if (!pod.status?.phase || pod.status.phase === 'Pending') podControl.createMissingPersistentVolumeClaims(set, pod);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isRunningAndAvailable(pod, minReady, now) && monotonic) return true;
    const retentionMatch = podControl.claimsMatchRetentionPolicy(updateSet, pod);
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    podControl.updateStatefulPod(updateSet, pod);
    return false;
  };

  const processCondemned = (i: number): boolean => {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return true;
    if (!isRunningAndAvailable(pod, minReady, now) && monotonic && pod !== firstUnhealthy) return true;
    podControl.deleteStatefulPod(set, pod);
    return true;
  };

  const fixPodClaim = (i: number): boolean => {
    if (!podControl.claimsMatchRetentionPolicy(updateSet, condemned[i])) podControl.updatePodClaimForRetentionPolicy(updateSet, condemned[i]);
    return false;
  };

  for (const [list, fn] of [
    [replicas, processReplica],
    [condemned, fixPodClaim],
    [condemned, processCondemned],
  ] as const) {
    const r = runForAll(list.length, fn, monotonic);
    if (r.exit) return done(r.error);
  }

  if (settings.updateStrategy === 'OnDelete') return done();

  // updateStatefulSetAfterInvariantEstablished (MaxUnavailableStatefulSet, beta and on since 1.35).
  const maxUnavailable = Math.max(1, scaledValue(settings.maxUnavailable, settings.replicas, false));
  let unavailable = 0;
  for (const p of replicas) if (!isHealthy(p)) unavailable++;
  if (unavailable >= maxUnavailable) return done();
  const toDelete = maxUnavailable - unavailable;
  let deleted = 0;
  fillStatus(replicas, condemned);
  // Upstream compares the replica index with the partition as is (without the start ordinal).
  for (let target = replicas.length - 1; target >= settings.partition && deleted < toDelete; target--) {
    const pod = replicas[target];
    if (podRevision(pod) !== updateName && !isTerminating(pod)) {
      try {
        podControl.deleteStatefulPod(set, pod);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.reason !== 'NotFound') return { status, error: err };
      }
      deleted++;
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
    }
  }
  truncateHistory(api, set, pods, revs);
  return { status };
}

/**
 * runForAll: in monotonic mode one pod after another, stopping at the first that blocks or
 * fails; otherwise slowStartBatch (batches of 1, 2, 4, … up to 500), stopping after a batch
 * with an error.
 */
function runForAll(count: number, fn: (i: number) => boolean, monotonic: boolean): { exit: boolean; error?: ApiError } {
  const attempt = (i: number): { stop: boolean; error?: ApiError } => {
    try {
      return { stop: fn(i) };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return { stop: true, error: err };
    }
  };
  if (monotonic) {
    for (let i = 0; i < count; i++) {
      const r = attempt(i);
      if (r.stop || r.error) return { exit: true, error: r.error };
    }
    return { exit: false };
  }
  let next = 0;
  for (let batch = Math.min(count, 1); batch > 0; batch = Math.min(2 * batch, count - next, 500)) {
    let error: ApiError | undefined;
    for (let k = 0; k < batch; k++) {
      const r = attempt(next++);
      if (r.error && !error) error = r.error;
    }
    if (error) return { exit: true, error };
  }
  return { exit: false };
}
