import type { BusyReporter } from './cluster';
import type { Controller, ControllerContext } from './controllers/controller';
import { startControllers } from './controllers/index';
import { startNodeAgents, type NodeAgents } from './kubelet/index';
import { startScheduler, type Scheduler } from './scheduler/index';
import { bootstrapCluster } from './bootstrap';

export interface ControlPlane {
  readonly controllers: Map<string, Controller>;
  readonly scheduler: Scheduler;
  readonly nodes: NodeAgents;
  bootstrap(): void;
}

/** Starts kube-controller-manager, kube-scheduler and the node agents, all watching one API server. */
export function startControlPlane(ctx: ControllerContext, registerBusy: (r: BusyReporter) => void): ControlPlane {
  const controllers = startControllers(ctx);
  const scheduler = startScheduler(ctx);
  const nodes = startNodeAgents(ctx, registerBusy);
  return {
    controllers,
    scheduler,
    nodes,
    bootstrap: () => bootstrapCluster(ctx, nodes),
  };
}
