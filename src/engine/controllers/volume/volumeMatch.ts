import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../api/quantity';
import { labelSelectorMatches } from '../../api/selectors';
import { ACCESS_MODE_ORDER, ANN_BETA_STORAGE_CLASS } from './constants';

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins, then spec.storageClassName, else "". */
export function claimClass(claim: PersistentVolumeClaim): string {
  const ann = claim.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClass(volume: PersistentVolume): string {
  const ann = volume.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return volume.spec?.storageClassName ?? '';
}

/** storagehelpers.PersistentVolumeClaimHasClass: a class was asked for, even "" (only unset is classless). */
export function claimHasClass(claim: PersistentVolumeClaim): boolean {
  if (claim.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return true;
  return claim.spec?.storageClassName !== undefined && claim.spec.storageClassName !== null;
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim, and its uid (if any) is the claim's. */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

function storageOf(q: string | number | undefined): number {
  try {
    return parseQuantity(q ?? '0');
  } catch {
    return 0;
  }
}

export function requestedStorage(claim: PersistentVolumeClaim): number {
  return storageOf(claim.spec?.resources?.requests?.storage);
}

export function volumeStorage(volume: PersistentVolume): number {
  return storageOf(volume.spec?.capacity?.storage);
}

/** CheckVolumeModeMismatches: Filesystem is the default on both sides. */
export function volumeModeMismatch(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: every mode the claim asks for is among the volume's. */
export function accessModesSatisfied(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const have = volume.spec?.accessModes ?? [];
  return (claim.spec?.accessModes ?? []).every((m) => have.includes(m));
}

/** checkVolumeSatisfyClaim: why a volume the claim names cannot be bound to it ("" when it can). */
export function volumeUnsatisfiedReason(volume: PersistentVolume, claim: PersistentVolumeClaim): string {
  if (volume.metadata?.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (volumeStorage(volume) < requestedStorage(claim)) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(claim, volume)) return 'incompatible accessMode';
  return '';
}

/** GetAccessModesAsString: the set in its canonical order, which is how the volume index groups PVs. */
function modeSetKey(modes: readonly string[]): string {
  return ACCESS_MODE_ORDER.filter((m) => modes.includes(m)).join(',');
}

/**
 * findMatchingVolume for one access-mode group, on the binder's path (no node): a volume
 * pre-bound to the claim wins at once; otherwise, unless binding waits for the first consumer,
 * the smallest Available volume of the claim's class, selector, volume mode and size.
 */
function matchInGroup(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const cls = claimClass(claim);
  let smallest: PersistentVolume | undefined;
  let smallestSize = Infinity;
  for (const volume of volumes) {
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const size = volumeStorage(volume);
    if (size < requested) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(volume, claim)) return volume;
    if (delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (claim.spec?.selector && !labelSelectorMatches(claim.spec.selector, volume.metadata?.labels)) continue;
    if (volumeClass(volume) !== cls) continue;
    if (size < smallestSize) {
      smallest = volume;
      smallestSize = size;
    }
  }
  return smallest;
}

/**
 * findBestMatchForClaim (persistentVolumeOrderedIndex.findByClaim): volumes are grouped by
 * their access-mode set; the groups that hold every requested mode are tried smallest set
 * first, and the first group with a match gives the volume. So a ReadWriteOnce claim takes a
 * ReadWriteOnce volume before a larger-capacity-fitting ReadWriteOnce+ReadWriteMany one.
 */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const requested = claim.spec?.accessModes ?? [];
  const groups = new Map<string, PersistentVolume[]>();
  for (const v of volumes) {
    const key = modeSetKey(v.spec?.accessModes ?? []);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(v);
  }
  const candidates = [...groups.keys()]
    .filter((key) => {
      const modes = key === '' ? [] : key.split(',');
      return requested.every((m) => modes.includes(m));
    })
    .sort((a, b) => {
      const la = a === '' ? 0 : a.split(',').length;
      const lb = b === '' ? 0 : b.split(',').length;
      return la - lb || (a < b ? -1 : a > b ? 1 : 0);
    });
  for (const key of candidates) {
    const v = matchInGroup(claim, groups.get(key)!, delayBinding);
    if (v) return v;
  }
  return undefined;
}
