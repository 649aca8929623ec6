/** CronJob defaults and .status bookkeeping (cronjob/utils.go). */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/object';
import { parseTimestamp } from '../../time';

/** The CronJob status fields the controller maintains. */
export type Status = { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };

/** SetDefaults_CronJob: Allow, not suspended, 3 successful and 1 failed Job kept. */
export function settings(cj: CronJob) {
  const spec = cj.spec ?? ({} as NonNullable<CronJob['spec']>);
  return {
    concurrencyPolicy: spec.concurrencyPolicy ?? 'Allow',
    suspend: spec.suspend === true,
    successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit ?? 3,
    failedJobsHistoryLimit: spec.failedJobsHistoryLimit ?? 1,
  };
}

/** Absolute ms to a stored timestamp (whole seconds, as metav1.Time). */
export function ts(unix: number): string {
  return new Date(unix).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** inActiveList: the Job (by uid) is in .status.active. */
export function inActiveList(status: Status, uid: string): boolean {
  return (status.active ?? []).some((r) => r.uid === uid);
}

export function deleteFromActiveList(status: Status, uid: string): void {
  status.active = (status.active ?? []).filter((r) => r.uid !== uid);
}

/** byJobStartTime: by status.startTime (Jobs without one last), then by name. */
export function byJobStartTime(a: Job, b: Job): number {
  const ta = parseTimestamp(a.status?.startTime);
  const tb = parseTimestamp(b.status?.startTime);
  if (ta === undefined && tb !== undefined) return 1;
  if (ta !== undefined && tb === undefined) return -1;
  if (ta === tb) return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
  return ta! - tb!;
}

/** ref.GetReference of a Job, as .status.active lists it. */
export function objectReference(job: KObject): ObjectReference {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

/** CronJobStatus as batch/v1 serialises it (all fields omitempty). */
export function serializeStatus(s: Status): Status {
  const out: Status = {};
  if (s.active?.length) out.active = s.active;
  if (s.lastScheduleTime) out.lastScheduleTime = s.lastScheduleTime;
  if (s.lastSuccessfulTime) out.lastSuccessfulTime = s.lastSuccessfulTime;
  return out;
}
