/**
 * StatefulSets (SetDefaults_StatefulSet with the MaxUnavailableStatefulSet and
 * StatefulSetAutoDeletePVC gates on, ValidateStatefulSetSpec / ValidateStatefulSetUpdate).
 * Claim templates get the PVC defaults (volumeMode Filesystem, status.phase Pending).
 */
import type { KindStrategy } from '../apiServer';
import { deepEqual } from '../equal';
import { FieldError, fieldErr } from '../errors';
import { invalidRaw, nonNegative } from '../validation/common';
import { validateAnnotations, validateLabels } from '../validation/meta';
import { isDNS1123Subdomain } from '../validation/names';
import { validatePersistentVolumeClaimSpec } from '../validation/pvcSpec';
import { notMoreThan100Percent, templateMatchesSelector, validatePositiveIntOrPercent, validateWorkloadSelector } from '../validation/workload';
import { defaultPodTemplate } from './podDefaults';
import { defaultPersistentVolumeClaim } from './pvcDefaults';

const RETENTION = ['Retain', 'Delete'];

function validateStatefulSetSpec(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  switch (spec.podManagementPolicy) {
    case undefined:
    case '':
      errs.push(fieldErr.required('spec.podManagementPolicy'));
      break;
    case 'OrderedReady':
    case 'Parallel':
      break;
    default:
      errs.push(fieldErr.invalid('spec.podManagementPolicy', spec.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec.updateStrategy ?? {};
  switch (us.type) {
    case undefined:
    case '':
      errs.push(fieldErr.required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (us.rollingUpdate) errs.push(invalidRaw('spec.updateStrategy.rollingUpdate', 'apps.RollingUpdateStatefulSetStrategy{...}', "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (us.rollingUpdate) {
        errs.push(...nonNegative(us.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition'));
        const mu = us.rollingUpdate.maxUnavailable;
        if (mu !== undefined && mu !== null) {
          const p = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
          errs.push(...validatePositiveIntOrPercent(mu, p), ...notMoreThan100Percent(mu, p));
          if (mu === 0 || mu === '0%') errs.push(invalidRaw(p, String(mu), 'must be greater than 0'));
        }
      }
      break;
    default:
      errs.push(invalidRaw('spec.updateStrategy', 'apps.StatefulSetUpdateStrategy{...}', "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const ret = spec.persistentVolumeClaimRetentionPolicy;
  if (ret) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (!RETENTION.includes(ret[f])) errs.push(fieldErr.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, ret[f] ?? '', RETENTION));
    }
  }
  if (spec.ordinals && typeof spec.ordinals.start === 'number') errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateWorkloadSelector(spec.selector, 'spec.selector', 'empty selector is invalid for statefulset'));
  // ValidatePodTemplateSpecForStatefulSet checks labels and annotations only: the pod spec is
  // validated when the controller creates each pod (volumes come from the claim templates).
  errs.push(...templateMatchesSelector(spec.selector, spec.template, 'spec.template'));
  errs.push(...validateLabels(spec.template?.metadata?.labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(spec.template?.metadata?.annotations, 'spec.template.annotations'));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp && rp !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  const ads = spec.template?.spec?.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  for (const [i, t] of ((spec.volumeClaimTemplates ?? []) as any[]).entries()) {
    const p = `spec.volumeClaimTemplates[${i}]`;
    if (!t.metadata?.name) errs.push(fieldErr.required(`${p}.metadata.name`, 'name or generateName is required'));
    else for (const m of isDNS1123Subdomain(t.metadata.name)) errs.push(fieldErr.invalid(`${p}.metadata.name`, t.metadata.name, m));
    errs.push(...validateLabels(t.metadata?.labels, `${p}.metadata.labels`), ...validateAnnotations(t.metadata?.annotations, `${p}.metadata.annotations`));
    errs.push(...validatePersistentVolumeClaimSpec(t.spec ?? {}, `${p}.spec`));
  }
  return errs;
}

export const statefulSetStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
    spec.updateStrategy ??= {};
    if (!spec.updateStrategy.type) {
      spec.updateStrategy.type = 'RollingUpdate';
      spec.updateStrategy.rollingUpdate ??= {};
    }
    const ru = spec.updateStrategy.rollingUpdate;
    if (spec.updateStrategy.type === 'RollingUpdate' && ru) {
      ru.partition ??= 0;
      ru.maxUnavailable ??= 1;
    }
    spec.persistentVolumeClaimRetentionPolicy ??= {};
    spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
    spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
    defaultPodTemplate((spec.template ??= {}));
    for (const t of spec.volumeClaimTemplates ?? []) {
      if (!t.apiVersion) t.apiVersion = 'v1';
      if (!t.kind) t.kind = 'PersistentVolumeClaim';
      defaultPersistentVolumeClaim(t);
    }
  },

  validate(obj) {
    return validateStatefulSetSpec(obj.spec ?? {});
  },

  validateUpdate(obj, old) {
    const errs = validateStatefulSetSpec(obj.spec ?? {});
    const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
    const strip = (s: any) => Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !mutable.includes(k)));
    if (!deepEqual(strip(obj.spec), strip(old.spec))) {
      errs.push(
        fieldErr.forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
    return errs;
  },
};
