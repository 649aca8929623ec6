import type { Controller, ControllerContext } from '../controller';
import { DaemonSetController } from './daemonSetController';

/** Starts this group's controllers. */
export function start(ctx: ControllerContext): Controller[] {
  return [new DaemonSetController(ctx)];
}
