import type { BusyReporter } from './cluster';
import type { Controller, ControllerContext } from './controllers/controller';
import { startControllers } from './controllers/index';
import { startNodeAgents, type NodeAgents } from './kubelet/index';
import { startScheduler, type Scheduler } from './scheduler/index';
import { bootstrapCluster } from './bootstrap';
import { startNetwork, type Network } from './network/index';
import { bootstrapNetwork } from './network/bootstrap';

export interface ControlPlane {
  readonly controllers: Map<string, Controller>;
  readonly scheduler: Scheduler;
  readonly nodes: NodeAgents;
  readonly network: Network;
  bootstrap(): void;
}

/** Starts kube-controller-manager, kube-scheduler and the node agents, all watching one API server. */
export function startControlPlane(ctx: ControllerContext, registerBusy: (r: BusyReporter) => void): ControlPlane {
  const controllers = startControllers(ctx);
  const scheduler = startScheduler(ctx);
  const nodes = startNodeAgents(ctx, registerBusy);
  const network = startNetwork(ctx, nodes);
  return {
    controllers,
    scheduler,
    nodes,
    network,
    bootstrap: () => {
      bootstrapCluster(ctx, nodes);
      bootstrapNetwork(ctx);
    },
  };
}
