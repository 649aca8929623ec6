import type { Controller, ControllerContext } from '../controller';
import { GarbageCollector } from './garbageCollector';

/** garbage-collector-controller. */
export function start(ctx: ControllerContext): Controller[] {
  return [new GarbageCollector(ctx)];
}
