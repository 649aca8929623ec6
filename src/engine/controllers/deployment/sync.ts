import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { deepClone, deepEqual } from '../../api/equal';
import { ApiError } from '../../api/errors';
import { controllerRef, newControllerRef, type KObject } from '../../api/object';
import { computeHash } from '../hash';
import type { DeploymentSync } from './context';
import {
  availableReplicaCount,
  actualReplicaCount,
  bySizeNewer,
  bySizeOlder,
  byRevision,
  deploymentReplicas,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  filterActiveReplicaSets,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  FOUND_NEW_RS_REASON,
  getDeploymentCondition,
  getProportion,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  minReadySeconds,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_REPLICA_SET_REASON,
  newDeploymentCondition,
  newRSNewReplicas,
  PAUSED_DEPLOY_REASON,
  POD_TEMPLATE_HASH_LABEL,
  readyReplicaCount,
  replicaCount,
  replicasAnnotationsNeedUpdate,
  RESUMED_DEPLOY_REASON,
  REVISION_ANNOTATION,
  revisionHistoryLimit,
  rsReplicas,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  terminatingReplicaCount,
  TIMED_OUT_REASON,
  type Dep,
  type DeploymentStatusV,
  type RS,
} from './util';

/** sync.go: the Deployment controller's scaling, bookkeeping and status (pkg/controller/deployment/sync.go). */

/** Limit revision-history to about 100 entries (maxRevHistoryLengthInChars). */
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** syncStatusOnly: status only, no scaling (a Deployment being deleted). */
export function syncStatusOnly(dc: DeploymentSync, d: Dep, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** sync: scaling events and paused Deployments — scale proportionally, no rollout. */
export function sync(dc: DeploymentSync, d: Dep, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  // Clean up the history of a paused Deployment (no rollback is ever in flight for apps/v1).
  if (d.spec?.paused) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: Progressing=Unknown DeploymentPaused / DeploymentResumed, so that the
 * time spent paused never counts against progressDeadlineSeconds. A timed-out condition stays.
 */
export function checkPausedConditions(dc: DeploymentSync, d: Dep): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  if (cond?.reason === TIMED_OUT_REASON) return;
  const pausedCondExists = cond?.reason === PAUSED_DEPLOY_REASON;
  const status = (d.status ??= {});
  if (d.spec?.paused && !pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', dc.now()));
  } else if (!d.spec?.paused && pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', dc.now()));
  } else return;
  dc.updateDeploymentStatus(d);
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) with its
 * revision raised above every old one, and all the old ReplicaSets.
 */
export function getAllReplicaSetsAndSyncRevision(dc: DeploymentSync, d: Dep, rsList: RS[], createIfNotExisted: boolean): [RS | undefined, RS[]] {
  const [, allOldRSs] = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * getNewReplicaSet: sync the existing new ReplicaSet's annotations (revision max+1, the
 * Deployment's annotations, minReadySeconds) and the Deployment's revision; or create it,
 * named <deployment>-<pod-template-hash>, already sized by NewRSNewReplicas. A name taken by a
 * ReplicaSet with another template is a hash collision: bump status.collisionCount and retry.
 */
function getNewReplicaSet(dc: DeploymentSync, d: Dep, rsList: RS[], oldRSs: RS[], createIfNotExisted: boolean): RS | undefined {
  const existingNewRS = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);

  if (existingNewRS) {
    const rsCopy = deepClone(existingNewRS) as RS;
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, MAX_REV_HISTORY_LENGTH_IN_CHARS);
    const minReadySecondsNeedsUpdate = minReadySeconds(rsCopy) !== minReadySeconds(d);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec!.minReadySeconds = d.spec?.minReadySeconds;
      if (rsCopy.spec!.minReadySeconds === undefined) delete rsCopy.spec!.minReadySeconds;
      return dc.updateReplicaSet(rsCopy);
    }
    // The revision the ReplicaSet carries is the one the Deployment shows.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.[REVISION_ANNOTATION]);
    const cond = getDeploymentCondition(d.status, 'Progressing');
    if (hasProgressDeadline(d) && !cond) {
      setDeploymentCondition((d.status ??= {}), newDeploymentCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata!.name}"`, dc.now()));
      needsUpdate = true;
    }
    if (needsUpdate) dc.updateDeploymentStatus(d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  const template = deepClone(d.spec!.template);
  const hash = computeHash(template, d.status?.collisionCount);
  const rsTemplate = { ...template, metadata: { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } } };
  const newRS: RS = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata!.name}-${hash}`,
      namespace: d.metadata!.namespace,
      labels: { ...rsTemplate.metadata.labels },
      ownerReferences: [newControllerRef(d as KObject)],
    },
    spec: {
      replicas: 0,
      ...(minReadySeconds(d) ? { minReadySeconds: minReadySeconds(d) } : {}),
      selector: selectorWithLabel(d.spec!.selector, POD_TEMPLATE_HASH_LABEL, hash),
      template: rsTemplate,
    },
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, MAX_REV_HISTORY_LENGTH_IN_CHARS);

  let alreadyExists = false;
  let createdRS: RS;
  try {
    createdRS = dc.api.create<KObject>(newRS as KObject) as RS;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason === 'AlreadyExists') {
      const rs = dc.api.get<KObject>('ReplicaSet', newRS.metadata!.namespace, newRS.metadata!.name!) as RS | undefined;
      if (!rs) throw e;
      const ref = controllerRef(rs as KObject);
      if (ref && ref.uid === d.metadata!.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        // Ours already (a fast resync): it is the new ReplicaSet.
        createdRS = rs;
        alreadyExists = true;
      } else {
        // A hash collision: another template owns the name. Bump collisionCount and requeue.
        const status = (d.status ??= {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        dc.updateDeploymentStatus(d);
        throw e;
      }
    } else if (e.reason === 'Forbidden' && e.message.includes('because it is being terminated')) {
      // The namespace is going away: every create would fail, nothing to report.
      throw e;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${e.message}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition((d.status ??= {}), newDeploymentCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, msg, dc.now()));
        dc.updateDeploymentStatus(d);
      }
      dc.event(d as KObject, 'Warning', FAILED_RS_CREATE_REASON, msg);
      throw e;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.event(d as KObject, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata!.name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    setDeploymentCondition((d.status ??= {}), newDeploymentCondition('Progressing', 'True', NEW_REPLICA_SET_REASON, `Created new replica set "${createdRS.metadata!.name}"`, dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) dc.updateDeploymentStatus(d);
  return createdRS;
}

/** labelsutil.CloneSelectorAndAddLabel: the Deployment's selector plus pod-template-hash. */
function selectorWithLabel(sel: LabelSelector | undefined, key: string, value: string): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...(sel?.matchLabels ?? {}), [key]: value } };
  if (sel?.matchExpressions?.length) out.matchExpressions = deepClone(sel.matchExpressions);
  return out;
}

/**
 * scale: a scaling event (or a paused Deployment). One active ReplicaSet takes the whole count;
 * a saturated new ReplicaSet zeroes the old ones; otherwise, for RollingUpdate, the difference
 * to replicas + maxSurge is spread over the active ReplicaSets in proportion to their size
 * (larger first; newer first when growing, older first when shrinking), leftovers to the first.
 */
export function scale(dc: DeploymentSync, d: Dep, newRS: RS | undefined, oldRSs: RS[]): void {
  const replicas = deploymentReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === replicas) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas, d);
    return;
  }

  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }

  if (!isRollingUpdate(d)) return;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = replicaCount(allRSs);
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - allRSsReplicas;
  let scalingOperation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    scalingOperation = 'down';
  }

  let added = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      nameToSize.set(rs.metadata!.name!, rsReplicas(rs) + proportion);
      added += proportion;
    } else nameToSize.set(rs.metadata!.name!, rsReplicas(rs));
  }

  allRSs.forEach((rs, i) => {
    const name = rs.metadata!.name!;
    // Leftovers go to (or come from) the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) nameToSize.set(name, Math.max(0, nameToSize.get(name)! + (toAdd - added)));
    scaleReplicaSet(dc, rs, nameToSize.get(name)!, d, scalingOperation);
  });
}

/** scaleReplicaSetAndRecordEvent: [scaled, the ReplicaSet as stored after the write]. */
export function scaleReplicaSetAndRecordEvent(dc: DeploymentSync, rs: RS, newScale: number, d: Dep): [boolean, RS] {
  if (rsReplicas(rs) === newScale) return [false, rs];
  return scaleReplicaSet(dc, rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
}

/**
 * scaleReplicaSet: writes the size and the desired/max-replicas annotations; a size change is
 * told as `Scaled up replica set web-7c5ddbdf54 from 1 to 3` (1.31+ wording).
 */
export function scaleReplicaSet(dc: DeploymentSync, rs: RS, newScale: number, d: Dep, scalingOperation: string): [boolean, RS] {
  const replicas = deploymentReplicas(d);
  const max = replicas + maxSurge(d);
  const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicas, max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const oldScale = rsReplicas(rs);
  const rsCopy = deepClone(rs) as RS;
  rsCopy.spec!.replicas = newScale;
  setReplicasAnnotations(rsCopy, replicas, max);
  const updated = dc.updateReplicaSet(rsCopy);
  if (sizeNeedsUpdate) {
    dc.event(d as KObject, 'Normal', 'ScalingReplicaSet', `Scaled ${scalingOperation} replica set ${updated.metadata!.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeNeedsUpdate, updated];
}

/**
 * cleanupDeployment: keep at most revisionHistoryLimit old ReplicaSets, deleting the lowest
 * revisions first, and only those fully scaled down (spec 0, status 0, generation observed, not
 * already being deleted).
 */
export function cleanupDeployment(dc: DeploymentSync, oldRSs: RS[], d: Dep): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
  const diff = cleanable.length - revisionHistoryLimit(d);
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata?.deletionTimestamp !== undefined) continue;
    try {
      dc.api.delete('ReplicaSet', rs.metadata!.namespace, rs.metadata!.name!);
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
    }
  }
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export function syncDeploymentStatus(dc: DeploymentSync, allRSs: (RS | undefined)[], newRS: RS | undefined, d: Dep): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.now());
  if (deepEqual(d.status ?? {}, newStatus)) return;
  d.status = newStatus;
  dc.updateDeploymentStatus(d);
}

/**
 * calculateStatus: counts summed over the ReplicaSets, in DeploymentStatus field order with Go's
 * omitempty (zero counts are absent), and the Available condition against replicas - maxUnavailable.
 */
export function calculateStatus(allRSs: (RS | undefined)[], newRS: RS | undefined, d: Dep, now: number): DeploymentStatusV {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const unavailable = Math.max(0, total - available);
  const status: DeploymentStatusV = {};
  const set = (k: keyof DeploymentStatusV, v: number | undefined) => {
    if (v) (status as Record<string, unknown>)[k] = v;
  };
  set('observedGeneration', d.metadata?.generation);
  set('replicas', actualReplicaCount(allRSs));
  set('updatedReplicas', actualReplicaCount([newRS]));
  set('readyReplicas', readyReplicaCount(allRSs));
  set('availableReplicas', available);
  set('unavailableReplicas', unavailable);
  const terminating = terminatingReplicaCount(allRSs);
  if (terminating !== undefined) status.terminatingReplicas = terminating;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= deploymentReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now));
  }
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return status;
}

/**
 * isScalingEvent: some active ReplicaSet was sized for a different replica count than the
 * Deployment now asks for (its desired-replicas annotation differs).
 */
export function isScalingEvent(dc: DeploymentSync, d: Dep, rsList: RS[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== deploymentReplicas(d)) return true;
  }
  return false;
}
