/**
 * PodDisruptionBudgets (pkg/apis/policy/validation) and PriorityClasses
 * (pkg/apis/scheduling/validation and v1 defaults).
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { immutable, invalidRaw, validateLabelSelector } from '../validation/common';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from '../validation/workload';

function validatePDB(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const hasMin = spec.minAvailable !== undefined && spec.minAvailable !== null;
  const hasMax = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null;
  if (hasMin && hasMax) errs.push(invalidRaw('spec', 'policy.PodDisruptionBudgetSpec{...}', 'minAvailable and maxUnavailable cannot be both set'));
  if (hasMin) errs.push(...validatePositiveIntOrPercent(spec.minAvailable, 'spec.minAvailable'), ...notMoreThan100Percent(spec.minAvailable, 'spec.minAvailable'));
  if (hasMax) errs.push(...validatePositiveIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'), ...notMoreThan100Percent(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && !['IfHealthyBudget', 'AlwaysAllow'].includes(policy)) {
    errs.push(fieldErr.notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}

export const pdbStrategy: KindStrategy = {
  validate: validatePDB,
  validateUpdate: validatePDB,
};

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** The built-in classes the API server creates at startup (pkg/apis/scheduling SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

function validatePriorityClass(obj: any): FieldError[] {
  const errs: FieldError[] = [];
  const name: string = obj.metadata.name ?? '';
  if (name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    let problem: string | undefined;
    if (known === undefined) problem = `${name} is not a known system priority class`;
    else if (obj.value !== known) problem = `value of ${name} PriorityClass must be ${known}`;
    else if (obj.globalDefault) problem = `globalDefault of ${name} PriorityClass must be false`;
    if (problem) errs.push(fieldErr.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`));
  } else if (obj.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(fieldErr.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (obj.preemptionPolicy !== undefined && obj.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(obj.preemptionPolicy)) {
    errs.push(fieldErr.notSupported('preemptionPolicy', obj.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

export const priorityClassStrategy: KindStrategy = {
  defaults(obj) {
    if (!obj.preemptionPolicy) obj.preemptionPolicy = 'PreemptLowerPriority';
    if (obj.value === undefined || obj.value === null) obj.value = 0;
  },
  validate: validatePriorityClass,
  validateUpdate(obj, old) {
    const errs = validatePriorityClass(obj);
    if (obj.value !== old.value) errs.push(fieldErr.forbidden('value', 'may not be changed in an update.'));
    errs.push(...immutable(obj.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
    return errs;
  },
};
