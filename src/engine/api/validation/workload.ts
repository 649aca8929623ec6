/**
 * Rules shared by the apps/v1 workloads (pkg/apis/apps/validation): selectors that must match
 * the template, template restart policy, IntOrString rollout parameters, and the ReplicaSet-style
 * pod template check.
 */
import { FieldError, fieldErr } from '../errors';
import { IS_NEGATIVE_ERROR, goLabelSelector, invalidRaw, intOrStringText, selectorIsEmpty, selectorMatches, validateLabelSelector } from './common';
import { isValidPercent } from './formats';
import { validatePodTemplateSpec } from './podSpec';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidRaw(path, intOrStringText(v), m));
  if (typeof v === 'number') return v < 0 ? [fieldErr.invalid(path, v, IS_NEGATIVE_ERROR)] : [];
  return [invalidRaw(path, intOrStringText(v), "must be an integer or percentage (e.g '5%')")];
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || !/^\d+%$/.test(v)) return [];
  return Number(v.slice(0, -1)) > 100 ? [invalidRaw(path, v, 'must not be greater than 100%')] : [];
}

/** getIntOrPercentValue: the number, or the percentage without its sign. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v.replace(/%$/, ''));
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** The selector of a workload: required, valid, non-empty. `kindWord` ends "empty selector is invalid for <kind>". */
export function validateWorkloadSelector(sel: any, path: string, emptyMessage: string): FieldError[] {
  if (!sel) return [fieldErr.required(path)];
  const errs = validateLabelSelector(sel, path);
  if (selectorIsEmpty(sel)) errs.push(invalidRaw(path, goLabelSelector(sel), emptyMessage));
  return errs;
}

/** The template's labels against the selector (a missing selector matches nothing, as labels.Nothing()). */
export function templateMatchesSelector(sel: any, template: any, path: string): FieldError[] {
  if (sel && selectorIsEmpty(sel)) return [];
  const labels = template?.metadata?.labels;
  if (sel && selectorMatches(sel, labels)) return [];
  return [fieldErr.invalid(`${path}.metadata.labels`, labels ?? {}, SELECTOR_MISMATCH)];
}

/**
 * ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets share it, so Deployments
 * report "activeDeadlineSeconds in ReplicaSet is not Supported" too).
 */
export function validateTemplateForReplicaSet(template: any, sel: any, path: string, ownerWord = 'ReplicaSet'): FieldError[] {
  if (!template) return [fieldErr.required(path)];
  const errs = templateMatchesSelector(sel, template, path);
  errs.push(...validatePodTemplateSpec(template, path));
  const rp = template.spec?.restartPolicy;
  if (rp && rp !== 'Always') errs.push(fieldErr.notSupported(`${path}.spec.restartPolicy`, rp, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldErr.forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${ownerWord} is not Supported`));
  }
  return errs;
}
