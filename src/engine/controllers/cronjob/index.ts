import type { Controller, ControllerContext } from '../controller';
import { CronJobController } from './cronJobController';

/** Starts this group's controllers. */
export function start(ctx: ControllerContext): Controller[] {
  return [new CronJobController(ctx)];
}
