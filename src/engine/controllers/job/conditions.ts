import type { Job, JobCondition } from 'kubernetes-types/batch/v1';
import { rfc3339 } from '../../time';

/** newCondition: lastProbeTime and lastTransitionTime both now. */
export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: number): JobCondition {
  const t = rfc3339(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export function findCondition(list: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return list?.find((c) => c.type === type);
}

/** util.FinishedCondition: the Complete or Failed condition that is True, if any. */
export function finishedConditionOf(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function isJobFinished(job: Job): boolean {
  return finishedConditionOf(job) !== undefined;
}

export function isJobSucceeded(job: Job): boolean {
  return finishedConditionOf(job)?.type === 'Complete';
}

/**
 * ensureJobConditionStatus: sets a condition of that type to the status, reason and message,
 * or appends it (never appending a False one). Returns the list and whether it changed.
 */
export function ensureJobConditionStatus(list: JobCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: number): { list: JobCondition[]; changed: boolean } {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status !== status || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      const next = [...list];
      next[i] = newCondition(type, status, reason, message, now);
      return { list: next, changed: true };
    }
    return { list, changed: false };
  }
  if (status !== 'False') return { list: [...list, newCondition(type, status, reason, message, now)], changed: true };
  return { list, changed: false };
}
