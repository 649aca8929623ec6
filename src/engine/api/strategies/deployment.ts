/**
 * Deployments (SetDefaults_Deployment in pkg/apis/apps/v1/defaults.go, ValidateDeploymentSpec
 * in pkg/apis/apps/validation, pkg/registry/apps/deployment/strategy.go).
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { goLabelSelector, immutable, invalidRaw, intOrStringText, nonNegative } from '../validation/common';
import { intOrPercentValue, notMoreThan100Percent, validatePositiveIntOrPercent, validateTemplateForReplicaSet, validateWorkloadSelector } from '../validation/workload';
import { defaultPodTemplate } from './podDefaults';

function validateStrategy(s: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (s?.type) {
    case 'Recreate':
      if (s.rollingUpdate) errs.push(fieldErr.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) {
        errs.push(fieldErr.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil'));
        break;
      }
      const p = `${path}.rollingUpdate`;
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidRaw(`${p}.maxUnavailable`, intOrStringText(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
      break;
    }
    default:
      errs.push(fieldErr.notSupported(path, s?.type ?? '', ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeploymentSpec(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateWorkloadSelector(spec.selector, 'spec.selector', 'empty selector is invalid for deployment'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, 'spec.template'));
  errs.push(...validateStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(fieldErr.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export const deploymentStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    spec.strategy ??= {};
    if (!spec.strategy.type) spec.strategy.type = 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
    if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
    defaultPodTemplate((spec.template ??= {}));
  },

  validate(obj) {
    return validateDeploymentSpec(obj.spec ?? {});
  },

  validateUpdate(obj, old) {
    return [...validateDeploymentSpec(obj.spec ?? {}), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector)];
  },
};
