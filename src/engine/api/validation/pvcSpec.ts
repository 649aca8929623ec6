/** ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation), shared by PVCs, ephemeral volumes and claim templates. */
import { FieldError, fieldErr } from '../errors';
import { validateLabelSelector, NOT_POSITIVE_ERROR } from './common';
import { isDNS1123Subdomain } from './names';
import { QUANTITY_REGEX_ERROR, parseQuantityValue } from './quantity';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const VOLUME_MODES = ['Block', 'Filesystem'];

export function validateAccessModes(modes: unknown[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const m of modes ?? []) {
    if (!ACCESS_MODES.includes(m as string)) errs.push(fieldErr.notSupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m as string)) other = true;
  }
  if (rwop && other) errs.push(fieldErr.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validatePersistentVolumeClaimSpec(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!(spec.accessModes ?? []).length) errs.push(fieldErr.required(`${path}.accessModes`, 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  errs.push(...validateAccessModes(spec.accessModes, `${path}.accessModes`));
  // Upstream keys the storage request on "resources" itself: spec.resources[storage].
  const storagePath = `${path}.resources[storage]`;
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(fieldErr.required(storagePath));
  else {
    const q = parseQuantityValue(storage);
    if (!q) errs.push(fieldErr.invalid(storagePath, storage, QUANTITY_REGEX_ERROR));
    else if (q.value <= 0) errs.push(fieldErr.invalid(storagePath, String(storage), NOT_POSITIVE_ERROR));
  }
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(fieldErr.invalid(`${path}.storageClassName`, spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(fieldErr.notSupported(`${path}.volumeMode`, spec.volumeMode, VOLUME_MODES));
  }
  for (const key of ['dataSource', 'dataSourceRef'] as const) {
    const ds = spec[key];
    if (!ds) continue;
    if (!ds.name) errs.push(fieldErr.required(`${path}.${key}.name`));
    if (!ds.kind) errs.push(fieldErr.required(`${path}.${key}.kind`));
    if (!ds.apiGroup && ds.kind !== 'PersistentVolumeClaim') {
      errs.push(fieldErr.invalid(`${path}.${key}`, ds.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    }
  }
  return errs;
}
