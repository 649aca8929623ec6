/**
 * Names the persistent volume machinery shares with upstream
 * (component-helpers/storage/volume, pkg/controller/volume/persistentvolume, pkg/volume/util).
 */

/** On a claim: its binding finished once (syncClaim branches on it). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a PV or claim: the controller, not the user, made this side of the binding. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a PV: the provisioner that created it. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** On a claim: which provisioner should provision it (the GA key and the deprecated beta one). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a claim: the node the scheduler picked for a WaitForFirstConsumer claim. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** The deprecated class annotation, which wins over spec.storageClassName when present. */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** The source component of the binder's events (its recorder is named so upstream). */
export const PV_CONTROLLER_SOURCE = 'persistentvolume-controller';

/** --pvclaimbinder-sync-period: the binder re-syncs every claim this often. */
export const CLAIM_RESYNC_MS = 15_000;

/** Access modes in the order GetAccessModesAsString prints them. */
export const ACCESS_MODE_ORDER = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** kind's default provisioner and where it keeps volumes on the node. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_BASE = '/var/local-path-provisioner';
export const ANN_LOCAL_PATH_SELECTED_NODE = 'local.path.provisioner/selected-node';
/** How long local-path's helper pod takes to create or remove a volume directory on the node. */
export const LOCAL_PATH_HELPER_MS = 1_000;

/**
 * In-tree provisioner names whose volumes are handled by a CSI driver since CSI migration went
 * GA (csi-translation-lib): the binder treats them as external, named by the driver.
 */
export const MIGRATED_PROVISIONERS: Readonly<Record<string, string>> = {
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
  'kubernetes.io/portworx-volume': 'pxd.portworx.com',
};
