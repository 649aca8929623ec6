import type { KObject } from '../../api/object';
import { parseQuantity } from '../../api/quantity';
import { goDuration, parseTimestamp } from '../../time';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import { getObject, listObjects, resolveType, selectorFrom } from '../resources';
import { noResourcesMessage } from './get';

const cpu = (milli: number) => `${Math.floor(milli)}m`;
const mem = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))}Mi`;

function topPod(ctx: CommandContext): void {
  const allNs = ctx.bool('all-namespaces');
  const info = resolveType('pod');
  const nodes = ctx.cluster.controlPlane.nodes;
  let pods: KObject[];
  if (ctx.args.length) pods = [getObject(ctx.api, info, ctx.namespace, ctx.args[0])];
  else pods = listObjects(ctx.api, info, { namespace: allNs ? undefined : ctx.namespace, selector: selectorFrom(ctx.str('selector')) });
  const rows: { pod: KObject; containers: { name: string; cpuMilli: number; memoryBytes: number }[]; cpu: number; mem: number }[] = [];
  for (const p of pods) {
    const m = nodes.podMetrics(p.metadata.namespace!, p.metadata.name!);
    if (!m) {
      if (ctx.args.length) {
        const age = ctx.now - (parseTimestamp(p.metadata.creationTimestamp) ?? ctx.now);
        throw fail(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDuration(age)}`);
      }
      continue;
    }
    rows.push({ pod: p, containers: m.containers, cpu: m.containers.reduce((a, c) => a + c.cpuMilli, 0), mem: m.containers.reduce((a, c) => a + c.memoryBytes, 0) });
  }
  if (rows.length === 0) {
    ctx.warn(noResourcesMessage(allNs ? undefined : ctx.namespace, true));
    return;
  }
  const sortBy = ctx.str('sort-by');
  if (sortBy === 'cpu') rows.sort((a, b) => b.cpu - a.cpu);
  else if (sortBy === 'memory') rows.sort((a, b) => b.mem - a.mem);
  const containers = ctx.bool('containers');
  const head = [...(allNs ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'];
  let text = ctx.bool('no-headers') ? '' : head.map((h) => h + '\t').join('') + '\n';
  for (const r of rows) {
    const ns = allNs ? `${r.pod.metadata.namespace}\t` : '';
    if (containers) for (const c of r.containers) text += `${ns}${r.pod.metadata.name}\t${c.name}\t${cpu(c.cpuMilli)}\t${mem(c.memoryBytes)}\t\n`;
    else text += `${ns}${r.pod.metadata.name}\t${cpu(r.cpu)}\t${mem(r.mem)}\t\n`;
  }
  ctx.print(tabwrite(text, GET_TABWRITER));
}

function topNode(ctx: CommandContext): void {
  const info = resolveType('node');
  const nodes = ctx.args.length ? [getObject(ctx.api, info, '', ctx.args[0])] : listObjects(ctx.api, info, { selector: selectorFrom(ctx.str('selector')) });
  const agents = ctx.cluster.controlPlane.nodes;
  const rows = nodes.map((n) => {
    const m = agents.nodeMetrics(n.metadata.name!);
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    return { n, m, allocCpu: alloc.cpu ? parseQuantity(alloc.cpu) * 1000 : 0, allocMem: alloc.memory ? parseQuantity(alloc.memory) : 0 };
  });
  const sortBy = ctx.str('sort-by');
  if (sortBy === 'cpu') rows.sort((a, b) => (b.m?.cpuMilli ?? -1) - (a.m?.cpuMilli ?? -1));
  else if (sortBy === 'memory') rows.sort((a, b) => (b.m?.memoryBytes ?? -1) - (a.m?.memoryBytes ?? -1));
  let text = ctx.bool('no-headers') ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
  const pct = (x: number, total: number) => (total > 0 ? `${Math.floor((x / total) * 100)}%` : '0%');
  for (const { n, m, allocCpu, allocMem } of rows) {
    if (!m) text += `${n.metadata.name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
    else text += `${n.metadata.name}\t${cpu(m.cpuMilli)}\t${pct(m.cpuMilli, allocCpu)}\t${mem(m.memoryBytes)}\t${pct(m.memoryBytes, allocMem)}\t\n`;
  }
  ctx.print(tabwrite(text, GET_TABWRITER));
}

const common = [flag('selector', 'string', { short: 'l' }), flag('sort-by', 'string'), flag('no-headers', 'bool')];

export const topCommand: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  usage: 'top [flags] [options]',
  subcommands: [
    { name: 'node', aliases: ['nodes', 'no'], short: 'Display resource (CPU/memory) usage of nodes', usage: 'top node [NAME | -l label] [options]', flags: common, run: topNode },
    {
      name: 'pod',
      aliases: ['pods', 'po'],
      short: 'Display resource (CPU/memory) usage of pods',
      usage: 'top pod [NAME | -l label] [options]',
      flags: [...common, flag('all-namespaces', 'bool', { short: 'A' }), flag('containers', 'bool')],
      run: topPod,
    },
  ],
};
