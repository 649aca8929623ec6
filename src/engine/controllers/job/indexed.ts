import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { has, parseIndexes, withIndexes, merge, type Intervals } from './intervals';
import { byActivePodsOrder, completionIndex, finishedTime, hasTrackingFinalizer, indexFailureCount, indexIgnoredFailureCount, isPodFailed, isPodTerminating } from './jobPods';
import { jobSettings, onlyReplaceFailedPods } from './jobSpec';
import { matchPodFailurePolicy } from './podFailurePolicy';

function sortedUnique(xs: Iterable<number>): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** calculateSucceededIndexes: .status.completedIndexes, and with it the indexes of newly succeeded pods. */
export function succeededIndexes(job: Job, pods: readonly Pod[], completions: number): { prev: Intervals; now: Intervals } {
  const prev = parseIndexes(job.status?.completedIndexes, completions);
  const fresh: number[] = [];
  for (const p of pods) {
    const ix = completionIndex(p);
    if (p.status?.phase === 'Succeeded' && ix >= 0 && ix < completions && hasTrackingFinalizer(p)) fresh.push(ix);
  }
  return { prev, now: withIndexes(prev, sortedUnique(fresh)) };
}

/** isIndexFailed: a FailIndex rule matched, or the counted failures reached backoffLimitPerIndex. */
function isIndexFailed(job: Job, pod: Pod): boolean {
  let counted = false;
  if (isPodFailed(pod, job)) {
    if (job.spec?.podFailurePolicy) {
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
      if (m.action === 'FailIndex') return true;
      counted = m.countFailed;
    } else {
      counted = true;
    }
  }
  return counted && indexFailureCount(pod) >= (jobSettings(job).backoffLimitPerIndex ?? 0);
}

/** calculateFailedIndexes: .status.failedIndexes plus indexes whose newest failure exhausted them. */
export function failedIndexes(job: Job, pods: readonly Pod[], completions: number): Intervals {
  const prev = parseIndexes(job.status?.failedIndexes, completions);
  const fresh: number[] = [];
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix >= 0 && ix < completions && hasTrackingFinalizer(p) && isIndexFailed(job, p)) fresh.push(ix);
  }
  return withIndexes(prev, sortedUnique(fresh));
}

/**
 * firstPendingIndexes: the lowest `count` indexes below completions that are neither succeeded,
 * failed, nor held by an active pod (nor, when only failed pods are replaced, a terminating one).
 */
export function firstPendingIndexes(job: Job, activePods: readonly Pod[], allPods: readonly Pod[], succeeded: Intervals, failed: Intervals | undefined, count: number, completions: number): number[] {
  if (count === 0) return [];
  let nonPending = withIndexes(succeeded, sortedUnique(activePods.map(completionIndex).filter((i) => i >= 0)));
  if (onlyReplaceFailedPods(job)) {
    nonPending = withIndexes(nonPending, sortedUnique(allPods.filter(isPodTerminating).map(completionIndex).filter((i) => i >= 0)));
  }
  if (failed) nonPending = merge(nonPending, failed);
  const result: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/**
 * getPodsWithDelayedDeletionPerIndex: per index, the newest failed pod that is still to be
 * replaced; its finalizer stays until the replacement carries its failure count on.
 */
export function podsWithDelayedDeletionPerIndex(job: Job, pods: readonly Pod[], activePods: readonly Pod[], succeeded: Intervals, failed: Intervals, completions: number): Map<number, Pod> {
  const active = new Set(activePods.map(completionIndex).filter((i) => i >= 0));
  const out = new Map<number, Pod>();
  for (const p of pods) {
    if (!hasTrackingFinalizer(p)) continue;
    if (!isPodFailed(p, job)) continue;
    const ix = completionIndex(p);
    if (ix < 0 || ix >= completions) continue;
    if (has(succeeded, ix) || has(failed, ix) || active.has(ix)) continue;
    const last = out.get(ix);
    if (!last) out.set(ix, p);
    else if (absoluteFailures(last) <= absoluteFailures(p) && finishedTime(p) >= finishedTime(last)) out.set(ix, p);
  }
  return out;
}

function absoluteFailures(p: Pod): number {
  return indexFailureCount(p) + indexIgnoredFailureCount(p);
}

/** getNewIndexFailureCounts: the counters a replacement pod inherits from the pod it replaces. */
export function newIndexFailureCounts(job: Job, replaced: Pod | undefined): { failures: number; ignored: number } {
  if (!replaced) return { failures: 0, ignored: 0 };
  let failures = indexFailureCount(replaced);
  let ignored = indexIgnoredFailureCount(replaced);
  if (job.spec?.podFailurePolicy) {
    if (matchPodFailurePolicy(job.spec.podFailurePolicy, replaced).countFailed) failures++;
    else ignored++;
  } else {
    failures++;
  }
  return { failures, ignored };
}

/**
 * appendDuplicatedIndexPodsForRemoval: active pods without a valid index, beyond completions,
 * or duplicating an index (all but one per index) are to be removed.
 */
export function duplicatedIndexPods(pods: readonly Pod[], completions: number): { rm: Pod[]; left: Pod[] } {
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const byIndex = new Map<number, Pod[]>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix < 0 || ix >= completions) {
      rm.push(p);
      continue;
    }
    const list = byIndex.get(ix) ?? [];
    list.push(p);
    byIndex.set(ix, list);
  }
  for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
    const list = byIndex.get(ix)!;
    if (list.length === 1) {
      left.push(list[0]);
      continue;
    }
    list.sort(byActivePodsOrder);
    rm.push(...list.slice(0, -1));
    left.push(list[list.length - 1]);
  }
  return { rm, left };
}
