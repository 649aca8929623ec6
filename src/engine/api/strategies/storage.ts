/**
 * PersistentVolumeClaims, PersistentVolumes and StorageClasses (pkg/apis/core/v1/defaults.go,
 * pkg/apis/core/validation, pkg/apis/storage/validation): defaults, the claim's immutable spec
 * (only a bound claim may grow), one volume source per PV, and a StorageClass whose provisioner,
 * parameters and reclaim policy never change.
 */
import type { KindStrategy } from '../apiServer';
import { deepClone, deepEqual } from '../equal';
import { FieldError, fieldErr } from '../errors';
import { immutable, specDiff, NOT_POSITIVE_ERROR } from '../validation/common';
import { isDNS1123Subdomain, isQualifiedName } from '../validation/names';
import { validateNodeSelector } from '../validation/podSpec';
import { VOLUME_MODES, validateAccessModes, validatePersistentVolumeClaimSpec } from '../validation/pvcSpec';
import { canonicalQuantity, parseQuantityValue } from '../validation/quantity';
import { noBacksteps } from '../validation/volumes';
import { defaultPersistentVolumeClaimSpec } from './pvcDefaults';

export const pvcStrategy: KindStrategy = {
  defaults(obj) {
    defaultPersistentVolumeClaimSpec((obj.spec ??= {}));
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  validate(obj) {
    return validatePersistentVolumeClaimSpec(obj.spec ?? {}, 'spec');
  },
  validateUpdate(obj, old) {
    const errs = validatePersistentVolumeClaimSpec(obj.spec ?? {}, 'spec');
    const next = deepClone(obj.spec ?? {});
    const prev = deepClone(old.spec ?? {});
    if (!prev.volumeName) prev.volumeName = next.volumeName;
    if (prev.storageClassName === undefined && next.storageClassName !== undefined) prev.storageClassName = next.storageClassName;
    const bound = obj.status?.phase === 'Bound';
    if (bound && next.resources?.requests) next.resources.requests.storage = prev.resources?.requests?.storage;
    if (bound && next.volumeAttributesClassName !== undefined) next.volumeAttributesClassName = prev.volumeAttributesClassName;
    if (prev.volumeName === undefined) delete prev.volumeName;
    if (!deepEqual(next, prev)) {
      errs.push(
        fieldErr.forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', prev, next)}`),
      );
    }
    const newSize = parseQuantityValue(obj.spec?.resources?.requests?.storage)?.value ?? 0;
    const oldSize = parseQuantityValue(old.spec?.resources?.requests?.storage)?.value ?? 0;
    const statusSize = parseQuantityValue(old.status?.capacity?.storage)?.value ?? 0;
    if (newSize < oldSize && newSize <= statusSize) {
      errs.push(fieldErr.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
    errs.push(...immutable(obj.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
    return errs;
  },
};

const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi', 'cinder',
  'fc', 'azureFile', 'flexVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi', 'vsphereVolume',
];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];

function validatePVSpec(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  if (!(spec.accessModes ?? []).length) errs.push(fieldErr.required('spec.accessModes'));
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const cap: Record<string, unknown> = spec.capacity ?? {};
  if (Object.keys(cap).length === 0) errs.push(fieldErr.required('spec.capacity'));
  if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(fieldErr.notSupported('spec.capacity', cap, ['storage']));
  for (const [r, q] of Object.entries(cap)) {
    const v = parseQuantityValue(q);
    if (v && v.value <= 0) errs.push(fieldErr.invalid(`spec.capacity[${r}]`, canonicalQuantity(q), NOT_POSITIVE_ERROR));
  }
  if (spec.persistentVolumeReclaimPolicy && !RECLAIM.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(fieldErr.notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM));
  }
  if (spec.nodeAffinity) {
    if (spec.nodeAffinity.required) errs.push(...validateNodeSelector(spec.nodeAffinity.required, 'spec.nodeAffinity.required'));
    else errs.push(fieldErr.required('spec.nodeAffinity.required', 'must specify required node constraints'));
  }
  let n = 0;
  for (const key of PV_SOURCES) {
    const src = spec[key];
    if (src === undefined || src === null) continue;
    if (n > 0) {
      errs.push(fieldErr.forbidden(`spec.${key}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    if (key === 'hostPath') {
      if (!src.path) errs.push(fieldErr.required('spec.hostPath.path'));
      else errs.push(...noBacksteps(src.path, 'spec.hostPath.path'));
    } else if (key === 'local') {
      if (!src.path) errs.push(fieldErr.required('spec.local.path'));
      else errs.push(...noBacksteps(src.path, 'spec.local.path'));
      if (!spec.nodeAffinity) errs.push(fieldErr.required('spec.nodeAffinity', 'Local volume requires node affinity'));
    } else if (key === 'nfs') {
      if (!src.server) errs.push(fieldErr.required('spec.nfs.server'));
      if (!src.path) errs.push(fieldErr.required('spec.nfs.path'));
    } else if (key === 'csi') {
      if (!src.driver) errs.push(fieldErr.required('spec.csi.driver'));
      if (!src.volumeHandle) errs.push(fieldErr.required('spec.csi.volumeHandle'));
    }
  }
  if (n === 0) errs.push(fieldErr.required('spec', 'must specify a volume type'));
  if (spec.storageClassName) for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(fieldErr.invalid('spec.storageClassName', spec.storageClassName, m));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(fieldErr.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

export const pvStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
    if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  validate(obj) {
    return validatePVSpec(obj.spec ?? {});
  },
  validateUpdate(obj, old) {
    const errs = validatePVSpec(obj.spec ?? {});
    errs.push(...immutable(obj.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
    if (old.spec?.nodeAffinity && !deepEqual(obj.spec?.nodeAffinity, old.spec.nodeAffinity)) {
      errs.push(fieldErr.invalid('nodeAffinity', obj.spec?.nodeAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
    }
    return errs;
  },
};

const SC_RECLAIM = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateStorageClass(obj: any): FieldError[] {
  const errs: FieldError[] = [];
  if (!obj.provisioner) errs.push(fieldErr.required('provisioner'));
  else for (const m of isQualifiedName(String(obj.provisioner).toLowerCase())) errs.push(fieldErr.invalid('provisioner', String(obj.provisioner).toLowerCase(), m));
  const params = obj.parameters ?? {};
  if (Object.keys(params).length > 512) errs.push(fieldErr.tooLong('parameters', 512));
  let size = 0;
  for (const [k, v] of Object.entries(params)) {
    if (!k) errs.push(fieldErr.invalid('parameters', k, 'field can not be empty.'));
    size += k.length + String(v).length;
  }
  if (size > 256 * 1024) errs.push(fieldErr.tooLong('parameters', 256 * 1024));
  if (obj.reclaimPolicy && !SC_RECLAIM.includes(obj.reclaimPolicy)) errs.push(fieldErr.notSupported('reclaimPolicy', obj.reclaimPolicy, SC_RECLAIM));
  if (obj.volumeBindingMode === undefined || obj.volumeBindingMode === null) errs.push(fieldErr.required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(obj.volumeBindingMode)) errs.push(fieldErr.notSupported('volumeBindingMode', obj.volumeBindingMode, BINDING_MODES));
  return errs;
}

export const storageClassStrategy: KindStrategy = {
  defaults(obj) {
    if (!obj.reclaimPolicy) obj.reclaimPolicy = 'Delete';
    if (!obj.volumeBindingMode) obj.volumeBindingMode = 'Immediate';
  },
  validate: validateStorageClass,
  validateUpdate(obj, old) {
    const errs = validateStorageClass(obj);
    if (!deepEqual(obj.parameters ?? {}, old.parameters ?? {})) errs.push(fieldErr.forbidden('parameters', 'updates to parameters are forbidden.'));
    if (obj.provisioner !== old.provisioner) errs.push(fieldErr.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(fieldErr.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
    return errs;
  },
};
