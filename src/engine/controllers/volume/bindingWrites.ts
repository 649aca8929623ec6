import type { ObjectReference, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import type { KObject } from '../../api/object';
import { rfc3339 } from '../../time';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_STORAGE_PROVISIONER } from './constants';
import { isVolumeBoundToClaim } from './volumeMatch';

/**
 * The binder's writes (pv_controller.go: updateClaimStatus, updateVolumePhase, bindVolumeToClaim,
 * bindClaimToVolume, unbindVolume, setClaimProvisioner). Each writes only when something
 * changes and returns the object as stored.
 */

/** reference.GetReference of a claim, as a PV's claimRef holds it. */
export function claimReference(claim: PersistentVolumeClaim): ObjectReference {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata!.namespace,
    name: claim.metadata!.name,
    uid: claim.metadata!.uid,
    apiVersion: 'v1',
    resourceVersion: claim.metadata!.resourceVersion,
  };
}

/** updateClaimStatus: phase, plus the volume's access modes and (when becoming bound) its capacity. */
export function updateClaimStatus(api: ApiServer, claim: PersistentVolumeClaim, phase: string, volume: PersistentVolume | undefined): PersistentVolumeClaim {
  const status = claim.status ?? {};
  let dirty = status.phase !== phase;
  const next: Record<string, unknown> = { ...status, phase };
  if (!volume) {
    if (status.accessModes !== undefined) {
      delete next.accessModes;
      dirty = true;
    }
    if (status.capacity !== undefined) {
      delete next.capacity;
      dirty = true;
    }
  } else {
    if (!deepEqual(status.accessModes, volume.spec?.accessModes)) {
      next.accessModes = volume.spec?.accessModes;
      dirty = true;
    }
    // Capacity is copied only when the claim becomes bound: a later difference is deliberate (resize).
    if (status.phase !== phase && status.capacity?.storage !== volume.spec?.capacity?.storage) {
      next.capacity = volume.spec?.capacity;
      dirty = true;
    }
  }
  if (!dirty) return claim;
  return api.updateStatus({ ...(claim as KObject), status: next }) as PersistentVolumeClaim;
}

/** updateVolumePhase: the phase, its message, and (since 1.31) when the phase last changed. */
export function updateVolumePhase(api: ApiServer, volume: PersistentVolume, phase: string, message = ''): PersistentVolume {
  if (volume.status?.phase === phase) return volume;
  const next: Record<string, unknown> = { ...(volume.status ?? {}), phase, lastPhaseTransitionTime: rfc3339(api.clock.now()) };
  if (message) next.message = message;
  else delete next.message;
  return api.updateStatus({ ...(volume as KObject), status: next }) as PersistentVolume;
}

/** GetBindVolumeToClaim + save: the claimRef with the claim's uid; bound-by-controller unless the user pre-bound it. */
export function bindVolumeToClaim(api: ApiServer, volume: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
  const setByController = !isVolumeBoundToClaim(volume, claim);
  const ref = volume.spec?.claimRef;
  const refStale = !ref || ref.name !== claim.metadata!.name || ref.namespace !== claim.metadata!.namespace || ref.uid !== claim.metadata!.uid;
  const annotate = setByController && volume.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined;
  if (!refStale && !annotate) return volume;
  return api.patch<KObject>('PersistentVolume', undefined, volume.metadata!.name!, (d) => {
    if (refStale) d.spec.claimRef = claimReference(claim);
    if (annotate) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
  }) as unknown as PersistentVolume;
}

/** bindClaimToVolume: spec.volumeName (bound-by-controller when the controller chose it) and bind-completed. */
export function bindClaimToVolume(api: ApiServer, claim: PersistentVolumeClaim, volume: PersistentVolume): PersistentVolumeClaim {
  const annotations = claim.metadata?.annotations ?? {};
  const shouldBind = claim.spec?.volumeName !== volume.metadata!.name;
  const complete = annotations[ANN_BIND_COMPLETED] === undefined;
  if (!shouldBind && !complete) return claim;
  return api.patch<KObject>('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!, (d) => {
    const ann: Record<string, string> = { ...(d.metadata.annotations ?? {}) };
    if (shouldBind) {
      d.spec.volumeName = volume.metadata!.name;
      if (ann[ANN_BOUND_BY_CONTROLLER] === undefined) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
    }
    if (ann[ANN_BIND_COMPLETED] === undefined) ann[ANN_BIND_COMPLETED] = 'yes';
    d.metadata.annotations = ann;
  }) as unknown as PersistentVolumeClaim;
}

/**
 * unbindVolume: a binding the controller made is dropped (claimRef and annotation); a user's
 * pre-binding keeps its claimRef and loses only the uid. The volume is Available again.
 */
export function unbindVolume(api: ApiServer, volume: PersistentVolume): PersistentVolume {
  const byController = volume.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined;
  const saved = api.patch<KObject>('PersistentVolume', undefined, volume.metadata!.name!, (d) => {
    if (byController) {
      delete d.spec.claimRef;
      const ann = d.metadata.annotations ?? {};
      delete ann[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(ann).length === 0) delete d.metadata.annotations;
    } else if (d.spec.claimRef) {
      delete d.spec.claimRef.uid;
    }
  }) as unknown as PersistentVolume;
  return updateVolumePhase(api, saved, 'Available');
}

/** setClaimProvisioner: tells the external provisioner (both annotation keys) that the claim is its to provision. */
export function setClaimProvisioner(api: ApiServer, claim: PersistentVolumeClaim, provisioner: string): PersistentVolumeClaim {
  if (claim.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] === provisioner) return claim;
  return api.patch<KObject>('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!, (d) => {
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
  }) as unknown as PersistentVolumeClaim;
}
