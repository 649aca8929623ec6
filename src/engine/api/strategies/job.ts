/**
 * Jobs (SetDefaults_Job, pkg/registry/batch/job/strategy.go, pkg/apis/batch/validation): the
 * selector is generated from the uid at creation unless manualSelector is set, the template
 * restart policy must be OnFailure or Never, and most of the spec is immutable.
 */
import type { KindStrategy } from '../apiServer';
import { deepEqual } from '../equal';
import { FieldError, fieldErr } from '../errors';
import { goLabelSelector, immutable, invalidRaw, nonNegative, selectorMatches, validateLabelSelector } from '../validation/common';
import { isDNS1123Label } from '../validation/names';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { SELECTOR_MISMATCH } from '../validation/workload';
import { defaultPodTemplate } from './podDefaults';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

const MAX_PARALLELISM_INDEXED = 100_000;

/** SetDefaults_Job's spec part (CronJob job templates do not get it). */
export function defaultJobSpec(spec: any): void {
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined || spec.parallelism === null) spec.parallelism = 1;
  if (spec.backoffLimit === undefined || spec.backoffLimit === null) spec.backoffLimit = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? 2147483647 : 6;
  if (!spec.completionMode) spec.completionMode = 'NonIndexed';
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (!spec.podReplacementPolicy) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (spec.manualSelector === undefined || spec.manualSelector === null) spec.manualSelector = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const c of rule.onPodConditions ?? []) if (!c.status) c.status = 'True';
  }
}

/** validateJobSpec: what a Job's spec and a CronJob's job template share. */
export function validateJobSpecCommon(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    errs.push(...nonNegative(spec[f], `${path}.${f}`));
  }
  if (spec.completionMode !== undefined && spec.completionMode !== null) {
    if (!['NonIndexed', 'Indexed'].includes(spec.completionMode)) errs.push(fieldErr.notSupported(`${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
    if (spec.completionMode === 'Indexed') {
      if (spec.completions === undefined || spec.completions === null) errs.push(fieldErr.required(`${path}.completions`, 'when completion mode is Indexed'));
      if (typeof spec.parallelism === 'number' && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(fieldErr.invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
    }
  }
  if (spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null) {
    errs.push(...nonNegative(spec.backoffLimitPerIndex, `${path}.backoffLimitPerIndex`));
    if (spec.completionMode !== 'Indexed') errs.push(fieldErr.invalid(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, `${path}.template`));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp === 'Always' || !rp) errs.push(fieldErr.required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldErr.notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  if (spec.podReplacementPolicy !== undefined && spec.podReplacementPolicy !== null) {
    const allowed = spec.podFailurePolicy ? ['Failed'] : ['TerminatingOrFailed', 'Failed'];
    if (!allowed.includes(spec.podReplacementPolicy)) errs.push(fieldErr.notSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, allowed));
  }
  return errs;
}

function validateJobSpec(spec: any): FieldError[] {
  const errs = validateJobSpecCommon(spec, 'spec');
  if (!spec.selector) errs.push(fieldErr.required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (spec.selector && !selectorMatches(spec.selector, spec.template?.metadata?.labels)) {
    errs.push(fieldErr.invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, SELECTOR_MISMATCH));
  }
  return errs;
}

/** validateGeneratedSelector: an automatic selector must be the uid one, and the template must carry its labels. */
function validateGeneratedSelector(job: any): FieldError[] {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true) return [];
  const labels = spec.template?.metadata?.labels;
  if (!labels) return [fieldErr.required('spec.template.metadata.labels')];
  if (!spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  for (const [key, want] of [
    [LEGACY_CONTROLLER_UID_LABEL, uid],
    [LEGACY_JOB_NAME_LABEL, name],
    [CONTROLLER_UID_LABEL, uid],
    [JOB_NAME_LABEL, name],
  ]) {
    const p = `spec.template.metadata.labels[${key}]`;
    if (!(key in labels)) errs.push(fieldErr.required(p, `must be '${want}'`));
    else if (labels[key] !== want) errs.push(fieldErr.invalid(p, labels, `must be '${want}'`));
  }
  if (!selectorMatches(spec.selector, { [CONTROLLER_UID_LABEL]: uid })) {
    errs.push(invalidRaw('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

function validateJob(job: any): FieldError[] {
  const errs = [...validateGeneratedSelector(job), ...validateJobSpec(job.spec ?? {})];
  const spec = job.spec ?? {};
  if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
    const host = `${job.metadata.name}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length) errs.push(fieldErr.invalid('metadata.name', job.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

/** What a suspended, never-started Job may change in its template (mutable scheduling directives). */
function schedulingDirectivesOnly(next: any, prev: any): boolean {
  const strip = (t: any) => {
    const copy = JSON.parse(JSON.stringify(t ?? {}));
    if (copy.metadata) {
      delete copy.metadata.labels;
      delete copy.metadata.annotations;
    }
    if (copy.spec) {
      delete copy.spec.nodeSelector;
      delete copy.spec.tolerations;
      delete copy.spec.affinity;
      delete copy.spec.schedulingGates;
    }
    return copy;
  };
  return deepEqual(strip(next), strip(prev));
}

export const jobStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    defaultJobSpec(spec);
    defaultPodTemplate((spec.template ??= {}));
    // SetDefaults_Job: a Job without labels takes its template's. On create this waits for
    // prepareForCreate (no resourceVersion yet): upstream defaults the stored object again when
    // it is read back, so the generated labels show up on the Job too.
    const tl = spec.template.metadata?.labels;
    if (obj.metadata.resourceVersion && tl && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...tl };
  },

  /** generateSelector: the uid exists now, so the selector and template labels can be set. */
  prepareForCreate(obj) {
    const spec = obj.spec;
    const copyLabels = () => {
      const tl = spec.template?.metadata?.labels;
      if (tl && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...tl };
    };
    if (spec.manualSelector === true) return copyLabels();
    const uid = obj.metadata.uid!;
    const name = obj.metadata.name!;
    spec.template.metadata ??= {};
    const labels = (spec.template.metadata.labels ??= {});
    for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
    for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
    spec.selector ??= {};
    spec.selector.matchLabels ??= {};
    if (!(CONTROLLER_UID_LABEL in spec.selector.matchLabels)) spec.selector.matchLabels[CONTROLLER_UID_LABEL] = uid;
    copyLabels();
  },

  validate(obj) {
    return validateJob(obj);
  },

  validateUpdate(obj, old) {
    const spec = obj.spec ?? {};
    const prev = old.spec ?? {};
    const errs = validateJob(obj);
    if (spec.completionMode === 'Indexed' && !deepEqual(spec.completions, prev.completions)) {
      if (typeof spec.completions === 'number' && spec.completions !== spec.parallelism) {
        errs.push(fieldErr.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
      }
    } else errs.push(...immutable(spec.completions, prev.completions, 'spec.completions'));
    errs.push(...immutable(spec.selector, prev.selector, 'spec.selector', goLabelSelector));
    const mutableScheduling = prev.suspend === true && !old.status?.startTime;
    if (!deepEqual(spec.template, prev.template) && !(mutableScheduling && schedulingDirectivesOnly(spec.template, prev.template))) {
      errs.push(invalidRaw('spec.template', 'core.PodTemplateSpec{...}', 'field is immutable'));
    }
    errs.push(...immutable(spec.completionMode, prev.completionMode, 'spec.completionMode'));
    errs.push(...immutable(spec.podFailurePolicy, prev.podFailurePolicy, 'spec.podFailurePolicy', () => 'batch.PodFailurePolicy{...}'));
    errs.push(...immutable(spec.backoffLimitPerIndex, prev.backoffLimitPerIndex, 'spec.backoffLimitPerIndex'));
    errs.push(...immutable(spec.managedBy, prev.managedBy, 'spec.managedBy'));
    return errs;
  },
};
