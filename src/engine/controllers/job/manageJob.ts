import type { Job } from 'kubernetes-types/batch/v1';
import type { Container, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { deepClone } from '../../api/equal';
import { newControllerRef, type KObject } from '../../api/object';
import { isPodReady } from '../../api/podUtil';
import { podFromTemplate } from '../podTemplate';
import { remainingBackoff, remainingBackoffPerIndex } from './backoff';
import {
  COMPLETION_INDEX_ENV,
  JOB_COMPLETION_INDEX,
  JOB_INDEX_FAILURE_COUNT,
  JOB_INDEX_IGNORED_FAILURE_COUNT,
  JOB_TRACKING_FINALIZER,
  MAX_GENERATED_NAME_LENGTH,
  MAX_POD_CREATE_DELETE_PER_SYNC,
  SYNC_JOB_BATCH_PERIOD_MS,
} from './constants';
import { duplicatedIndexPods, firstPendingIndexes, newIndexFailureCounts } from './indexed';
import { byActivePodsOrder } from './jobPods';
import { hasBackoffLimitPerIndex, jobSettings, onlyReplaceFailedPods } from './jobSpec';
import type { JobEnv, SyncJobCtx } from './syncContext';

/** activePodsForRemoval: duplicate or invalid indexes first, then the cheapest active pods. */
function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[] = [...pods];
  const s = jobSettings(job);
  if (s.indexed) ({ rm, left } = duplicatedIndexPods(pods, s.completions ?? 0));
  if (rm.length < rmAtLeast) {
    left.sort(byActivePodsOrder);
    rm = [...rm, ...left.slice(0, rmAtLeast - rm.length)];
  }
  return rm;
}

/** deleteJobPods: drops each pod's tracking finalizer, then deletes it. Returns [deletedReady, deleted]. */
function deleteJobPods(env: JobEnv, job: Job, pods: readonly Pod[]): [number, number] {
  let deleted = 0;
  let deletedReady = 0;
  for (const pod of pods) {
    if (!env.removeTrackingFinalizer(pod)) continue;
    if (!env.deletePod(job, pod)) continue;
    deleted++;
    if (isPodReady(pod)) deletedReady++;
  }
  return [deletedReady, deleted];
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the pod's completion-index label. */
function addCompletionIndexEnv(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) continue;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX}']` } } }];
  }
}

/** podGenerateNameWithIndex: "<job>-<index>-", the job name cut so the prefix fits 58 characters. */
function generateNameWithIndex(jobName: string, index: number): string {
  const append = `-${index}-`;
  const prefix = jobName + append;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? jobName.slice(0, MAX_GENERATED_NAME_LENGTH - append.length) + append : prefix;
}

/**
 * manageJob (job_controller.go): keeps min(parallelism, completions − succeeded) pods active
 * (parallelism for a work-queue Job until one succeeds), deleting surplus pods or creating
 * missing ones in slow-start batches once the failure back-off has passed. A suspended Job
 * has all its active pods deleted. Returns the new active count.
 */
export function manageJob(env: JobEnv, ctx: SyncJobCtx): number {
  const job = ctx.job;
  const s = jobSettings(job);
  let active = ctx.activePods.length;

  if (s.suspend) {
    const [removedReady, removed] = deleteJobPods(env, job, activePodsForRemoval(job, ctx.activePods, active));
    active -= removed;
    ctx.terminating += removed;
    ctx.ready -= removedReady;
    return active;
  }

  let wantActive: number;
  if (s.completions === undefined) wantActive = ctx.succeeded > 0 ? active : s.parallelism;
  else wantActive = Math.max(0, Math.min(s.completions - ctx.succeeded, s.parallelism));

  const rmAtLeast = Math.max(0, active - wantActive);
  const podsToDelete = activePodsForRemoval(job, ctx.activePods, rmAtLeast).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (podsToDelete.length > 0) {
    // Deletions and creations are never mixed in one sync; deletion goes first.
    const [removedReady, removed] = deleteJobPods(env, job, podsToDelete);
    active -= removed;
    ctx.terminating += removed;
    ctx.ready -= removedReady;
    return active;
  }

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return active;

  const perIndex = hasBackoffLimitPerIndex(job);
  if (!perIndex) {
    const remaining = remainingBackoff(ctx.newBackoffRecord.failuresAfterLastSuccess, ctx.newBackoffRecord.lastFailureTime, env.now());
    if (remaining > 0) {
      env.enqueueAfter(ctx.key, Math.max(remaining, SYNC_JOB_BATCH_PERIOD_MS));
      // As upstream: the sync reports no active pods while it waits out the back-off.
      return 0;
    }
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);

  let indexes: number[] = [];
  if (s.indexed) {
    indexes = firstPendingIndexes(job, ctx.activePods, ctx.pods, ctx.succeededIndexes, ctx.failedIndexes, diff, s.completions ?? 0);
    if (perIndex) {
      const now = env.now();
      const ready: number[] = [];
      let minRemaining: number | undefined;
      for (const ix of indexes) {
        const r = remainingBackoffPerIndex(ctx.podsWithDelayedDeletionPerIndex.get(ix), now);
        if (r === 0) ready.push(ix);
        else if (minRemaining === undefined || r < minRemaining) minRemaining = r;
      }
      if (ready.length === 0 && minRemaining !== undefined) {
        env.enqueueAfter(ctx.key, Math.max(minRemaining, SYNC_JOB_BATCH_PERIOD_MS));
        return 0;
      }
      indexes = ready;
    }
    diff = indexes.length;
  }

  active += diff;
  const template = deepClone(job.spec!.template) as PodTemplateSpec;
  if (s.indexed) {
    addCompletionIndexEnv(template.spec?.initContainers);
    addCompletionIndexEnv(template.spec?.containers);
  }
  template.metadata ??= {};
  if (!(template.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) template.metadata.finalizers = [...(template.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
  const ref = newControllerRef(job as unknown as KObject);
  const ns = job.metadata!.namespace!;
  const name = job.metadata!.name!;

  // Slow start: batches of 1, 2, 4, …; after a batch with a failure the rest waits for a later sync.
  let pos = 0;
  for (let batch = Math.min(diff, 1); pos < diff; batch = Math.min(2 * batch, diff - pos)) {
    let failed = 0;
    for (let i = pos; i < pos + batch; i++) {
      let t = template;
      let generateName: string | undefined;
      if (s.indexed) {
        const ix = indexes[i];
        t = deepClone(template);
        t.metadata!.annotations = { ...(t.metadata!.annotations ?? {}), [JOB_COMPLETION_INDEX]: String(ix) };
        t.metadata!.labels = { ...(t.metadata!.labels ?? {}), [JOB_COMPLETION_INDEX]: String(ix) };
        t.spec = { ...t.spec!, hostname: `${name}-${ix}` };
        generateName = generateNameWithIndex(name, ix);
        if (perIndex) {
          const counts = newIndexFailureCounts(job, ctx.podsWithDelayedDeletionPerIndex.get(ix));
          t.metadata!.annotations[JOB_INDEX_FAILURE_COUNT] = String(counts.failures);
          if (counts.ignored > 0) t.metadata!.annotations[JOB_INDEX_IGNORED_FAILURE_COUNT] = String(counts.ignored);
        }
      }
      const pod = podFromTemplate(t, ns, name, ref);
      if (generateName) pod.metadata!.generateName = generateName;
      if (!env.createPod(job, pod)) {
        active--;
        failed++;
      }
    }
    pos += batch;
    if (failed > 0) {
      active -= diff - pos;
      break;
    }
  }
  return active;
}

export { deleteJobPods };
