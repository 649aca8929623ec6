import type { Controller, ControllerContext } from '../controller';
import { REPLICA_SET, REPLICATION_CONTROLLER } from './kinds';
import { ReplicaSetController } from './replicaSetController';

/** Starts the ReplicaSet controller and the ReplicationController manager (the same logic, two kinds). */
export function start(ctx: ControllerContext): Controller[] {
  return [new ReplicaSetController(ctx, REPLICA_SET), new ReplicaSetController(ctx, REPLICATION_CONTROLLER)];
}
