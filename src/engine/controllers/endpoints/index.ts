import type { Controller, ControllerContext } from '../controller';
import { EndpointsController } from './endpointsController';

export function start(ctx: ControllerContext): Controller[] {
  return [new EndpointsController(ctx)];
}
