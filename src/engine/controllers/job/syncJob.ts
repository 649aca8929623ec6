import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deepClone } from '../../api/equal';
import { isPodActive } from '../../api/podUtil';
import { parseTimestamp, rfc3339, SECOND } from '../../time';
import type { BackoffStore } from './backoff';
import { ensureJobConditionStatus, findCondition, isJobFinished, newCondition } from './conditions';
import { failedIndexes, podsWithDelayedDeletionPerIndex, succeededIndexes } from './indexed';
import { total } from './intervals';
import { completionIndex, countReady, countTerminating, hasTrackingFinalizer, isPodFailed } from './jobPods';
import { hasBackoffLimitPerIndex, jobSettings } from './jobSpec';
import { manageJob } from './manageJob';
import { failJobMessage, matchPodFailurePolicy } from './podFailurePolicy';
import { matchSuccessPolicy } from './successPolicy';
import type { JobEnv, SyncJobCtx } from './syncContext';
import { trackJobStatusAndRemoveFinalizers } from './trackStatus';

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts of running pods count as failures. */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  const s = jobSettings(job);
  if (s.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    const phase = p.status?.phase ?? 'Pending';
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const c of p.status?.initContainerStatuses ?? []) restarts += c.restartCount ?? 0;
    for (const c of p.status?.containerStatuses ?? []) restarts += c.restartCount ?? 0;
  }
  return s.backoffLimit === 0 ? restarts > 0 : restarts >= s.backoffLimit;
}

/** pastActiveDeadline: activeDeadlineSeconds counted from status.startTime (not while suspended). */
function pastActiveDeadline(job: Job, startTime: number | undefined, now: number): boolean {
  const s = jobSettings(job);
  if (s.activeDeadlineSeconds === undefined || startTime === undefined || s.suspend) return false;
  return now - startTime >= s.activeDeadlineSeconds * SECOND;
}

/**
 * getNewFinishedPods: pods that finished since the last sync — still carrying the tracking
 * finalizer, not yet in uncountedTerminatedPods, and (Indexed) with a valid index.
 */
function newFinishedPods(ctx: SyncJobCtx, completions: number, indexed: boolean): { succeeded: Pod[]; failed: Pod[] } {
  const succeeded: Pod[] = [];
  const failed: Pod[] = [];
  for (const p of ctx.pods) {
    const uid = p.metadata!.uid!;
    if (!hasTrackingFinalizer(p)) continue;
    if (indexed) {
      const ix = completionIndex(p);
      if (ix < 0 || ix >= completions) continue;
    }
    if (p.status?.phase === 'Succeeded' && !ctx.uncounted.succeeded.has(uid)) succeeded.push(p);
    if (isPodFailed(p, ctx.job) && !ctx.uncounted.failed.has(uid)) failed.push(p);
  }
  return { succeeded, failed };
}

/**
 * syncJob (job_controller.go) for one Job and its pods: count what finished, decide whether the
 * Job has failed (backoff limit, deadline, pod failure policy, failed indexes) or succeeded
 * (completions, success policy), otherwise keep the right number of pods active, then record
 * everything in the status and release the finished pods' finalizers.
 */
export function syncJob(env: JobEnv, backoff: BackoffStore, key: string, stored: Job, pods: Pod[]): void {
  if (isJobFinished(stored)) {
    backoff.remove(key);
    return;
  }
  const s = jobSettings(stored);
  if (stored.spec?.completionMode && stored.spec.completionMode !== 'NonIndexed' && stored.spec.completionMode !== 'Indexed') {
    env.event(stored, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
    return;
  }
  const now = env.now();
  const job = stored;
  const status = deepClone(stored.status ?? {}) as SyncJobCtx['status'];
  status.uncountedTerminatedPods ??= {};
  const activePods = pods.filter((p) => isPodActive(p));
  const uncounted = {
    succeeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
    failed: new Set(status.uncountedTerminatedPods.failed ?? []),
  };
  const ctx: SyncJobCtx = {
    key,
    job,
    status,
    pods,
    activePods,
    ready: countReady(activePods),
    terminating: countTerminating(pods),
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: [],
    succeededIndexes: [],
    newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
    uncounted,
    podsWithDelayedDeletionPerIndex: new Map(),
  };
  let active = activePods.length;
  const completions = s.completions ?? 0;
  const fresh = newFinishedPods(ctx, completions, s.indexed);
  const nonIgnoredFailed = stored.spec?.podFailurePolicy ? fresh.failed.filter((p) => matchPodFailurePolicy(stored.spec!.podFailurePolicy, p).countFailed).length : fresh.failed.length;
  ctx.succeeded = (status.succeeded ?? 0) + fresh.succeeded.length + uncounted.succeeded.size;
  ctx.failed = (status.failed ?? 0) + nonIgnoredFailed + uncounted.failed.size;

  // The first start; a Job created suspended has no startTime until it is resumed.
  if (!status.startTime && !s.suspend) status.startTime = rfc3339(now);
  ctx.newBackoffRecord = backoff.newRecord(key, fresh.succeeded, fresh.failed);

  const existingSuccess = findCondition(status.conditions, 'SuccessCriteriaMet');
  ctx.finishedCondition = existingSuccess?.status === 'True' ? existingSuccess : undefined;
  if (!ctx.finishedCondition) {
    const target = findCondition(status.conditions, 'FailureTarget');
    if (target?.status === 'True') {
      ctx.finishedCondition = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    } else {
      const msg = failJobMessage(stored, pods, (p) => isPodFailed(p, stored));
      if (msg) ctx.finishedCondition = newCondition('FailureTarget', 'True', 'PodFailurePolicy', msg, now);
    }
  }
  if (!ctx.finishedCondition) {
    const startTime = parseTimestamp(status.startTime);
    if (ctx.failed > s.backoffLimit || pastBackoffLimitOnFailure(stored, pods)) {
      ctx.finishedCondition = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (pastActiveDeadline(stored, startTime, now)) {
      ctx.finishedCondition = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
    } else if (s.activeDeadlineSeconds !== undefined && !s.suspend && startTime !== undefined) {
      env.enqueueAfter(key, Math.max(0, s.activeDeadlineSeconds * SECOND - (now - startTime)));
    }
  }

  if (s.indexed) {
    const si = succeededIndexes(stored, pods, completions);
    ctx.prevSucceededIndexes = si.prev;
    ctx.succeededIndexes = si.now;
    ctx.succeeded = total(si.now);
    if (hasBackoffLimitPerIndex(stored)) {
      ctx.failedIndexes = failedIndexes(stored, pods, completions);
      if (!ctx.finishedCondition) {
        if (s.maxFailedIndexes !== undefined && total(ctx.failedIndexes) > s.maxFailedIndexes) {
          ctx.finishedCondition = newCondition('FailureTarget', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
        } else if (total(ctx.failedIndexes) > 0 && total(ctx.failedIndexes) + total(ctx.succeededIndexes) >= completions) {
          ctx.finishedCondition = newCondition('FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes', now);
        }
      }
      ctx.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletionPerIndex(stored, pods, activePods, ctx.succeededIndexes, ctx.failedIndexes, completions);
    }
    if (!ctx.finishedCondition) {
      const msg = matchSuccessPolicy(stored, completions, ctx.succeededIndexes);
      if (msg) ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', msg, now);
    }
  }

  let suspendChanged = false;
  if (ctx.finishedCondition) {
    // A finishing Job stops its active pods; their finalizers stay until they are counted.
    let deleted = 0;
    let deletedReady = 0;
    for (const pod of activePods) {
      if (!env.deletePod(stored, pod)) continue;
      deleted++;
      if (countReady([pod]) === 1) deletedReady++;
    }
    if (deleted !== active) ctx.finishedCondition = undefined;
    active -= deleted;
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
  } else {
    let manageJobCalled = false;
    if (!stored.metadata?.deletionTimestamp) {
      active = manageJob(env, ctx);
      manageJobCalled = true;
    }
    const complete = s.completions === undefined ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= s.completions && active === 0;
    if (complete) {
      ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    } else if (manageJobCalled) {
      if (s.suspend) {
        const r = ensureJobConditionStatus(status.conditions ?? [], 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
        status.conditions = r.list;
        if (r.changed) {
          suspendChanged = true;
          env.event(stored, 'Normal', 'Suspended', 'Job suspended');
        }
      } else {
        const r = ensureJobConditionStatus(status.conditions ?? [], 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
        status.conditions = r.list;
        if (r.changed) {
          suspendChanged = true;
          env.event(stored, 'Normal', 'Resumed', 'Job resumed');
          // activeDeadlineSeconds counts time continuously active: a resumed Job starts again.
          status.startTime = rfc3339(now);
        }
      }
    }
  }

  const needsStatusUpdate = suspendChanged || active !== (status.active ?? 0) || ctx.ready !== status.ready || ctx.terminating !== status.terminating;
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackJobStatusAndRemoveFinalizers(env, backoff, ctx, needsStatusUpdate);
}

