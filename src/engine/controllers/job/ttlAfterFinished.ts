import type { Job } from 'kubernetes-types/batch/v1';
import { objectKey, splitKey, type KObject } from '../../api/object';
import { parseTimestamp, SECOND } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { finishedConditionOf } from './conditions';

/** needsCleanup: ttlSecondsAfterFinished is set and the Job has finished. */
function needsCleanup(job: Job): boolean {
  return job.spec?.ttlSecondsAfterFinished !== undefined && job.spec.ttlSecondsAfterFinished !== null && finishedConditionOf(job) !== undefined;
}

/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted, with its pods (Background propagation), that many
 * seconds after its Complete or Failed condition. Unset means the Job is kept.
 */
export class TTLAfterFinishedController extends Controller {
  constructor(ctx: ControllerContext) {
    super('ttl-after-finished-controller', ctx);
    this.api.watch('Job', (ev) => {
      if (ev.type === 'DELETED') return;
      const job = ev.object as Job;
      if (!job.metadata?.deletionTimestamp && needsCleanup(job)) this.enqueue(objectKey(ev.object));
    });
  }

  /** processJob / processTTL: delete when expired, otherwise come back when it will be. */
  protected reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const job = this.api.get<KObject>('Job', namespace, name) as Job | undefined;
    if (!job || job.metadata?.deletionTimestamp || !needsCleanup(job)) return;
    const finishedAt = parseTimestamp(finishedConditionOf(job)!.lastTransitionTime);
    if (finishedAt === undefined) return;
    const left = finishedAt + job.spec!.ttlSecondsAfterFinished! * SECOND - this.clock.now();
    if (left > 0) return { requeueAfter: left };
    this.api.delete('Job', namespace, name, { propagationPolicy: 'Background' });
  }
}
