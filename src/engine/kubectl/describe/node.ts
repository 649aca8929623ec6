import type { Container, Pod } from 'kubernetes-types/core/v1';
import { BY_NODE } from '../../api/indexes';
import type { KObject } from '../../api/object';
import { podRequests } from '../../api/podUtil';
import { parseQuantity } from '../../api/quantity';
import { sortByNamespaceName } from '../resources';
import { formatBinary, formatDecimal, quantityString, truncInt } from '../printers/format';
import { nodeRoles } from '../printers/tablesCore';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z, since } from './helpers';
import { allEvents, type DescribeContext } from './types';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

interface Amount {
  cpu: number;
  memory: number;
}

function containerLimit(c: Container): Amount {
  const lim = c.resources?.limits ?? {};
  return { cpu: lim.cpu === undefined ? 0 : Math.round(parseQuantity(lim.cpu) * 1000), memory: lim.memory === undefined ? 0 : parseQuantity(lim.memory) };
}

/** resourcehelper.PodLimits: app containers plus sidecars, or the largest init container, plus overhead. */
function podLimits(pod: Pod): Amount {
  const spec = pod.spec!;
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers ?? []) {
    const l = containerLimit(c);
    cpu += l.cpu;
    memory += l.memory;
  }
  let side: Amount = { cpu: 0, memory: 0 };
  let init: Amount = { cpu: 0, memory: 0 };
  for (const c of spec.initContainers ?? []) {
    const l = containerLimit(c);
    if (c.restartPolicy === 'Always') {
      side = { cpu: side.cpu + l.cpu, memory: side.memory + l.memory };
      init = { cpu: Math.max(init.cpu, side.cpu), memory: Math.max(init.memory, side.memory) };
    } else init = { cpu: Math.max(init.cpu, l.cpu + side.cpu), memory: Math.max(init.memory, l.memory + side.memory) };
  }
  cpu = Math.max(cpu + side.cpu, init.cpu);
  memory = Math.max(memory + side.memory, init.memory);
  if (cpu > 0 && spec.overhead?.cpu) cpu += Math.round(parseQuantity(spec.overhead.cpu) * 1000);
  if (memory > 0 && spec.overhead?.memory) memory += parseQuantity(spec.overhead.memory);
  return { cpu, memory };
}

/** Quantity keeps the format it was written in: memory written as "64Mi" adds up in binary units. */
function memoryBinary(pods: readonly Pod[]): boolean {
  for (const p of pods)
    for (const c of [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])]) {
      const q = c.resources?.requests?.memory ?? c.resources?.limits?.memory;
      if (q !== undefined) return /i$/.test(String(q));
    }
  return true;
}

const cpuString = (milli: number) => formatDecimal(milli / 1000);
const memString = (bytes: number, binary: boolean) => (binary ? formatBinary(bytes) : formatDecimal(bytes));
const pct = (x: number, total: number) => (total > 0 ? truncInt((x / total) * 100) : 0);

function describeNodeResource(pods: Pod[], node: KObject, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const allocCpu = alloc.cpu === undefined ? 0 : Math.round(parseQuantity(alloc.cpu) * 1000);
  const allocMem = alloc.memory === undefined ? 0 : parseQuantity(alloc.memory);
  const total = { reqCpu: 0, reqMem: 0, limCpu: 0, limMem: 0 };
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    const bin = memoryBinary([pod]);
    total.reqCpu += req.cpu;
    total.reqMem += req.memory;
    total.limCpu += lim.cpu;
    total.limMem += lim.memory;
    w.write(
      LEVEL_1,
      `${pod.metadata!.namespace}\t${pod.metadata!.name}\t\t${cpuString(req.cpu)} (${pct(req.cpu, allocCpu)}%)\t${cpuString(lim.cpu)} (${pct(lim.cpu, allocCpu)}%)\t` +
        `${memString(req.memory, bin)} (${pct(req.memory, allocMem)}%)\t${memString(lim.memory, bin)} (${pct(lim.memory, allocMem)}%)\t${since(pod.metadata!.creationTimestamp, now)}\n`,
    );
  }
  const bin = memoryBinary(pods);
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  w.write(LEVEL_1, `cpu\t${cpuString(total.reqCpu)} (${pct(total.reqCpu, allocCpu)}%)\t${cpuString(total.limCpu)} (${pct(total.limCpu, allocCpu)}%)\n`);
  w.write(LEVEL_1, `memory\t${memString(total.reqMem, bin)} (${pct(total.reqMem, allocMem)}%)\t${memString(total.limMem, bin)} (${pct(total.limMem, allocMem)}%)\n`);
  w.write(LEVEL_1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  for (const r of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) w.write(LEVEL_1, `${r}\t0 (0%)\t0 (0%)\n`);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  for (const r of Object.keys(alloc).filter((k) => !k.startsWith('hugepages-') && !standard.has(k) && !k.startsWith('requests.') && !k.startsWith('limits.')).sort()) w.write(LEVEL_1, `${r}\t0\t0\n`);
}

export function describeNode(ctx: DescribeContext, node: KObject): string {
  const w = new PrefixWriter();
  const name = node.metadata.name!;
  w.write(LEVEL_0, `Name:\t${name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  const lease = ctx.api.get('Lease', 'kube-node-lease', name);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  }
  const conds: any[] = node.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>) => {
    for (const r of Object.keys(list).sort()) w.write(LEVEL_0, `  ${r}:\t${quantityString(list[r])}\n`);
  };
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(node.status.capacity);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(node.status.allocatable);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = sortByNamespaceName(ctx.api.store.byIndex('Pod', BY_NODE, name).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) as Pod[];
  describeNodeResource(pods, node, w, ctx.now);
  if (ctx.showEvents) {
    const evs = allEvents(ctx);
    describeEvents(eventsFor(evs, node, { uids: [node.metadata.uid ?? '', name] }), w, ctx.now);
  }
  return w.toString();
}
