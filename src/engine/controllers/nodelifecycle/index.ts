import type { Controller, ControllerContext } from '../controller';
import { NodeLifecycleController } from './nodeLifecycle';
import { TaintEvictionController } from './taintEviction';

/** node-lifecycle-controller and taint-eviction-controller (separate since SeparateTaintEvictionController went GA). */
export function start(ctx: ControllerContext): Controller[] {
  return [new NodeLifecycleController(ctx), new TaintEvictionController(ctx)];
}
