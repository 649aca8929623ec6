import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { fieldErr, FieldError } from '../errors';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isPathSegmentName, isQualifiedName, isValidLabelValue } from './names';

export type NameRule = (name: string) => string[];

/** Which name rule each kind uses (ValidateObjectMeta's nameFn); DNS-1123 subdomain unless listed. */
const NAME_RULES: Record<string, NameRule> = {
  Namespace: isDNS1123Label,
  Service: isDNS1035Label,
  // Pod hostnames are "<set>-<ordinal>", so a StatefulSet name is a DNS label.
  StatefulSet: isDNS1123Label,
  Role: isPathSegmentName,
  ClusterRole: isPathSegmentName,
  RoleBinding: isPathSegmentName,
  ClusterRoleBinding: isPathSegmentName,
};

export function nameRuleFor(kind: string): NameRule {
  return NAME_RULES[kind] ?? isDNS1123Subdomain;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabels(labels: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const e of isQualifiedName(k)) errs.push(fieldErr.invalid(path, k, e));
    if (typeof v !== 'string') {
      errs.push(fieldErr.invalid(`${path}`, v, 'label values must be strings'));
      continue;
    }
    for (const e of isValidLabelValue(v)) errs.push(fieldErr.invalid(path, v, e));
  }
  return errs;
}

export function validateAnnotations(ann: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(ann ?? {})) {
    for (const e of isQualifiedName(k.toLowerCase())) errs.push(fieldErr.invalid(path, k, e));
    total += k.length + String(v).length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(new FieldError('TooLong', path, undefined, `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`));
  return errs;
}

/**
 * ValidateObjectMeta for the fields every kind shares. `kind` picks the name rule; the path
 * prefix is "" at the top level and e.g. "spec.template." for embedded templates.
 */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, prefix: string, kind?: string): FieldError[] {
  const errs: FieldError[] = [];
  const p = `${prefix}metadata`;
  const rule = nameRuleFor(kind ?? '');
  if (meta.name !== undefined && meta.name !== '' && prefix === '') {
    for (const e of rule(meta.name)) errs.push(fieldErr.invalid(`${p}.name`, meta.name, e));
  }
  if (meta.generateName && prefix === '' && !meta.name) {
    const trimmed = meta.generateName.replace(/-$/, '');
    for (const e of rule(trimmed || 'a')) errs.push(fieldErr.invalid(`${p}.generateName`, meta.generateName, e));
  }
  if (namespaced && prefix === '' && meta.namespace !== undefined) {
    for (const e of isDNS1123Label(meta.namespace)) errs.push(fieldErr.invalid(`${p}.namespace`, meta.namespace, e));
  }
  errs.push(...validateLabels(meta.labels, `${p}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${p}.annotations`));
  for (const [i, ref] of (meta.ownerReferences ?? []).entries()) {
    if (!ref.apiVersion) errs.push(fieldErr.invalid(`${p}.ownerReferences[${i}].apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(fieldErr.invalid(`${p}.ownerReferences[${i}].kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(fieldErr.invalid(`${p}.ownerReferences[${i}].name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(fieldErr.invalid(`${p}.ownerReferences[${i}].uid`, ref.uid ?? '', 'uid must not be empty'));
  }
  if ((meta.ownerReferences ?? []).filter((r) => r.controller).length > 1) {
    errs.push(fieldErr.invalid(`${p}.ownerReferences`, '', 'Only one reference can have Controller set to true'));
  }
  for (const [i, f] of (meta.finalizers ?? []).entries()) {
    for (const e of isQualifiedName(f)) errs.push(fieldErr.invalid(`${p}.finalizers[${i}]`, f, e));
  }
  return errs;
}
