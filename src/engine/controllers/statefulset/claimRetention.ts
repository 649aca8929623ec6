import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { statefulSetSettings } from './defaults';
import { podInOrdinalRange } from './identity';

/**
 * persistentVolumeClaimRetentionPolicy through ownerReferences (stateful_set_utils.go): the
 * garbage collector deletes a claim whose owner is gone, so
 * - Retain/Retain: no reference from the set or the pod;
 * - WhenDeleted Delete: the set owns the claims of its pods in range;
 * - WhenScaled Delete: the pod owns the claim once the pod is scaled away.
 */
type Owner = { apiVersion: string; kind: string; name: string; uid: string | undefined };

function setOwner(set: StatefulSet): Owner {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: set.metadata!.uid };
}

function podOwner(pod: Pod): Owner {
  return { apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: pod.metadata!.uid };
}

/** matchesRef: same apiVersion, kind and name (the uid is checked separately). */
function matchesRef(ref: OwnerReference, o: Owner): boolean {
  return ref.apiVersion === o.apiVersion && ref.kind === o.kind && ref.name === o.name;
}

function hasOwnerRef(claim: PersistentVolumeClaim, o: Owner): boolean {
  return (claim.metadata?.ownerReferences ?? []).some((r) => r.uid === o.uid);
}

/** hasStaleOwnerRef: a reference to an object of that name whose uid is not this object's. */
function hasStaleOwnerRef(claim: PersistentVolumeClaim, o: Owner): boolean {
  for (const r of claim.metadata?.ownerReferences ?? []) if (matchesRef(r, o)) return r.uid !== o.uid;
  return false;
}

/** hasUnexpectedController: with a Delete policy, another controller owns the claim. */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const s = statefulSetSettings(set);
  if (s.whenScaled === 'Retain' && s.whenDeleted === 'Retain') return false;
  const so = setOwner(set);
  const po = podOwner(pod);
  for (const r of claim.metadata?.ownerReferences ?? []) {
    if (matchesRef(r, so)) {
      if (r.uid !== so.uid) return true;
      continue;
    }
    if (matchesRef(r, po)) {
      if (r.uid !== po.uid) return true;
      continue;
    }
    if (r.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  for (const r of claim.metadata?.ownerReferences ?? []) {
    if ((r.uid === set.metadata!.uid || r.uid === pod.metadata!.uid) && !r.controller) return true;
  }
  return false;
}

/** isClaimOwnerUpToDate: the claim's references already express the retention policy. */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const so = setOwner(set);
  const po = podOwner(pod);
  if (hasStaleOwnerRef(claim, so) || hasStaleOwnerRef(claim, po)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, so) || hasOwnerRef(claim, po));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { whenScaled, whenDeleted } = statefulSetSettings(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (whenScaled === 'Retain' && whenDeleted === 'Retain') return !hasOwnerRef(claim, so) && !hasOwnerRef(claim, po);
  if (whenScaled === 'Retain' && whenDeleted === 'Delete') return hasOwnerRef(claim, so) && !hasOwnerRef(claim, po);
  if (whenScaled === 'Delete' && whenDeleted === 'Retain') return !hasOwnerRef(claim, so) && scaledDown === hasOwnerRef(claim, po);
  return scaledDown !== hasOwnerRef(claim, so) && scaledDown === hasOwnerRef(claim, po);
}

function controllerRefTo(o: Owner): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.name, uid: o.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** updateClaimOwnerRefForSetAndPod: the claim's ownerReferences rewritten to express the policy. */
export function claimOwnerRefsForPolicy(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): OwnerReference[] {
  const so = setOwner(set);
  const po = podOwner(pod);
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata?.ownerReferences ?? []).filter((r) => !matchesRef(r, so) && !matchesRef(r, po));
  if (unexpected) return refs;
  const add = (o: Owner) => {
    if (!refs.some((r) => r.uid === o.uid)) refs = [...refs, controllerRefTo(o)];
  };
  const { whenScaled, whenDeleted } = statefulSetSettings(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (whenScaled === 'Retain' && whenDeleted === 'Delete') add(so);
  else if (whenScaled === 'Delete' && whenDeleted === 'Retain') {
    if (scaledDown) add(po);
  } else if (whenScaled === 'Delete' && whenDeleted === 'Delete') {
    if (scaledDown) add(po);
    else add(so);
  }
  return refs;
}
