/** Roles, ClusterRoles and their bindings (pkg/apis/rbac/validation). */
import type { KindStrategy } from '../apiServer';
import { deepEqual } from '../equal';
import { FieldError, fieldErr } from '../errors';
import { invalidRaw, validateLabelSelector } from '../validation/common';
import { isDNS1123Label, isDNS1123Subdomain, isPathSegmentName } from '../validation/names';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validateRule(rule: any, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!(rule.verbs ?? []).length) errs.push(fieldErr.required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls: string[] = rule.nonResourceURLs ?? [];
  if (urls.length) {
    if (namespaced) errs.push(fieldErr.invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length || (rule.resources ?? []).length || (rule.resourceNames ?? []).length) {
      errs.push(fieldErr.invalid(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!(rule.apiGroups ?? []).length) errs.push(fieldErr.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!(rule.resources ?? []).length) errs.push(fieldErr.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function roleStrategy(namespaced: boolean): KindStrategy {
  const validate = (obj: any) => {
    const errs: FieldError[] = [];
    for (const [i, r] of ((obj.rules ?? []) as any[]).entries()) errs.push(...validateRule(r, namespaced, `rules[${i}]`));
    const agg = obj.aggregationRule;
    if (!namespaced && agg) {
      if (!(agg.clusterRoleSelectors ?? []).length) errs.push(fieldErr.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
      for (const [i, s] of ((agg.clusterRoleSelectors ?? []) as any[]).entries()) errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`));
    }
    return errs;
  };
  return { validate, validateUpdate: validate };
}

function validateSubject(s: any, clusterBinding: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(fieldErr.required(`${path}.name`));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(fieldErr.invalid(`${path}.name`, s.name, m));
      if (s.apiGroup) errs.push(fieldErr.notSupported(`${path}.apiGroup`, s.apiGroup, ['']));
      if (clusterBinding && !s.namespace) errs.push(fieldErr.required(`${path}.namespace`));
      if (s.namespace) for (const m of isDNS1123Label(s.namespace)) errs.push(fieldErr.invalid(`${path}.namespace`, s.namespace, m));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(fieldErr.notSupported(`${path}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(fieldErr.notSupported(`${path}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function bindingStrategy(clusterBinding: boolean): KindStrategy {
  const validate = (obj: any) => {
    const errs: FieldError[] = [];
    const ref = obj.roleRef ?? {};
    if (ref.apiGroup !== RBAC_GROUP) errs.push(fieldErr.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
    const kinds = clusterBinding ? ['ClusterRole'] : ['Role', 'ClusterRole'];
    if (!kinds.includes(ref.kind)) errs.push(fieldErr.notSupported('roleRef.kind', ref.kind ?? '', kinds));
    if (!ref.name) errs.push(fieldErr.required('roleRef.name'));
    else for (const m of isPathSegmentName(ref.name)) errs.push(fieldErr.invalid('roleRef.name', ref.name, m));
    for (const [i, s] of ((obj.subjects ?? []) as any[]).entries()) errs.push(...validateSubject(s, clusterBinding, `subjects[${i}]`));
    return errs;
  };
  return {
    defaults(obj) {
      for (const s of obj.subjects ?? []) {
        if (s && s.apiGroup === undefined && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
      }
    },
    validate,
    validateUpdate(obj, old) {
      const errs = validate(obj);
      if (!deepEqual(obj.roleRef, old.roleRef)) {
        const r = obj.roleRef ?? {};
        errs.push(invalidRaw('roleRef', `rbac.RoleRef{APIGroup:${JSON.stringify(r.apiGroup ?? '')}, Kind:${JSON.stringify(r.kind ?? '')}, Name:${JSON.stringify(r.name ?? '')}}`, 'cannot change roleRef'));
      }
      return errs;
    },
  };
}

export const roleStrategyNamespaced = roleStrategy(true);
export const clusterRoleStrategy = roleStrategy(false);
export const roleBindingStrategy = bindingStrategy(false);
export const clusterRoleBindingStrategy = bindingStrategy(true);
