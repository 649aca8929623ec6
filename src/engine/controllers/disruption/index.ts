import type { Controller, ControllerContext } from '../controller';
import { DisruptionController } from './disruptionController';

/** disruption-controller: PodDisruptionBudget status. */
export function start(ctx: ControllerContext): Controller[] {
  return [new DisruptionController(ctx)];
}
