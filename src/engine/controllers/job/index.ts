import type { Controller, ControllerContext } from '../controller';
import { JobController } from './jobController';
import { TTLAfterFinishedController } from './ttlAfterFinished';

/** Starts this group's controllers: the Job controller and the TTL-after-finished controller. */
export function start(ctx: ControllerContext): Controller[] {
  return [new JobController(ctx), new TTLAfterFinishedController(ctx)];
}
