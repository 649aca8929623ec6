import type { Controller, ControllerContext } from '../controller';
import { StatefulSetController } from './statefulSetController';

/** Starts this group's controllers. */
export function start(ctx: ControllerContext): Controller[] {
  return [new StatefulSetController(ctx)];
}
