import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { getPodCondition, isPodReady } from '../../api/podUtil';
import { parseTimestamp } from '../../time';
import { JOB_COMPLETION_INDEX, JOB_INDEX_FAILURE_COUNT, JOB_INDEX_IGNORED_FAILURE_COUNT, JOB_TRACKING_FINALIZER, MAX_INT32 } from './constants';
import { onlyReplaceFailedPods } from './jobSpec';

export function hasTrackingFinalizer(pod: Pod): boolean {
  return (pod.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** getCompletionIndex: the pod's completion-index annotation, or -1. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  const n = Number(v);
  return n > MAX_INT32 ? -1 : n;
}

/**
 * isPodFailed: phase Failed; or, unless only failed pods are replaced, a pod being deleted that
 * did not succeed (an orphan that never reaches Failed still counts).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata?.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return pod.metadata?.deletionTimestamp !== undefined && phase !== 'Failed' && phase !== 'Succeeded';
}

/** controller.CountTerminatingPods. */
export function countTerminating(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) if (isPodTerminating(p)) n++;
  return n;
}

export function countReady(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) if (isPodReady(p)) n++;
  return n;
}

function parseCount(v: string | undefined): number {
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  const n = Number(v);
  return n > MAX_INT32 ? 0 : n;
}

/** The job-index-failure-count annotation (0 when absent or corrupt). */
export function indexFailureCount(pod: Pod): number {
  return parseCount(pod.metadata?.annotations?.[JOB_INDEX_FAILURE_COUNT]);
}

export function indexIgnoredFailureCount(pod: Pod): number {
  return parseCount(pod.metadata?.annotations?.[JOB_INDEX_IGNORED_FAILURE_COUNT]);
}

/**
 * getFinishedTime (backoff_utils.go): when the last container terminated; else when Ready
 * turned False; else deletionTimestamp minus the grace period; else the creation time.
 */
export function finishedTime(pod: Pod): number {
  const statuses = pod.status?.containerStatuses ?? [];
  let latest: number | undefined;
  let all = statuses.length > 0;
  for (const s of statuses) {
    const t = parseTimestamp(s.state?.terminated?.finishedAt);
    if (t === undefined) {
      all = false;
      break;
    }
    if (latest === undefined || t > latest) latest = t;
  }
  if (all && latest !== undefined) return latest;
  const ready = getPodCondition(pod, 'Ready');
  if (ready?.status === 'False') {
    const t = parseTimestamp(ready.lastTransitionTime);
    if (t !== undefined) return t;
  }
  const del = parseTimestamp(pod.metadata?.deletionTimestamp);
  if (del !== undefined) return del - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTimestamp(pod.metadata?.creationTimestamp) ?? 0;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readyTime(pod: Pod): number | undefined {
  return parseTimestamp(getPodCondition(pod, 'Ready')?.lastTransitionTime);
}

function maxRestarts(pod: Pod): number {
  let m = 0;
  for (const s of pod.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  return m;
}

/** afterOrZero: a missing time sorts first, else the later time first. */
function afterOrZero(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
  return b - a;
}

/**
 * controller.ActivePods: the order in which surplus active pods are removed, cheapest first:
 * unscheduled, then Pending < Unknown < Running, not ready, ready for less time, more
 * restarts, newer.
 */
export function byActivePodsOrder(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb) {
    const ta = readyTime(a);
    const tb = readyTime(b);
    if (ta !== tb) return afterOrZero(ta, tb);
  }
  const ma = maxRestarts(a);
  const mb = maxRestarts(b);
  if (ma !== mb) return mb - ma;
  const ca = parseTimestamp(a.metadata?.creationTimestamp);
  const cb = parseTimestamp(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return 0;
}
