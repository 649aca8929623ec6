import type { Controller, ControllerContext } from './controller';
import * as cronjob from './cronjob/index';
import * as daemonset from './daemonset/index';
import * as deployment from './deployment/index';
import * as disruption from './disruption/index';
import * as endpoints from './endpoints/index';
import * as endpointslice from './endpointslice/index';
import * as gc from './gc/index';
import * as job from './job/index';
import * as namespace from './namespace/index';
import * as nodelifecycle from './nodelifecycle/index';
import * as podgc from './podgc/index';
import * as replicaset from './replicaset/index';
import * as serviceaccount from './serviceaccount/index';
import * as statefulset from './statefulset/index';
import * as volume from './volume/index';

/** Starts kube-controller-manager's controllers, keyed by their component name. */
export function startControllers(ctx: ControllerContext): Map<string, Controller> {
  const controllers = new Map<string, Controller>();
  const groups = [deployment, replicaset, daemonset, statefulset, job, cronjob, nodelifecycle, gc, namespace, podgc, serviceaccount, volume, disruption, endpointslice, endpoints];
  for (const g of groups) for (const c of g.start(ctx)) controllers.set(c.name, c);
  return controllers;
}
