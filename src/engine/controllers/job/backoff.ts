import type { Pod } from 'kubernetes-types/core/v1';
import { DEFAULT_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS } from './constants';
import { finishedTime, indexFailureCount, indexIgnoredFailureCount } from './jobPods';

/** backoffRecord: consecutive failures since the last success, and when the last one finished. */
export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/**
 * The pod-recreation back-off of a Job (backoff_utils.go): after the n-th consecutive failure
 * the next pod waits 10 s · 2^(n-1) (capped at 10 min) from the failure; a success resets it.
 */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  remove(key: string): void {
    this.records.delete(key);
  }

  update(record: BackoffRecord): void {
    this.records.set(record.key, { ...record });
  }

  /** newBackoffRecord: the record after counting the pods that finished since the last sync. */
  newRecord(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key);
    const rec: BackoffRecord = old ? { ...old } : { key, failuresAfterLastSuccess: 0 };
    const succeeded = [...newSucceeded].sort((a, b) => finishedTime(a) - finishedTime(b));
    const failed = [...newFailed].sort((a, b) => finishedTime(a) - finishedTime(b));
    if (succeeded.length === 0) {
      if (failed.length === 0) return rec;
      rec.failuresAfterLastSuccess += failed.length;
      rec.lastFailureTime = finishedTime(failed[failed.length - 1]);
      return rec;
    }
    rec.failuresAfterLastSuccess = 0;
    rec.lastFailureTime = undefined;
    const lastSuccess = finishedTime(succeeded[succeeded.length - 1]);
    for (let i = failed.length - 1; i >= 0; i--) {
      const t = finishedTime(failed[i]);
      if (t <= lastSuccess) break;
      if (rec.lastFailureTime === undefined) rec.lastFailureTime = t;
      rec.failuresAfterLastSuccess++;
    }
    return rec;
  }
}

/** getRemainingTimeForFailuresCount: how much of the back-off after `failures` failures is left at `now`. */
export function remainingBackoff(failures: number, lastFailureTime: number | undefined, now: number): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** getRemainingTimePerIndex: the back-off of one index, from its last failed pod's counters. */
export function remainingBackoffPerIndex(lastFailedPod: Pod | undefined, now: number): number {
  if (!lastFailedPod) return 0;
  const failures = indexFailureCount(lastFailedPod) + indexIgnoredFailureCount(lastFailedPod) + 1;
  return remainingBackoff(failures, finishedTime(lastFailedPod), now);
}
