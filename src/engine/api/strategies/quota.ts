/**
 * ResourceQuotas and LimitRanges (ValidateResourceQuota, ValidateLimitRange,
 * SetDefaults_LimitRangeItem in pkg/apis/core).
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { immutable, validateQuantity } from '../validation/common';
import { isQualifiedName } from '../validation/names';
import { canonicalQuantity, parseQuantityValue } from '../validation/quantity';

const STANDARD_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage',
]);
const INTEGER_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];

export function isIntegerQuotaResource(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || name.startsWith('count/');
}

function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_QUOTA.has(name) && !/^(requests\.)?hugepages-/.test(name)) {
    errs.push(fieldErr.invalid(path, name, 'must be a standard resource for quota'));
  }
  return errs;
}

function validateResourceQuota(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(spec.hard ?? {})) {
    errs.push(...validateQuotaResourceName(k, `spec.hard[${k}]`), ...validateQuantity(v, `spec.hard[${k}]`, isIntegerQuotaResource(k)));
  }
  const scopes: string[] = spec.scopes ?? [];
  for (const s of scopes) if (!SCOPES.includes(s)) errs.push(fieldErr.invalid('spec.scopes', scopes, 'unsupported scope'));
  if ((scopes.includes('BestEffort') && scopes.includes('NotBestEffort')) || (scopes.includes('Terminating') && scopes.includes('NotTerminating'))) {
    errs.push(fieldErr.invalid('spec.scopes', scopes, 'conflicting scopes'));
  }
  for (const e of (spec.scopeSelector?.matchExpressions ?? []) as any[]) {
    const p = 'spec.scopeSelector.matchExpressions';
    if (!SCOPES.includes(e.scopeName)) errs.push(fieldErr.invalid(`${p}.scopeName`, e.scopeName ?? '', 'unsupported scope'));
    if (['In', 'NotIn'].includes(e.operator)) {
      if (!(e.values ?? []).length) errs.push(fieldErr.required(`${p}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (['Exists', 'DoesNotExist'].includes(e.operator)) {
      if ((e.values ?? []).length) errs.push(fieldErr.invalid(`${p}.values`, e.values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else errs.push(fieldErr.invalid(`${p}.operator`, e.operator ?? '', 'not a valid selector operator'));
  }
  return errs;
}

export const resourceQuotaStrategy: KindStrategy = {
  validate: validateResourceQuota,
  validateUpdate(obj, old) {
    const errs = validateResourceQuota(obj);
    const a = [...(obj.spec?.scopes ?? [])].sort();
    const b = [...(old.spec?.scopes ?? [])].sort();
    if (a.join() !== b.join()) errs.push(...immutable(obj.spec?.scopes ?? null, old.spec?.scopes ?? null, 'spec.scopes'));
    return errs;
  },
};

const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

function validateLimitResourceName(type: string, name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
  if (errs.length) return errs;
  if (type === 'Pod' || type === 'Container') {
    if (!name.includes('/') && !CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) errs.push(fieldErr.invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

const q = (v: unknown) => parseQuantityValue(v)?.value ?? 0;

function validateLimitRange(obj: any): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, l] of ((obj.spec?.limits ?? []) as any[]).entries()) {
    const p = `spec.limits[${i}]`;
    const type: string = l.type ?? '';
    for (const m of isQualifiedName(type)) errs.push(fieldErr.invalid(`${p}.type`, type, m));
    if (type && !type.includes('/') && !LIMIT_TYPES.includes(type)) errs.push(fieldErr.invalid(`${p}.type`, type, 'must be a standard limit type or fully qualified'));
    if (seen.has(type)) errs.push(fieldErr.duplicate(`${p}.type`, type));
    seen.add(type);
    const groups: [string, Record<string, unknown>][] = [['max', l.max ?? {}], ['min', l.min ?? {}]];
    if (type === 'Pod') {
      if (Object.keys(l.default ?? {}).length) errs.push(fieldErr.forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(l.defaultRequest ?? {}).length) errs.push(fieldErr.forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    } else groups.push(['default', l.default ?? {}], ['defaultRequest', l.defaultRequest ?? {}]);
    groups.push(['maxLimitRequestRatio', l.maxLimitRequestRatio ?? {}]);
    for (const [g, m] of groups) for (const [k, v] of Object.entries(m)) errs.push(...validateLimitResourceName(type, k, `${p}.${g}[${k}]`), ...validateQuantity(v, `${p}.${g}[${k}]`));
    if (type === 'PersistentVolumeClaim' && !('storage' in (l.min ?? {})) && !('storage' in (l.max ?? {}))) {
      errs.push(fieldErr.required(`${p}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
    }
    const keys = new Set(groups.flatMap(([, m]) => Object.keys(m)));
    for (const k of [...keys].sort()) {
      const min = l.min?.[k];
      const max = l.max?.[k];
      const def = type === 'Pod' ? undefined : l.default?.[k];
      const defReq = type === 'Pod' ? undefined : l.defaultRequest?.[k];
      const ratio = l.maxLimitRequestRatio?.[k];
      const c = canonicalQuantity;
      if (min !== undefined && max !== undefined && q(min) > q(max)) errs.push(fieldErr.invalid(`${p}.min[${k}]`, c(min), `min value ${c(min)} is greater than max value ${c(max)}`));
      if (defReq !== undefined && min !== undefined && q(min) > q(defReq)) errs.push(fieldErr.invalid(`${p}.defaultRequest[${k}]`, c(defReq), `min value ${c(min)} is greater than default request value ${c(defReq)}`));
      if (defReq !== undefined && max !== undefined && q(defReq) > q(max)) errs.push(fieldErr.invalid(`${p}.defaultRequest[${k}]`, c(defReq), `default request value ${c(defReq)} is greater than max value ${c(max)}`));
      if (defReq !== undefined && def !== undefined && q(defReq) > q(def)) errs.push(fieldErr.invalid(`${p}.defaultRequest[${k}]`, c(defReq), `default request value ${c(defReq)} is greater than default limit value ${c(def)}`));
      if (def !== undefined && min !== undefined && q(min) > q(def)) errs.push(fieldErr.invalid(`${p}.default[${k}]`, c(min), `min value ${c(min)} is greater than default value ${c(def)}`));
      if (def !== undefined && max !== undefined && q(def) > q(max)) errs.push(fieldErr.invalid(`${p}.default[${k}]`, c(max), `default value ${c(def)} is greater than max value ${c(max)}`));
      if (ratio !== undefined && q(ratio) < 1) errs.push(fieldErr.invalid(`${p}.maxLimitRequestRatio[${k}]`, c(ratio), `ratio ${c(ratio)} is less than 1`));
      if (ratio !== undefined && min !== undefined && max !== undefined && q(min) > 0) {
        const limit = q(max) / q(min);
        if (q(ratio) > limit) errs.push(fieldErr.invalid(`${p}.maxLimitRequestRatio[${k}]`, c(ratio), `ratio ${c(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
      }
    }
  }
  return errs;
}

export const limitRangeStrategy: KindStrategy = {
  /** SetDefaults_LimitRangeItem: for Container items, default ← max, defaultRequest ← default, then ← min. */
  defaults(obj) {
    for (const l of obj.spec?.limits ?? []) {
      if (l?.type !== 'Container') continue;
      const def: Record<string, unknown> = { ...(l.default ?? {}) };
      const req: Record<string, unknown> = { ...(l.defaultRequest ?? {}) };
      for (const [k, v] of Object.entries(l.max ?? {})) if (!(k in def)) def[k] = v;
      for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
      for (const [k, v] of Object.entries(l.min ?? {})) if (!(k in req)) req[k] = v;
      if (Object.keys(def).length) l.default = def;
      if (Object.keys(req).length) l.defaultRequest = req;
    }
  },
  validate: validateLimitRange,
  validateUpdate: validateLimitRange,
};
