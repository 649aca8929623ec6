/**
 * ReplicaSets (apps/v1) and ReplicationControllers (core/v1): replicas default to 1; an RC's
 * selector defaults to its template labels and its own labels to the template's
 * (SetDefaults_ReplicationController); the template must match the selector.
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { goLabelSelector, immutable, nonNegative } from '../validation/common';
import { validateLabels } from '../validation/meta';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { SELECTOR_MISMATCH, validateTemplateForReplicaSet, validateWorkloadSelector } from '../validation/workload';
import { defaultPodTemplate } from './podDefaults';

function validateReplicaSetSpec(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateWorkloadSelector(spec.selector, 'spec.selector', 'empty selector is invalid for deployment'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, 'spec.template'));
  return errs;
}

export const replicaSetStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    defaultPodTemplate((spec.template ??= {}));
  },
  validate(obj) {
    return validateReplicaSetSpec(obj.spec ?? {});
  },
  validateUpdate(obj, old) {
    return [...validateReplicaSetSpec(obj.spec ?? {}), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector)];
  },
};

/** ValidateReplicationControllerSpec: a map selector, required and matching the template. */
function validateRCSpec(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const sel: Record<string, string> = spec.selector ?? {};
  if (Object.keys(sel).length === 0) errs.push(fieldErr.required('spec.selector'));
  else errs.push(...validateLabels(sel, 'spec.selector'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  const t = spec.template;
  if (!t) errs.push(fieldErr.required('spec.template'));
  else {
    const labels: Record<string, string> = t.metadata?.labels ?? {};
    if (Object.keys(sel).length && Object.entries(sel).some(([k, v]) => labels[k] !== v)) {
      errs.push(fieldErr.invalid('spec.template.metadata.labels', labels, SELECTOR_MISMATCH));
    }
    errs.push(...validatePodTemplateSpec(t, 'spec.template'));
    const rp = t.spec?.restartPolicy;
    if (rp && rp !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
    if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
      errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
    }
  }
  return errs;
}

export const replicationControllerStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    const labels = spec.template?.metadata?.labels;
    if (labels) {
      if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
      obj.metadata.labels ??= {};
      if (Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...labels };
    }
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    if (spec.template) defaultPodTemplate(spec.template);
  },
  validate(obj) {
    return validateRCSpec(obj.spec ?? {});
  },
  validateUpdate(obj) {
    return validateRCSpec(obj.spec ?? {});
  },
};

