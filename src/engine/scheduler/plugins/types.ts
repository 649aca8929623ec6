import type { ApiServer } from '../../api/apiServer';
import type { SchedulerCache } from '../cache';
import type { Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import type { NodeNumbers } from '../nodeNumbers';
import type { PodInfo } from '../podInfo';

/** What a scheduling cycle works on: the pod, the cache, and read access to other objects. */
export interface CycleContext {
  readonly pod: PodInfo;
  readonly cache: SchedulerCache;
  readonly api: ApiServer;
  /** Labels of a namespace (namespaceSelector of affinity terms). */
  nsLabels(ns: string): Record<string, string> | undefined;
  /** Pods nominated to a node (after preemption) with at least this pod's priority, other than the pod. */
  nominatedOn(node: string): readonly PodInfo[];
  /** Whether any pod is nominated anywhere (lets the filter loop skip the lookup). */
  readonly anyNominated: boolean;
}

/**
 * PreFilter's outcome: 'skip' (the plugin has nothing to check for this pod), a Status that
 * rejects every node, a set of node names (PreFilterResult) or undefined (check every node).
 */
export type PreFilterResult = 'skip' | Status | ReadonlySet<string> | undefined;

export interface FilterPlugin {
  readonly name: string;
  preFilter(ctx: CycleContext): PreFilterResult;
  /** null when the node passes. Must not allocate on the common paths. */
  filter(ctx: CycleContext, ni: NodeInfo): Status | null;
}

/**
 * The filter loop's fast path: plugins whose verdict, for nodes without the FLAG bits in
 * `slowFlags`, follows from the per-slot numbers alone. `filterSlot` must agree with `filter`.
 */
export interface SlotFilterPlugin extends FilterPlugin {
  readonly slowFlags: number;
  filterSlot(ctx: CycleContext, nums: NodeNumbers, slot: number): Status | null;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /**
   * PreScore over the feasible nodes; false means Skip (the plugin gives no score this cycle).
   * A number says every node would end with that same normalized score (a shortcut, same result).
   */
  preScore(ctx: CycleContext, nodes: readonly NodeInfo[], all: readonly NodeInfo[]): boolean | number;
  /**
   * Score: raw scores of nodes[0..n) into out[0..n). The loop lives in each plugin so that its
   * calls stay monomorphic (one plugin class per call site keeps the inner loop fast).
   */
  scoreNodes(ctx: CycleContext, nodes: readonly NodeInfo[], slots: Int32Array, n: number, out: Int32Array): void;
  /** NormalizeScore, in place over scores[0..n) for nodes[0..n). */
  normalize?(ctx: CycleContext, scores: Int32Array, n: number, nodes: readonly NodeInfo[]): void;
}

export function isStatus(r: PreFilterResult): r is Status {
  return typeof r === 'object' && r !== null && 'code' in r;
}
