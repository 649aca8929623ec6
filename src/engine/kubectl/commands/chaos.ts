import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { getObject, resolveType } from '../resources';

function nodeArg(ctx: CommandContext, verb: string): string {
  if (ctx.args.length !== 1) throw fail(`usage: chaos ${verb} NODE`);
  const name = ctx.args[0].replace(/^(node|nodes|no)\//, '');
  getObject(ctx.api, resolveType('node'), '', name);
  return name;
}

/** Faults the simulator can inject: a kubelet that stops or resumes reporting, containers killed on their node. */
export const chaosCommand: Command = {
  name: 'chaos',
  short: 'Inject faults into the simulated cluster',
  usage: 'chaos (node-down NODE | node-up NODE | kill POD)',
  subcommands: [
    {
      name: 'node-down',
      short: "Stop a node's kubelet: the node goes NotReady after the grace period and its pods are evicted",
      usage: 'chaos node-down NODE',
      run(ctx) {
        const name = nodeArg(ctx, 'node-down');
        const nodes = ctx.cluster.controlPlane.nodes;
        if (!nodes.isRunning(name)) return ctx.println(`node/${name} kubelet already stopped`);
        nodes.stopKubelet(name);
        ctx.println(`node/${name} kubelet stopped`);
      },
    },
    {
      name: 'node-up',
      short: "Start a node's kubelet again",
      usage: 'chaos node-up NODE',
      run(ctx) {
        const name = nodeArg(ctx, 'node-up');
        const nodes = ctx.cluster.controlPlane.nodes;
        if (nodes.isRunning(name)) return ctx.println(`node/${name} kubelet already running`);
        nodes.startKubelet(name);
        ctx.println(`node/${name} kubelet started`);
      },
    },
    {
      name: 'kill',
      short: "Kill a pod's containers (exit code 137), as an OOM kill or a kill on the node would",
      usage: 'chaos kill POD [-n NAMESPACE]',
      flags: [flag('container', 'string', { short: 'c' })],
      run(ctx) {
        if (ctx.args.length !== 1) throw fail('usage: chaos kill POD');
        const name = ctx.args[0].replace(/^(pod|pods|po)\//, '');
        getObject(ctx.api, resolveType('pod'), ctx.namespace, name);
        if (!ctx.cluster.controlPlane.nodes.killPod(ctx.namespace, name)) throw fail(`pod "${name}" has no running containers to kill`);
        ctx.println(`pod/${name} killed`);
      },
    },
  ],
};
