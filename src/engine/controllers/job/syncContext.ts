import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { BackoffRecord } from './backoff';
import type { Intervals } from './intervals';

/** What one syncJob works with (syncJobCtx upstream). `status` is the working copy to be written. */
export interface SyncJobCtx {
  key: string;
  job: Job;
  status: JobStatus & { uncountedTerminatedPods: { succeeded?: string[]; failed?: string[] } };
  pods: Pod[];
  activePods: Pod[];
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  finishedCondition?: JobCondition;
  prevSucceededIndexes: Intervals;
  succeededIndexes: Intervals;
  failedIndexes?: Intervals;
  newBackoffRecord: BackoffRecord;
  /** The uncounted pod uids as the sync found them. */
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
}

/** The controller's side of a sync: writes through the API, events, clock and queue. */
export interface JobEnv {
  now(): number;
  event(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** RealPodControl.CreatePodsWithGenerateName; false when the API refused it. */
  createPod(job: Job, pod: Pod): boolean;
  /** RealPodControl.DeletePod; true when the pod is gone or going. */
  deletePod(job: Job, pod: Pod): boolean;
  /** Drops the job-tracking finalizer; true when done (or the pod is gone). */
  removeTrackingFinalizer(pod: Pod): boolean;
  /** Writes ctx.status as the Job's status and returns the stored Job. */
  writeStatus(ctx: SyncJobCtx): Job;
  /** Syncs the Job again after `ms`. */
  enqueueAfter(key: string, ms: number): void;
}
