import type { Controller, ControllerContext } from '../controller';
import { EndpointSliceController } from './endpointSliceController';

export function start(ctx: ControllerContext): Controller[] {
  return [new EndpointSliceController(ctx)];
}
