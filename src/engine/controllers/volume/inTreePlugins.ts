import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { ANN_DYNAMICALLY_PROVISIONED, MIGRATED_PROVISIONERS } from './constants';

/**
 * What the binder can do itself with a released volume, by volume source, as the in-tree plugins
 * left in v1.36 allow: hostPath deletes only under /tmp (its deleter refuses anything else) and,
 * like nfs, can be recycled; CSI volumes and dynamically provisioned volumes of an external
 * provisioner are left to that provisioner; everything else has no deleter.
 */
export type DeleteOutcome = { kind: 'deleted' } | { kind: 'external' } | { kind: 'failed'; message: string };

const HOST_PATH_DELETABLE = /^\/tmp\/.+/;

/** findDeletablePlugin + Deleter.Delete, reduced to their outcome. */
export function deleteVolumeSource(volume: PersistentVolume): DeleteOutcome {
  const provisionedBy = volume.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  if (provisionedBy) {
    if (!provisionedBy.startsWith('kubernetes.io/') || MIGRATED_PROVISIONERS[provisionedBy]) return { kind: 'external' };
  }
  const spec = volume.spec ?? {};
  if (spec.csi) return { kind: 'external' };
  if (spec.hostPath) {
    const path = spec.hostPath.path;
    if (HOST_PATH_DELETABLE.test(path)) return { kind: 'deleted' };
    return { kind: 'failed', message: `host_path deleter only supports /tmp/.+ but received provided ${path}` };
  }
  return { kind: 'failed', message: `error getting deleter volume plugin for volume "${volume.metadata!.name}": no deletable volume plugin matched` };
}

/** Only hostPath and nfs volumes have a recycler (the deprecated Recycle policy). */
export function canRecycle(volume: PersistentVolume): boolean {
  return volume.spec?.hostPath !== undefined || volume.spec?.nfs !== undefined;
}
