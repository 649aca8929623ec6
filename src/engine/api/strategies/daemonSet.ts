/**
 * DaemonSets (SetDefaults_DaemonSet, ValidateDaemonSetSpec, pkg/registry/apps/daemonset): the
 * rolling update defaults to maxUnavailable 1 / maxSurge 0, and the strategy keeps the
 * deprecated.daemonset.template.generation annotation that counts template changes.
 */
import type { KindStrategy } from '../apiServer';
import { deepEqual } from '../equal';
import { FieldError, fieldErr } from '../errors';
import { goLabelSelector, immutable, invalidRaw, intOrStringText, nonNegative } from '../validation/common';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { intOrPercentValue, notMoreThan100Percent, templateMatchesSelector, validatePositiveIntOrPercent, validateWorkloadSelector } from '../validation/workload';
import { defaultPodTemplate } from './podDefaults';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function validateUpdateStrategy(s: any, path: string): FieldError[] {
  switch (s?.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [fieldErr.required(`${path}.rollingUpdate`)];
      const p = `${path}.rollingUpdate`;
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`),
        ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
        ...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`),
        ...notMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`),
      ];
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalidRaw(`${p}.maxSurge`, intOrStringText(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(fieldErr.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default:
      return [fieldErr.notSupported(path, s?.type ?? '', ['RollingUpdate', 'OnDelete'])];
  }
}

function validateDaemonSetSpec(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateWorkloadSelector(spec.selector, 'spec.selector', 'empty selector is invalid for daemonset'));
  errs.push(...templateMatchesSelector(spec.selector, spec.template, 'spec.template'));
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp && rp !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  const ads = spec.template?.spec?.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) errs.push(fieldErr.invalid('spec.template.spec.activeDeadlineSeconds', ads, 'activeDeadlineSeconds must be nil for DaemonSets'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, 'spec.updateStrategy'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

export const daemonSetStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.updateStrategy ??= {};
    if (!spec.updateStrategy.type) spec.updateStrategy.type = 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
    defaultPodTemplate((spec.template ??= {}));
  },

  prepareForCreate(obj) {
    obj.metadata.annotations ??= {};
    obj.metadata.annotations[TEMPLATE_GENERATION_ANNOTATION] = '1';
  },

  prepareForUpdate(obj, old) {
    const prev = Number(old.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '1') || 1;
    const next = deepEqual(obj.spec?.template, old.spec?.template) ? prev : prev + 1;
    obj.metadata.annotations ??= {};
    obj.metadata.annotations[TEMPLATE_GENERATION_ANNOTATION] = String(next);
  },

  validate(obj) {
    return validateDaemonSetSpec(obj.spec ?? {});
  },

  validateUpdate(obj, old) {
    return [...validateDaemonSetSpec(obj.spec ?? {}), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector)];
  },
};
