import type { Controller, ControllerContext } from '../controller';
import { NamespaceController } from './namespaceController';
import { ResourceQuotaController } from './resourceQuota';

/** namespace-controller and resourcequota-controller. */
export function start(ctx: ControllerContext): Controller[] {
  return [new NamespaceController(ctx), new ResourceQuotaController(ctx)];
}
