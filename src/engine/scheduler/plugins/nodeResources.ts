import { MAX_NODE_SCORE, PLUGIN, SCORE_WEIGHTS, status, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import type { NodeNumbers } from '../nodeNumbers';
import type { CycleContext, PreFilterResult, ScorePlugin, SlotFilterPlugin } from './types';

export const ERR_TOO_MANY_PODS = 'Too many pods';
export const ERR_INSUFFICIENT_CPU = 'Insufficient cpu';
export const ERR_INSUFFICIENT_MEMORY = 'Insufficient memory';

/** A module-local copy: imported bindings are getters in some module systems, too slow for the inner loop. */
const MAX: number = MAX_NODE_SCORE;

/** Every combination of the fit reasons, in upstream's order (pods, cpu, memory), by bit mask. */
const FIT_STATUSES: Status[] = [];
for (let i = 0; i < 16; i++) {
  const reasons: string[] = [];
  if (i & 1) reasons.push(ERR_TOO_MANY_PODS);
  if (i & 2) reasons.push(ERR_INSUFFICIENT_CPU);
  if (i & 4) reasons.push(ERR_INSUFFICIENT_MEMORY);
  FIT_STATUSES.push(status(PLUGIN.NodeResourcesFit, i & 8 ? 'UnschedulableAndUnresolvable' : 'Unschedulable', ...reasons));
}

/**
 * NodeResourcesFit's filter (fitsRequest): the pod count, then each requested resource against
 * allocatable minus what the node's pods already request. A request larger than the node's whole
 * allocatable is UnschedulableAndUnresolvable: no preemption can make it fit.
 */
export class NodeResourcesFit implements SlotFilterPlugin, ScorePlugin {
  readonly name = PLUGIN.NodeResourcesFit;
  readonly slowFlags = 0;
  readonly weight = SCORE_WEIGHTS[PLUGIN.NodeResourcesFit];

  preFilter(): PreFilterResult {
    return undefined;
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    const pod = ctx.pod;
    let pods = ni.pods.size;
    let usedCpu = ni.reqCpu;
    let usedMem = ni.reqMemory;
    // Pods nominated here by an earlier preemption, of at least this priority, keep their place.
    if (ctx.anyNominated) {
      const nominated = ctx.nominatedOn(ni.name);
      for (let k = 0; k < nominated.length; k++) {
        pods++;
        usedCpu += nominated[k].cpu;
        usedMem += nominated[k].memory;
      }
    }
    const tooMany = pods + 1 > ni.allocPods;
    const cpuShort = pod.cpu > 0 && pod.cpu > ni.allocCpu - usedCpu;
    const memShort = pod.memory > 0 && pod.memory > ni.allocMemory - usedMem;
    if (!tooMany && !cpuShort && !memShort) return null;
    const unresolvable = (cpuShort && pod.cpu > ni.allocCpu) || (memShort && pod.memory > ni.allocMemory);
    return FIT_STATUSES[(unresolvable ? 8 : 0) + (tooMany ? 1 : 0) + (cpuShort ? 2 : 0) + (memShort ? 4 : 0)];
  }

  /** The same verdict from the per-slot numbers (no nominated pods: the caller checks). */
  filterSlot(ctx: CycleContext, nums: NodeNumbers, slot: number): Status | null {
    const pod = ctx.pod;
    const tooMany = nums.podCount[slot] + 1 > nums.allocPods[slot];
    const allocCpu = nums.allocCpu[slot];
    const allocMem = nums.allocMemory[slot];
    const cpuShort = pod.cpu > 0 && pod.cpu > allocCpu - nums.reqCpu[slot];
    const memShort = pod.memory > 0 && pod.memory > allocMem - nums.reqMemory[slot];
    if (!tooMany && !cpuShort && !memShort) return null;
    const unresolvable = (cpuShort && pod.cpu > allocCpu) || (memShort && pod.memory > allocMem);
    return FIT_STATUSES[(unresolvable ? 8 : 0) + (tooMany ? 1 : 0) + (cpuShort ? 2 : 0) + (memShort ? 4 : 0)];
  }

  preScore(): boolean {
    return true;
  }

  /** LeastAllocated over cpu and memory (weight 1 each), counting requests with the non-zero defaults. */
  scoreNodes(ctx: CycleContext, _nodes: readonly NodeInfo[], slots: Int32Array, n: number, out: Int32Array): void {
    const podCpu = ctx.pod.nonZeroCpu;
    const podMem = ctx.pod.nonZeroMemory;
    const { nonZeroCpu, nonZeroMemory, allocCpu, allocMemory } = ctx.cache.nums;
    for (let i = 0; i < n; i++) {
      const s = slots[i];
      out[i] = Math.trunc((leastRequestedScore(nonZeroCpu[s] + podCpu, allocCpu[s]) + leastRequestedScore(nonZeroMemory[s] + podMem, allocMemory[s])) / 2);
    }
  }
}

/** leastRequestedScore: the free share of a resource after placing the pod, 0–100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX) / capacity);
}

/**
 * NodeResourcesBalancedAllocation: nodes whose cpu and memory would be used in equal shares
 * score highest, (1 − std(fractions)) × 100, with the pod's actual requests.
 */
export class BalancedAllocation implements ScorePlugin {
  readonly name = PLUGIN.NodeResourcesBalancedAllocation;
  readonly weight = SCORE_WEIGHTS[PLUGIN.NodeResourcesBalancedAllocation];

  preScore(): boolean {
    return true;
  }

  scoreNodes(ctx: CycleContext, _nodes: readonly NodeInfo[], slots: Int32Array, n: number, out: Int32Array): void {
    const podCpu = ctx.pod.cpu;
    const podMem = ctx.pod.memory;
    const { reqCpu, reqMemory, allocCpu, allocMemory } = ctx.cache.nums;
    for (let i = 0; i < n; i++) {
      const s = slots[i];
      out[i] = balancedScore(reqCpu[s] + podCpu, allocCpu[s], reqMemory[s] + podMem, allocMemory[s]);
    }
  }
}

export function balancedScore(cpuReq: number, cpuAlloc: number, memReq: number, memAlloc: number): number {
  // With a single resource known the deviation is 0; with two it is half their difference.
  if (cpuAlloc === 0 || memAlloc === 0) return MAX;
  const std = Math.abs((Math.min(1, cpuReq / cpuAlloc) - Math.min(1, memReq / memAlloc)) / 2);
  return Math.trunc((1 - std) * MAX);
}

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * ImageLocality: nodes that already hold the pod's images score higher, each image's size
 * scaled by the share of nodes that have it (so one node with a rare image does not attract
 * every pod), clamped between 23MB and 1000MB per container.
 */
export class ImageLocality implements ScorePlugin {
  readonly name = PLUGIN.ImageLocality;
  readonly weight = SCORE_WEIGHTS[PLUGIN.ImageLocality];
  private totalNodes = 1;
  private present = false;

  preScore(ctx: CycleContext, _nodes: readonly unknown[], all: readonly unknown[]): boolean | number {
    this.totalNodes = Math.max(1, all.length);
    this.present = ctx.pod.images.some((img) => ctx.cache.imageNodes.has(img));
    // No node has any of the images: every node scores the floor.
    return this.present ? true : calculatePriority(0, ctx.pod.images.length);
  }

  scoreNodes(ctx: CycleContext, nodes: readonly NodeInfo[], _slots: Int32Array, n: number, out: Int32Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(ctx, nodes[i]);
  }

  score(ctx: CycleContext, ni: NodeInfo): number {
    const images = ctx.pod.images;
    if (!this.present || ni.images.size === 0) return calculatePriority(0, images.length);
    let sum = 0;
    for (const img of images) {
      const size = ni.images.get(img);
      if (size === undefined) continue;
      sum += Math.trunc(size * ((ctx.cache.imageNodes.get(img) ?? 0) / this.totalNodes));
    }
    return calculatePriority(sum, images.length);
  }
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  if (maxThreshold <= MIN_THRESHOLD) return 0;
  return Math.trunc((MAX * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}
