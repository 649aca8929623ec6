import type { Controller, ControllerContext } from '../controller';
import { PodGcController } from './podGc';

/** pod-garbage-collector-controller. */
export function start(ctx: ControllerContext): Controller[] {
  return [new PodGcController(ctx)];
}
