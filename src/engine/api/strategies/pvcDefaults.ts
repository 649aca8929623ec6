/** SetDefaults_PersistentVolumeClaimSpec and SetDefaults_PersistentVolumeClaim (pkg/apis/core/v1/defaults.go). */
export function defaultPersistentVolumeClaimSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
}

/** A claim (a PVC or a StatefulSet claim template): spec defaults and status.phase Pending. */
export function defaultPersistentVolumeClaim(pvc: any): void {
  if (!pvc || typeof pvc !== 'object') return;
  pvc.spec ??= {};
  defaultPersistentVolumeClaimSpec(pvc.spec);
  pvc.status ??= {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
}
