import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { WatchEvent } from '../../api/apiServer';
import { deepClone } from '../../api/equal';
import { ApiError } from '../../api/errors';
import { BY_CONTROLLER } from '../../api/indexes';
import { controllerRef, objectKey, splitKey, type KObject } from '../../api/object';
import { EPOCH_MS } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { finishedConditionOf } from '../job/conditions';
import { CronParseError, parseStandard, type Schedule } from './cron';
import { byJobStartTime, deleteFromActiveList, inActiveList, objectReference, serializeStatus, settings, ts, type Status } from './cronJobStatus';
import { jobFromTemplate } from './jobFromTemplate';
import { jobName, mostRecentScheduleTime, nextScheduleTimeDuration, simToUnix, unixMs } from './scheduleTimes';
import { formatRFC1123Z, loadLocation, UTC, type Zone } from './timeZone';

/**
 * The CronJob controller, v2 (pkg/controller/cronjob/cronjob_controllerv2.go): at each scheduled
 * time it creates a Job "<cronjob>-<unix minutes>", honouring suspend, concurrencyPolicy and
 * startingDeadlineSeconds, tracks the active Jobs, trims finished ones to the history limits,
 * and requeues itself for the next activation (a foreground timer: a CronJob keeps the
 * cluster busy, as a real one keeps the controller waking up).
 */
export class CronJobController extends Controller {
  constructor(ctx: ControllerContext) {
    super('cronjob-controller', ctx);
    this.api.watch('CronJob', (ev) => this.onCronJob(ev));
    this.api.watch('Job', (ev) => {
      for (const o of ev.type === 'MODIFIED' ? [ev.object, ev.old!] : [ev.object]) {
        const ref = controllerRef(o);
        if (!ref || ref.kind !== 'CronJob') continue;
        const cj = this.api.get('CronJob', o.metadata.namespace, ref.name);
        if (cj && cj.metadata.uid === ref.uid) this.enqueue(objectKey(cj));
      }
    });
  }

  private now(): number {
    return simToUnix(this.clock.now());
  }

  /** updateCronJob: a new schedule or zone requeues for its next activation; anything else syncs now. */
  private onCronJob(ev: WatchEvent): void {
    const key = objectKey(ev.object);
    if (ev.type !== 'MODIFIED' || !ev.old) {
      this.enqueue(key);
      return;
    }
    const cur = ev.object as CronJob;
    const old = ev.old as CronJob;
    if (cur.spec?.schedule !== old.spec?.schedule || cur.spec?.timeZone !== old.spec?.timeZone) {
      let sched: Schedule;
      try {
        sched = parseStandard(this.formatSchedule(cur, false));
      } catch (err) {
        if (!(err instanceof CronParseError)) throw err;
        this.event(ev.object, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cur.spec?.schedule}`);
        return;
      }
      const t = nextScheduleTimeDuration(cur, this.now(), sched);
      if (t !== undefined) this.queue.addAfter(key, t);
      return;
    }
    this.enqueue(key);
  }

  /** formatSchedule: spec.timeZone becomes a TZ= prefix; a TZ in the schedule itself draws a warning. */
  private formatSchedule(cj: CronJob, record: boolean): string {
    const schedule = cj.spec?.schedule ?? '';
    if (schedule.includes('TZ')) {
      if (record) {
        this.event(
          cj as unknown as KObject,
          'Warning',
          'UnsupportedSchedule',
          `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
        );
      }
      return schedule;
    }
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== null) {
      if ('error' in loadLocation(tz)) return schedule;
      return `TZ=${tz} ${schedule}`;
    }
    return schedule;
  }

  /** sync: cleanupFinishedJobs, then syncCronJob, then one status write. */
  protected reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const stored = this.api.get<KObject>('CronJob', namespace, name) as CronJob | undefined;
    if (!stored) return;
    const jobs = this.api.store.byIndex('Job', BY_CONTROLLER, stored.metadata!.uid!) as Job[];
    const status: Status = deepClone((stored.status ?? {}) as Status);
    const cj: CronJob = { ...stored, status };
    const cleaned = this.cleanupFinishedJobs(cj, jobs);
    const { requeueAfter, update } = this.syncCronJob(cj, jobs);
    if (cleaned || update) {
      this.api.patchStatus('CronJob', namespace, name, (d: any) => {
        d.status = serializeStatus(status);
      });
    }
    if (requeueAfter !== undefined) return { requeueAfter: Math.max(0, requeueAfter) };
  }

  private syncCronJob(cj: CronJob, jobs: readonly Job[]): { requeueAfter?: number; update: boolean } {
    const status = cj.status as Status;
    const now = this.now();
    let update = false;
    const children = new Set<string>();
    for (const j of jobs) {
      const uid = j.metadata!.uid!;
      children.add(uid);
      const found = inActiveList(status, uid);
      const finished = finishedConditionOf(j);
      if (!found && !finished) {
        this.event(cj as unknown as KObject, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata!.name}`);
      } else if (finished) {
        if (found) {
          deleteFromActiveList(status, uid);
          this.event(cj as unknown as KObject, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata!.name}, condition: ${finished.type}`);
          update = true;
        }
        if (finished.type === 'Complete') {
          const done = j.status?.completionTime;
          const last = unixMs(status.lastSuccessfulTime);
          if (done && (last === undefined || unixMs(done)! > last)) {
            status.lastSuccessfulTime = done;
            update = true;
          }
        }
      }
    }
    // An active Job that no longer exists is dropped, so a CronJob never stays "active" forever.
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid!)) continue;
      if (!this.api.get('Job', ref.namespace, ref.name!)) {
        this.event(cj as unknown as KObject, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(status, ref.uid!);
        update = true;
      }
    }
    if (cj.metadata?.deletionTimestamp) return { update };

    const tz = cj.spec?.timeZone;
    let zone: Zone = UTC;
    if (tz !== undefined && tz !== null) {
      const loc = loadLocation(tz);
      if ('error' in loc) {
        this.event(cj as unknown as KObject, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(tz)}: ${loc.error}`);
        return { update };
      }
      zone = loc;
    }
    const s = settings(cj);
    if (s.suspend) return { update };

    let sched: Schedule;
    try {
      sched = parseStandard(this.formatSchedule(cj, true));
    } catch (err) {
      if (!(err instanceof CronParseError)) throw err;
      this.event(cj as unknown as KObject, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${err.message}`);
      return { update };
    }

    // nextScheduleTime: the most recent unmet activation, if any.
    const recent = mostRecentScheduleTime(cj, now, sched, true);
    if (recent.error) {
      this.event(cj as unknown as KObject, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${recent.error}`);
      return { update };
    }
    const scheduled = recent.mostRecent !== undefined && recent.mostRecent <= now ? recent.mostRecent : undefined;
    const next = () => nextScheduleTimeDuration(cj, now, sched);
    if (scheduled === undefined) return { requeueAfter: next(), update };
    if (recent.missed === 'many') {
      this.event(cj as unknown as KObject, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }

    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && scheduled + sds * 1000 < now) {
      this.event(cj as unknown as KObject, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`);
      return { requeueAfter: next(), update };
    }
    const name = jobName(cj.metadata!.name!, scheduled);
    if ((status.active ?? []).some((r) => r.name === name && r.namespace === cj.metadata!.namespace) || unixMs(status.lastScheduleTime) === scheduled) {
      return { requeueAfter: next(), update };
    }
    if (s.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
      this.event(cj as unknown as KObject, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { requeueAfter: next(), update };
    }
    if (s.concurrencyPolicy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const j = this.api.get('Job', ref.namespace, ref.name!);
        if (!j) {
          this.event(cj as unknown as KObject, 'Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`);
          throw new ApiError('NotFound', `jobs.batch "${ref.name}" not found`);
        }
        if (!this.deleteJob(cj, j as Job)) throw new ApiError('InternalError', `could not replace job ${ref.namespace}/${ref.name}`);
        update = true;
      }
    }

    let job: KObject;
    let existed = false;
    try {
      job = this.api.create(jobFromTemplate(cj, scheduled, zone, EPOCH_MS) as unknown as KObject);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (/because it is being terminated/.test(err.message)) throw err;
      if (err.reason !== 'AlreadyExists') {
        this.event(cj as unknown as KObject, 'Warning', 'FailedCreate', `Error creating job: ${err.message}`);
        throw err;
      }
      // Created before by us (and the status update lost), or by someone else.
      const existing = this.api.get('Job', cj.metadata!.namespace, name);
      if (!existing) throw err;
      if (controllerRef(existing)?.uid !== cj.metadata!.uid) return { update };
      if (inActiveList(status, existing.metadata.uid!)) return { update };
      job = existing;
      existed = true;
    }
    if (!existed) this.event(cj as unknown as KObject, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
    status.active = [...(status.active ?? []), objectReference(job)];
    status.lastScheduleTime = ts(scheduled);
    return { requeueAfter: next(), update: true };
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond successful/failedJobsHistoryLimit are deleted. */
  private cleanupFinishedJobs(cj: CronJob, jobs: readonly Job[]): boolean {
    const s = settings(cj);
    const succeeded: Job[] = [];
    const failed: Job[] = [];
    for (const j of jobs) {
      const c = finishedConditionOf(j);
      if (c?.type === 'Complete') succeeded.push(j);
      else if (c?.type === 'Failed') failed.push(j);
    }
    let update = false;
    for (const [list, limit] of [
      [succeeded, s.successfulJobsHistoryLimit],
      [failed, s.failedJobsHistoryLimit],
    ] as const) {
      const toDelete = list.length - limit;
      if (toDelete <= 0) continue;
      const sorted = [...list].sort(byJobStartTime);
      for (let i = 0; i < toDelete; i++) if (this.deleteJob(cj, sorted[i])) update = true;
    }
    return update;
  }

  /** deleteJob: the Job goes with its pods (Background), leaves the active list, and "Deleted job X" is recorded. */
  private deleteJob(cj: CronJob, job: Job): boolean {
    try {
      if (this.api.get('Job', job.metadata!.namespace, job.metadata!.name!)) {
        this.api.delete('Job', job.metadata!.namespace, job.metadata!.name!, { propagationPolicy: 'Background' });
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.event(cj as unknown as KObject, 'Warning', 'FailedDelete', `Deleted job: ${err.message}`);
      return false;
    }
    deleteFromActiveList(cj.status as Status, job.metadata!.uid!);
    this.event(cj as unknown as KObject, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata!.name}`);
    return true;
  }
}
