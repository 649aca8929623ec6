import type { Controller, ControllerContext } from '../controller';
import { DeploymentController } from './controller';

/** Starts the Deployment controller. */
export function start(ctx: ControllerContext): Controller[] {
  return [new DeploymentController(ctx)];
}
