import type { Pod } from 'kubernetes-types/core/v1';
import type { JobCondition } from 'kubernetes-types/batch/v1';
import { ensureJobConditionStatus, findCondition, newCondition } from './conditions';
import { MAX_UNCOUNTED_PODS, SYNC_JOB_BATCH_PERIOD_MS } from './constants';
import { has, intervalsToString, total, withIndexes } from './intervals';
import { completionIndex, hasTrackingFinalizer, isPodFailed } from './jobPods';
import { hasBackoffLimitPerIndex, jobSettings } from './jobSpec';
import { matchPodFailurePolicy } from './podFailurePolicy';
import type { BackoffStore } from './backoff';
import type { JobEnv, SyncJobCtx } from './syncContext';

export function isSuccessCriteriaMet(c: JobCondition | undefined): boolean {
  return c?.type === 'SuccessCriteriaMet' && c.status === 'True';
}

/**
 * cleanUncountedPodsWithoutFinalizers: uids whose pod no longer carries the finalizer move from
 * uncountedTerminatedPods into the succeeded and failed counters. Returns whether anything moved.
 */
function cleanUncountedPodsWithoutFinalizers(status: SyncJobCtx['status'], withFinalizer: Set<string>): boolean {
  let updated = false;
  const u = status.uncountedTerminatedPods;
  const keepS = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
  if (keepS.length !== (u.succeeded ?? []).length) {
    updated = true;
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded ?? []).length - keepS.length;
    u.succeeded = keepS;
  }
  const keepF = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
  if (keepF.length !== (u.failed ?? []).length) {
    updated = true;
    status.failed = (status.failed ?? 0) + (u.failed ?? []).length - keepF.length;
    u.failed = keepF;
  }
  return updated;
}

/**
 * canRemoveFinalizer: when the Job is going away or finishing, when the pod succeeded, or when it
 * failed — unless, with backoffLimitPerIndex, it is the failed pod whose replacement must first
 * inherit its failure count.
 */
function canRemoveFinalizer(ctx: SyncJobCtx, pod: Pod, considerFailed: boolean): boolean {
  if (ctx.job.metadata?.deletionTimestamp || ctx.finishedCondition || pod.status?.phase === 'Succeeded') return true;
  if (!considerFailed) return false;
  if (hasBackoffLimitPerIndex(ctx.job)) {
    const ix = completionIndex(pod);
    if (ix >= 0 && ctx.podsWithDelayedDeletionPerIndex.get(ix)?.metadata?.uid === pod.metadata?.uid) return false;
  }
  return true;
}

/**
 * enactJobFinished: the Complete or Failed condition, once no pod is left uncounted or still
 * terminating (the terminal condition waits for the pods, since 1.31). Returns whether it did.
 */
function enactJobFinished(env: JobEnv, ctx: SyncJobCtx): boolean {
  const cond = ctx.finishedCondition;
  if (!cond) return false;
  const u = ctx.status.uncountedTerminatedPods;
  if ((u.succeeded ?? []).length + (u.failed ?? []).length > 0) return false;
  if (ctx.terminating > 0) return false;
  const { list } = ensureJobConditionStatus(ctx.status.conditions ?? [], cond.type, cond.status as 'True', cond.reason ?? '', cond.message ?? '', env.now());
  ctx.status.conditions = list;
  if (cond.type === 'Complete') ctx.status.completionTime = cond.lastTransitionTime;
  return true;
}

/** recordJobFinished: "Completed: Job completed", or a Warning with the failure's reason and message. */
function recordJobFinished(env: JobEnv, ctx: SyncJobCtx): void {
  const cond = ctx.finishedCondition!;
  const completions = jobSettings(ctx.job).completions;
  if (cond.type === 'Complete') {
    if (completions !== undefined && (ctx.status.succeeded ?? 0) > completions) {
      env.event(ctx.job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    }
    env.event(ctx.job, 'Normal', 'Completed', 'Job completed');
  } else {
    env.event(ctx.job, 'Warning', cond.reason ?? '', cond.message ?? '');
  }
}

/**
 * trackJobStatusAndRemoveFinalizers (job_controller.go): finished pods are first recorded in
 * .status.uncountedTerminatedPods (written), then their job-tracking finalizers are removed,
 * then they move into the succeeded/failed counters; interim FailureTarget/SuccessCriteriaMet
 * conditions are written before any finalizer goes, and the terminal condition after.
 */
export function trackJobStatusAndRemoveFinalizers(env: JobEnv, backoff: BackoffStore, ctx: SyncJobCtx, needsFlushIn: boolean): void {
  let needsFlush = needsFlushIn;
  const job = ctx.job;
  const s = jobSettings(job);
  const completions = s.completions ?? 0;
  const status = ctx.status;
  const u = status.uncountedTerminatedPods;
  u.succeeded = [...(u.succeeded ?? [])];
  u.failed = [...(u.failed ?? [])];
  const pods = s.indexed ? [...ctx.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : ctx.pods;
  const withFinalizer = new Set<string>();
  for (const p of pods) if (hasTrackingFinalizer(p)) withFinalizer.add(p.metadata!.uid!);
  if (cleanUncountedPodsWithoutFinalizers(status, withFinalizer)) needsFlush = true;

  const toRemoveFinalizer: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMaxUncounted = false;
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata!.uid!;
    const considerFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, considerFailed)) continue;
    toRemoveFinalizer.push(pod);
    if (pod.status?.phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (s.indexed) {
        const ix = completionIndex(pod);
        if (ix >= 0 && ix < completions && !has(ctx.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncounted.succeeded.has(uid)) {
        needsFlush = true;
        u.succeeded.push(uid);
      }
    } else if (considerFailed || (ctx.finishedCondition && !isSuccessCriteriaMet(ctx.finishedCondition))) {
      // When the Job is finishing, every pod not yet terminated counts as failed.
      const ix = completionIndex(pod);
      if (!ctx.uncounted.failed.has(uid) && (!s.indexed || (ix >= 0 && ix < completions))) {
        if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed) {
          needsFlush = true;
          u.failed.push(uid);
        }
      }
    }
    if (newSucceededIndexes.length + u.succeeded.length + u.failed.length >= MAX_UNCOUNTED_PODS) {
      reachedMaxUncounted = true;
      break;
    }
  }

  if (s.indexed) {
    ctx.succeededIndexes = withIndexes(ctx.succeededIndexes, [...new Set(newSucceededIndexes)].sort((a, b) => a - b));
    const text = intervalsToString(ctx.succeededIndexes);
    if (text !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = total(ctx.succeededIndexes);
    status.completedIndexes = text;
    const failedText = ctx.failedIndexes ? intervalsToString(ctx.failedIndexes) : undefined;
    if (failedText !== status.failedIndexes) {
      status.failedIndexes = failedText;
      needsFlush = true;
    }
  }
  if (ctx.finishedCondition?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), ctx.finishedCondition];
    needsFlush = true;
    ctx.finishedCondition = newCondition('Failed', 'True', ctx.finishedCondition.reason ?? '', ctx.finishedCondition.message ?? '', env.now());
  }
  if (isSuccessCriteriaMet(ctx.finishedCondition)) {
    if (!findCondition(status.conditions, 'SuccessCriteriaMet')) {
      status.conditions = [...(status.conditions ?? []), ctx.finishedCondition!];
      needsFlush = true;
    }
    ctx.finishedCondition = newCondition('Complete', 'True', ctx.finishedCondition!.reason ?? '', ctx.finishedCondition!.message ?? '', env.now());
  }

  // flushUncountedAndRemoveFinalizers.
  if (needsFlush) {
    ctx.job = env.writeStatus(ctx);
    backoff.update(ctx.newBackoffRecord);
    needsFlush = false;
  }
  let rmFailed = false;
  for (const pod of toRemoveFinalizer) {
    if (env.removeTrackingFinalizer(pod)) withFinalizer.delete(pod.metadata!.uid!);
    else rmFailed = true;
  }
  if (cleanUncountedPodsWithoutFinalizers(status, withFinalizer)) needsFlush = true;
  if (rmFailed) {
    // Partial progress is written and the sync retried (the error path upstream).
    if (needsFlush) ctx.job = env.writeStatus(ctx);
    env.enqueueAfter(ctx.key, SYNC_JOB_BATCH_PERIOD_MS);
    return;
  }

  const finished = !reachedMaxUncounted && enactJobFinished(env, ctx);
  if (finished) needsFlush = true;
  if (needsFlush) {
    ctx.job = env.writeStatus(ctx);
    if (finished) recordJobFinished(env, ctx);
  }
}

