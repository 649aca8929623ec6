/**
 * The storage admission plugins: DefaultStorageClass (plugin/pkg/admission/storage/
 * storageclass/setdefault), StorageObjectInUseProtection (…/storageobjectinuseprotection) and
 * PersistentVolumeClaimResize (…/persistentvolume/resize).
 */
import type { AdmissionPlugin, ApiContext } from '../apiServer';
import { apiErr } from '../errors';
import type { KObject } from '../object';
import { parseQuantityValue } from '../validation/quantity';
import { parseTimestamp } from '../../time';

const IS_DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const IS_DEFAULT_BETA = 'storageclass.beta.kubernetes.io/is-default-class';
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** GetDefaultClass: among classes marked default, the newest (then the name) wins. */
export function defaultStorageClass(ctx: ApiContext): KObject | undefined {
  const defaults = ctx.api
    .list('StorageClass')
    .filter((sc) => sc.metadata.annotations?.[IS_DEFAULT] === 'true' || sc.metadata.annotations?.[IS_DEFAULT_BETA] === 'true');
  defaults.sort((a, b) => {
    const ta = parseTimestamp(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTimestamp(b.metadata.creationTimestamp) ?? 0;
    if (ta !== tb) return tb - ta;
    return a.metadata.name! < b.metadata.name! ? -1 : 1;
  });
  return defaults[0];
}

export function defaultStorageClassPlugin(): AdmissionPlugin {
  return {
    name: 'DefaultStorageClass',
    kinds: ['PersistentVolumeClaim'],
    mutate(op, pvc, _old, ctx) {
      if (op !== 'CREATE') return;
      const spec = (pvc.spec ??= {});
      if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
      if (pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] !== undefined) return;
      const def = defaultStorageClass(ctx);
      if (def) spec.storageClassName = def.metadata.name;
    },
  };
}

export function storageObjectInUseProtectionPlugin(): AdmissionPlugin {
  return {
    name: 'StorageObjectInUseProtection',
    kinds: ['PersistentVolumeClaim', 'PersistentVolume'],
    mutate(op, obj) {
      if (op !== 'CREATE') return;
      const f = obj.kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : PVC_PROTECTION_FINALIZER;
      const list: string[] = obj.metadata.finalizers ?? [];
      if (!list.includes(f)) obj.metadata.finalizers = [...list, f];
    },
  };
}

export function persistentVolumeClaimResizePlugin(): AdmissionPlugin {
  return {
    name: 'PersistentVolumeClaimResize',
    kinds: ['PersistentVolumeClaim'],
    validate(op, pvc, old, ctx) {
      if (op !== 'UPDATE' || !old) return;
      const next = parseQuantityValue(pvc.spec?.resources?.requests?.storage)?.value ?? 0;
      const prev = parseQuantityValue(old.spec?.resources?.requests?.storage)?.value ?? 0;
      if (next <= prev) return;
      const cls = pvc.spec?.storageClassName ?? '';
      const oldCls = old.spec?.storageClassName ?? '';
      const sc = cls && cls === oldCls ? ctx.api.get('StorageClass', undefined, cls) : undefined;
      if (sc?.allowVolumeExpansion !== true) {
        throw apiErr.forbidden(
          'persistentvolumeclaims',
          pvc.metadata.name ?? '',
          'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
        );
      }
    },
  };
}
