import type { Node, Taint } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../api/quantity';
import { FLAG_HOSTNAME, FLAG_TAINTED, FLAG_UNSCHEDULABLE, type NodeNumbers } from './nodeNumbers';
import { hasPodAffinity, normalizedImageName, portsConflict, type HostPort, type PodInfo } from './podInfo';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';

/**
 * framework.NodeInfo: one node and the pods the scheduler counts on it (bound and assumed),
 * with the sums the filters and scores read, kept up to date incrementally.
 */
export class NodeInfo {
  node!: Node;
  labels: Readonly<Record<string, string>> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  /** Allocatable millicores, bytes and pod slots (status.allocatable; missing means zero, as upstream). */
  allocCpu = 0;
  allocMemory = 0;
  allocPods = 0;
  reqCpu = 0;
  reqMemory = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  usedPorts: HostPort[] = [];
  /** Pods here with any pod (anti-)affinity, and with required anti-affinity (the symmetric check). */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Normalized image name → size in bytes (node.status.images). */
  images = new Map<string, number>();
  zoneKey = '';
  /** The kubernetes.io/hostname label (read in the scoring loop). */
  hostname: string | undefined;
  zone: string | undefined;
  hasPreferNoSchedule = false;

  constructor(
    readonly name: string,
    /** Stable index into the scheduler's per-node arrays. */
    readonly slot: number,
    /** The cache's per-slot arrays this node's numbers are mirrored into (when it has them). */
    private readonly nums?: NodeNumbers,
  ) {}

  /** Mirrors the numbers into the per-slot arrays the hot loops read. */
  private sync(): void {
    const n = this.nums;
    if (!n) return;
    const s = this.slot;
    n.allocCpu[s] = this.allocCpu;
    n.allocMemory[s] = this.allocMemory;
    n.allocPods[s] = this.allocPods;
    n.reqCpu[s] = this.reqCpu;
    n.reqMemory[s] = this.reqMemory;
    n.nonZeroCpu[s] = this.nonZeroCpu;
    n.nonZeroMemory[s] = this.nonZeroMemory;
    n.podCount[s] = this.pods.size;
    n.flags[s] = (this.unschedulable ? FLAG_UNSCHEDULABLE : 0) | (this.taints.length ? FLAG_TAINTED : 0) | (this.hostname !== undefined ? FLAG_HOSTNAME : 0);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    const alloc = node.status?.allocatable ?? {};
    this.allocCpu = alloc.cpu !== undefined ? Math.ceil(parseQuantity(alloc.cpu) * 1000 - 1e-9) : 0;
    this.allocMemory = alloc.memory !== undefined ? Math.floor(parseQuantity(alloc.memory)) : 0;
    this.allocPods = alloc.pods !== undefined ? Math.floor(parseQuantity(alloc.pods)) : 0;
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) images.set(normalizedImageName(n), img.sizeBytes ?? 0);
    }
    this.images = images;
    this.zoneKey = zoneKeyOf(this.labels);
    this.hostname = this.labels[LABEL_HOSTNAME];
    this.zone = this.labels[LABEL_ZONE];
    this.hasPreferNoSchedule = this.taints.some((t) => t.effect === 'PreferNoSchedule');
    this.sync();
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.uid, p);
    this.reqCpu += p.cpu;
    this.reqMemory += p.memory;
    this.nonZeroCpu += p.nonZeroCpu;
    this.nonZeroMemory += p.nonZeroMemory;
    for (const hp of p.hostPorts) this.usedPorts.push(hp);
    if (hasPodAffinity(p)) this.podsWithAffinity++;
    if (p.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity++;
    this.sync();
  }

  removePod(p: PodInfo): void {
    if (!this.pods.delete(p.uid)) return;
    this.reqCpu -= p.cpu;
    this.reqMemory -= p.memory;
    this.nonZeroCpu -= p.nonZeroCpu;
    this.nonZeroMemory -= p.nonZeroMemory;
    if (p.hostPorts.length) {
      for (const hp of p.hostPorts) {
        const i = this.usedPorts.findIndex((u) => u.ip === hp.ip && u.protocol === hp.protocol && u.port === hp.port);
        if (i >= 0) this.usedPorts.splice(i, 1);
      }
    }
    if (hasPodAffinity(p)) this.podsWithAffinity--;
    if (p.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity--;
    this.sync();
  }

  portsConflictWith(ports: readonly HostPort[]): boolean {
    for (const want of ports) for (const used of this.usedPorts) if (portsConflict(want, used)) return true;
    return false;
  }
}

/** utilnode.GetZoneKey: region and zone together name a zone of the node tree. */
export function zoneKeyOf(labels: Readonly<Record<string, string>>): string {
  const region = labels[LABEL_REGION] ?? '';
  const zone = labels[LABEL_ZONE] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}
