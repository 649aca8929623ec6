import type { Job, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { ApiError } from '../../api/errors';
import { BY_CONTROLLER } from '../../api/indexes';
import { controllerRef, objectKey, splitKey, type KObject, type OwnerReference } from '../../api/object';
import { parseTimestamp, SECOND } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { BackoffStore } from './backoff';
import { isJobFinished } from './conditions';
import { JOB_TRACKING_FINALIZER, SYNC_JOB_BATCH_PERIOD_MS } from './constants';
import { hasTrackingFinalizer } from './jobPods';
import { syncJob } from './syncJob';
import type { JobEnv, SyncJobCtx } from './syncContext';

/** Keys of the orphan-pod queue share the work queue with Job keys ("<ns>/<name>"); a colon never occurs in those. */
const ORPHAN_PREFIX = 'orphan-pod:';
/** spec.managedBy value that leaves a Job to this controller (JobManagedBy, GA 1.35). */
const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';

/**
 * The Job controller (pkg/controller/job): runs pods to completion. Pod and status events are
 * batched into one sync a second later; Job creation and spec changes sync at once. Pods carry
 * the batch.kubernetes.io/job-tracking finalizer until the controller has counted them.
 */
export class JobController extends Controller {
  private readonly backoff = new BackoffStore();
  private readonly env: JobEnv;

  constructor(ctx: ControllerContext) {
    super('job-controller', ctx);
    this.env = {
      now: () => this.clock.now(),
      event: (job, type, reason, message) => this.event(job as unknown as KObject, type, reason, message),
      createPod: (job, pod) => this.createPod(job, pod),
      deletePod: (job, pod) => this.deletePod(job, pod),
      removeTrackingFinalizer: (pod) => this.removeTrackingFinalizer(pod),
      writeStatus: (c) => this.writeStatus(c),
      enqueueAfter: (key, ms) => this.queue.addAfter(key, ms),
    };
    this.api.watch('Job', (ev) => this.onJob(ev));
    this.api.watch('Pod', (ev) => this.onPod(ev));
  }

  // ---- event handlers ---------------------------------------------------------------------

  private onJob(ev: WatchEvent): void {
    const job = ev.object as Job;
    const key = objectKey(ev.object);
    if (ev.type === 'ADDED') {
      this.enqueue(key);
      return;
    }
    if (ev.type === 'DELETED') {
      this.enqueue(key);
      this.cleanupPodFinalizers(job);
      return;
    }
    const old = ev.old as Job;
    // A spec change syncs at once; status updates (mostly from pod events) are batched.
    if (job.metadata?.generation === old.metadata?.generation) this.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
    else this.enqueue(key);
    if (isJobFinished(job)) this.cleanupPodFinalizers(job);
    const start = parseTimestamp(job.status?.startTime);
    const ads = job.spec?.activeDeadlineSeconds;
    if (start !== undefined && ads !== undefined && ads !== old.spec?.activeDeadlineSeconds) {
      this.queue.addAfter(key, Math.max(0, ads * SECOND - (this.clock.now() - start)));
    }
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    if (ev.type === 'DELETED' || pod.metadata?.deletionTimestamp) {
      this.onPodDeleted(pod);
      return;
    }
    if (ev.type === 'MODIFIED' && ev.old) {
      const oldRef = controllerRef(ev.old);
      const curRef = controllerRef(ev.object);
      if (oldRef && !deepEqual(oldRef, curRef)) {
        const oldJob = this.resolve(pod.metadata!.namespace!, oldRef);
        if (oldJob) this.enqueueBatched(oldJob);
      }
    }
    const ref = controllerRef(ev.object);
    if (ref) {
      const job = this.resolve(pod.metadata!.namespace!, ref);
      if (job) this.enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(pod)) this.enqueue(ORPHAN_PREFIX + objectKey(ev.object));
  }

  /** deletePod: the Job resyncs; a pod whose Job is gone or finished only needs its finalizer removed. */
  private onPodDeleted(pod: Pod): void {
    const ref = controllerRef(pod as KObject);
    const hasFinalizer = hasTrackingFinalizer(pod);
    const key = ORPHAN_PREFIX + objectKey(pod as KObject);
    if (!ref) {
      if (hasFinalizer) this.enqueue(key);
      return;
    }
    const job = this.resolve(pod.metadata!.namespace!, ref);
    if (!job || isJobFinished(job as Job)) {
      if (hasFinalizer) this.enqueue(key);
      return;
    }
    this.enqueueBatched(job);
  }

  /** cleanupPodFinalizers: the Job's pods that still hold the finalizer go to the orphan queue. */
  private cleanupPodFinalizers(job: Job): void {
    for (const pod of this.api.store.byIndex('Pod', BY_CONTROLLER, job.metadata!.uid!)) {
      if (hasTrackingFinalizer(pod as Pod)) this.enqueue(ORPHAN_PREFIX + objectKey(pod));
    }
  }

  private resolve(namespace: string, ref: OwnerReference): KObject | undefined {
    if (ref.kind !== 'Job') return undefined;
    const job = this.api.get('Job', namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  private enqueueBatched(job: KObject): void {
    this.queue.addAfter(objectKey(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  // ---- sync -------------------------------------------------------------------------------

  protected reconcile(key: string): ReconcileResult | void {
    if (key.startsWith(ORPHAN_PREFIX)) {
      this.syncOrphanPod(key.slice(ORPHAN_PREFIX.length));
      return;
    }
    const { namespace, name } = splitKey(key);
    const job = this.api.get<KObject>('Job', namespace, name) as Job | undefined;
    if (!job) {
      this.backoff.remove(key);
      return;
    }
    const managedBy = (job.spec as any)?.managedBy;
    if (managedBy !== undefined && managedBy !== JOB_CONTROLLER_NAME) return;
    const pods = this.api.store.byIndex('Pod', BY_CONTROLLER, job.metadata!.uid!) as Pod[];
    syncJob(this.env, this.backoff, key, job, pods);
  }

  /** syncOrphanPod: drops the finalizer of a pod no unfinished Job of ours controls any more. */
  private syncOrphanPod(podKey: string): void {
    const pod = this.api.store.getByKey('Pod', podKey) as Pod | undefined;
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerRef(pod as KObject);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.resolve(pod.metadata!.namespace!, ref) as Job | undefined;
      if (job) {
        const managedBy = (job.spec as any)?.managedBy;
        if (managedBy !== undefined && managedBy !== JOB_CONTROLLER_NAME) return;
        if (!isJobFinished(job)) return;
      }
    }
    this.removeTrackingFinalizer(pod);
  }

  // ---- writes -----------------------------------------------------------------------------

  private createPod(job: Job, pod: Pod): boolean {
    try {
      const created = this.api.create(pod as KObject);
      this.event(job as unknown as KObject, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!/because it is being terminated/.test(err.message)) this.event(job as unknown as KObject, 'Warning', 'FailedCreate', `Error creating: ${err.message}`);
      return false;
    }
  }

  private deletePod(job: Job, pod: Pod): boolean {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    if (!this.api.get('Pod', ns, name)) return true;
    try {
      this.api.delete('Pod', ns, name);
      this.event(job as unknown as KObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.reason === 'NotFound') return true;
      this.event(job as unknown as KObject, 'Warning', 'FailedDelete', `Error deleting: ${err.message}`);
      return false;
    }
  }

  private removeTrackingFinalizer(pod: Pod): boolean {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const current = this.api.get('Pod', ns, name);
    if (!current || current.metadata.uid !== pod.metadata!.uid || !hasTrackingFinalizer(current as Pod)) return true;
    try {
      this.api.patchMetadata('Pod', ns, name, (m) => {
        m.finalizers = (m.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (m.finalizers.length === 0) delete m.finalizers;
      });
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return err.reason === 'NotFound';
    }
  }

  private writeStatus(ctx: SyncJobCtx): Job {
    const status = serializeJobStatus(ctx.status);
    return this.api.patchStatus('Job', ctx.job.metadata!.namespace, ctx.job.metadata!.name!, (d: any) => {
      d.status = status;
    }) as unknown as Job;
  }
}

/** JobStatus as batch/v1 serialises it: zero counters and empty lists with omitempty are left out. */
function serializeJobStatus(s: SyncJobCtx['status']): JobStatus {
  const out: any = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.terminating !== undefined) out.terminating = s.terminating;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  if (s.failedIndexes !== undefined) out.failedIndexes = s.failedIndexes;
  const u: any = {};
  if (s.uncountedTerminatedPods.succeeded?.length) u.succeeded = s.uncountedTerminatedPods.succeeded;
  if (s.uncountedTerminatedPods.failed?.length) u.failed = s.uncountedTerminatedPods.failed;
  out.uncountedTerminatedPods = u;
  if (s.ready !== undefined) out.ready = s.ready;
  return out;
}
