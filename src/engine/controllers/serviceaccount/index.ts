import type { Controller, ControllerContext } from '../controller';
import { RootCaCertPublisher } from './rootCaPublisher';
import { ServiceAccountsController } from './serviceAccounts';

/** serviceaccount-controller and root-ca-cert-publisher: what every namespace is given. */
export function start(ctx: ControllerContext): Controller[] {
  return [new ServiceAccountsController(ctx), new RootCaCertPublisher(ctx)];
}
