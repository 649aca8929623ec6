/**
 * CronJobs (SetDefaults_CronJob, ValidateCronJobCreate/Update in pkg/apis/batch/validation):
 * a five-field schedule or @-descriptor as robfig/cron parses it, a name short enough for the
 * Job names it produces, and a valid job template.
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { goLabelSelector, invalidRaw, nonNegative } from '../validation/common';
import { cronScheduleError } from '../validation/cron';
import { validateAnnotations, validateLabels } from '../validation/meta';
import { defaultPodTemplate } from './podDefaults';
import { validateJobSpecCommon } from './job';

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

/** time.LoadLocation: the IANA zones the runtime knows (plus UTC). */
function isKnownTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  if (supported.includes(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validateTimeZone(tz: unknown, path: string): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (typeof tz !== 'string' || tz.length === 0) return [fieldErr.invalid(path, tz ?? '', 'timeZone must be nil or non-empty string')];
  if (tz.toLowerCase() === 'local') return [fieldErr.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  if (!isKnownTimeZone(tz)) return [fieldErr.invalid(path, tz, `unknown time zone ${tz}`)];
  return [];
}

function validateCronJobSpec(spec: any, oldSpec: any | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(fieldErr.required('spec.schedule'));
  else {
    const err = cronScheduleError(spec.schedule);
    if (err) errs.push(fieldErr.invalid('spec.schedule', spec.schedule, err));
    const allowTZ = typeof oldSpec?.schedule === 'string' && oldSpec.schedule.includes('TZ');
    if (allowTZ && spec.schedule.includes('TZ') && spec.timeZone !== undefined && spec.timeZone !== null) {
      errs.push(fieldErr.invalid('spec.schedule', spec.schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && spec.schedule.includes('TZ')) {
      errs.push(fieldErr.invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!oldSpec || oldSpec.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, 'spec.timeZone'));
  if (!spec.concurrencyPolicy) errs.push(fieldErr.required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY.includes(spec.concurrencyPolicy)) errs.push(fieldErr.notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY));
  const jt = spec.jobTemplate ?? {};
  errs.push(...validateLabels(jt.metadata?.labels, 'spec.jobTemplate.metadata.labels'));
  errs.push(...validateAnnotations(jt.metadata?.annotations, 'spec.jobTemplate.metadata.annotations'));
  const js = jt.spec ?? {};
  errs.push(...validateJobSpecCommon(js, 'spec.jobTemplate.spec'));
  if (js.selector) errs.push(invalidRaw('spec.jobTemplate.spec.selector', goLabelSelector(js.selector), '`selector` will be auto-generated'));
  if (js.manualSelector === true) errs.push(fieldErr.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

export const cronJobStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
    if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
    if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null) spec.successfulJobsHistoryLimit = 3;
    if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null) spec.failedJobsHistoryLimit = 1;
    spec.jobTemplate ??= {};
    spec.jobTemplate.spec ??= {};
    defaultPodTemplate((spec.jobTemplate.spec.template ??= {}));
  },

  validate(obj) {
    const errs = validateCronJobSpec(obj.spec ?? {}, undefined);
    const name = obj.metadata.name ?? '';
    if (name.length > 52) errs.push(fieldErr.invalid('metadata.name', name, 'must be no more than 52 characters'));
    return errs;
  },

  validateUpdate(obj, old) {
    return validateCronJobSpec(obj.spec ?? {}, old.spec ?? {});
  },
};
