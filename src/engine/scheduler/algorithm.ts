import type { Rng } from '../random';
import type { SchedulerCache } from './cache';
import type { Diagnosis } from './fitError';
import { PLUGIN, status, type Status } from './framework';
import type { NodeInfo } from './nodeInfo';
import { NodeAffinity } from './plugins/nodeAffinity';
import { NodeName, NodePorts, NodeUnschedulable, TaintToleration } from './plugins/nodeBasics';
import { BalancedAllocation, ImageLocality, NodeResourcesFit } from './plugins/nodeResources';
import { InterPodAffinity } from './plugins/interPodAffinity';
import { PodTopologySpread } from './plugins/podTopologySpread';
import { isStatus, type CycleContext, type FilterPlugin, type ScorePlugin, type SlotFilterPlugin } from './plugins/types';
import { VolumeBinding } from './plugins/volumeBinding';

/** percentageOfNodesToScore's floor and the adaptive default (schedule_one.go). */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: every node in clusters under 100 nodes; otherwise
 * max(5, 50 − nodes/125) percent of them, but never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct === 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The scores of the feasible nodes: weighted per plugin (plugin-major) and their totals. */
export interface ScoreTable {
  readonly plugins: readonly string[];
  /** weighted[k * n + i]: plugin k's weighted score of feasible node i. */
  readonly weighted: Int16Array;
  readonly totals: Int32Array;
}

export type CycleResult =
  | { kind: 'scheduled'; node: NodeInfo; feasible: readonly NodeInfo[]; scores?: ScoreTable; diagnosis: Diagnosis; evaluated: number }
  | { kind: 'unschedulable'; diagnosis: Diagnosis; evaluated: number }
  | { kind: 'noNodes' };

/**
 * The default profile's plugins in upstream order, and the scheduling algorithm:
 * PreFilter → Filter (from a rotating start, stopping once enough feasible nodes are found) →
 * PreScore/Score/NormalizeScore weighted → selectHost.
 */
export class SchedulingAlgorithm {
  readonly volumeBinding = new VolumeBinding();
  readonly filterPlugins: readonly FilterPlugin[];
  readonly scorePlugins: readonly ScorePlugin[];
  nextStartNodeIndex = 0;
  private scratch = new Uint16Array(64);
  private raw = new Int32Array(64);

  constructor(
    private readonly cache: SchedulerCache,
    private readonly rng: Rng,
  ) {
    const taint = new TaintToleration();
    const affinity = new NodeAffinity();
    const fit = new NodeResourcesFit();
    const spread = new PodTopologySpread();
    const interPod = new InterPodAffinity();
    this.filterPlugins = [new NodeUnschedulable(), new NodeName(), taint, affinity, new NodePorts(), fit, this.volumeBinding, spread, interPod];
    this.scorePlugins = [taint, affinity, fit, spread, interPod, new BalancedAllocation(), new ImageLocality()];
  }

  /** The filter plugins that take part for this pod, or the PreFilter rejection. */
  preFilter(ctx: CycleContext): { active: FilterPlugin[]; allowed?: Set<string>; narrowedBy: string[] } | { rejected: Status } {
    const active: FilterPlugin[] = [];
    let allowed: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const p of this.filterPlugins) {
      const r = p.preFilter(ctx);
      if (r === 'skip') continue;
      if (isStatus(r)) return { rejected: r };
      if (r instanceof Set) {
        allowed = allowed ? new Set([...allowed].filter((n) => r.has(n))) : new Set(r);
        narrowedBy.push(p.name);
        if (allowed.size === 0) {
          const msg = narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
          return { rejected: status(p.name, 'Unschedulable', msg) };
        }
      }
      active.push(p);
    }
    return { active, allowed, narrowedBy };
  }

  /** Runs the filters in order on one node; the first rejection wins (as RunFilterPlugins). */
  runFilters(ctx: CycleContext, active: readonly FilterPlugin[], ni: NodeInfo): Status | null {
    for (let k = 0; k < active.length; k++) {
      const s = active[k].filter(ctx, ni);
      if (s !== null) return s;
    }
    return null;
  }

  schedule(ctx: CycleContext, nominatedNode?: string): CycleResult {
    const all = this.cache.list();
    if (all.length === 0) return { kind: 'noNodes' };
    const pre = this.preFilter(ctx);
    if ('rejected' in pre) {
      const diagnosis: Diagnosis = {
        nodes: all,
        start: 0,
        codes: new Uint16Array(0),
        table: [],
        absent: pre.rejected,
        allNodes: all,
        unschedulablePlugins: new Set([pre.rejected.plugin]),
        preFilterMsg: pre.rejected.reasons.join(', '),
        postFilterMsg: '',
      };
      return { kind: 'unschedulable', diagnosis, evaluated: 0 };
    }
    const { active } = pre;

    // A node nominated by an earlier preemption is tried first: it is likely the one that fits.
    if (nominatedNode) {
      const ni = this.cache.nodes.get(nominatedNode);
      if (ni && (!pre.allowed || pre.allowed.has(ni.name)) && this.runFilters(ctx, active, ni) === null) {
        const diagnosis: Diagnosis = { nodes: [ni], start: 0, codes: new Uint16Array(1), table: [], allNodes: all, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
        return { kind: 'scheduled', node: ni, feasible: [ni], diagnosis, evaluated: 1 };
      }
    }

    const nodes = pre.allowed ? all.filter((n) => pre.allowed!.has(n.name)) : all;
    const slots = pre.allowed ? Int32Array.from(nodes, (ni) => ni.slot) : this.cache.listSlots();
    const n = nodes.length;
    const toFind = numFeasibleNodesToFind(n);
    if (this.scratch.length < n) this.scratch = new Uint16Array(Math.max(n, this.scratch.length * 2));
    const codes = this.scratch;
    const table: Status[] = [];
    const unschedulablePlugins = new Set<string>(pre.narrowedBy);
    const feasible: NodeInfo[] = [];
    const feasibleSlots = new Int32Array(Math.min(n, toFind));
    const start = n === 0 ? 0 : this.nextStartNodeIndex % n;
    // Fast path: when every active filter can judge a plain node from the per-slot numbers, only
    // nodes flagged otherwise (cordoned, tainted) go through the full filters.
    const slotFilters = !ctx.anyNominated && active.every((p) => 'filterSlot' in p) ? (active as SlotFilterPlugin[]) : undefined;
    let slowFlags = 0;
    if (slotFilters) for (const p of slotFilters) slowFlags |= p.slowFlags;
    const nums = this.cache.nums;
    let processed = 0;
    for (let i = 0; i < n && feasible.length < toFind; i++) {
      const at = (start + i) % n;
      const slot = slots[at];
      let s: Status | null = null;
      if (slotFilters && (nums.flags[slot] & slowFlags) === 0) {
        for (let k = 0; k < slotFilters.length && s === null; k++) s = slotFilters[k].filterSlot(ctx, nums, slot);
      } else s = this.runFilters(ctx, active, nodes[at]);
      if (s === null) {
        codes[processed++] = 0;
        feasibleSlots[feasible.length] = slot;
        feasible.push(nodes[at]);
      } else {
        let k = table.indexOf(s);
        if (k < 0) {
          table.push(s);
          k = table.length - 1;
          unschedulablePlugins.add(s.plugin);
        }
        codes[processed++] = k + 1;
      }
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;
    const diagnosis: Diagnosis = {
      nodes,
      start,
      codes: codes.slice(0, processed),
      table,
      absent: pre.allowed ? status(pre.narrowedBy[0] ?? PLUGIN.NodeAffinity, 'UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(' ')}]`) : undefined,
      allNodes: all,
      unschedulablePlugins,
      preFilterMsg: '',
      postFilterMsg: '',
    };
    if (feasible.length === 0) return { kind: 'unschedulable', diagnosis, evaluated: processed };
    if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0], feasible, diagnosis, evaluated: processed };
    const scores = this.prioritize(ctx, feasible, all, feasibleSlots);
    return { kind: 'scheduled', node: feasible[this.selectHost(scores.totals, feasible.length)], feasible, scores, diagnosis, evaluated: processed };
  }

  /** PreScore, Score and NormalizeScore of every plugin, weighted and summed per node. */
  prioritize(ctx: CycleContext, feasible: readonly NodeInfo[], all: readonly NodeInfo[], slots: Int32Array = Int32Array.from(feasible, (ni) => ni.slot)): ScoreTable {
    const n = feasible.length;
    const active: ScorePlugin[] = [];
    const uniform: (number | undefined)[] = [];
    for (const p of this.scorePlugins) {
      const r = p.preScore(ctx, feasible, all);
      if (r === false) continue;
      active.push(p);
      uniform.push(r === true ? undefined : r);
    }
    if (this.raw.length < n) this.raw = new Int32Array(Math.max(n, this.raw.length * 2));
    const raw = this.raw;
    const weighted = new Int16Array(active.length * n);
    const totals = new Int32Array(n);
    let offset = 0;
    for (let k = 0; k < active.length; k++) {
      const p = active[k];
      const same = uniform[k];
      const w = p.weight;
      const base = k * n;
      if (same !== undefined) {
        // Every node gets the same score: add it once at the end.
        weighted.fill(same * w, base, base + n);
        offset += same * w;
        continue;
      }
      p.scoreNodes(ctx, feasible, slots, n, raw);
      p.normalize?.(ctx, raw, n, feasible);
      for (let i = 0; i < n; i++) {
        const v = raw[i] * w;
        weighted[base + i] = v;
        totals[i] += v;
      }
    }
    if (offset !== 0) for (let i = 0; i < n; i++) totals[i] += offset;
    return { plugins: active.map((p) => p.name), weighted, totals };
  }

  /**
   * selectHost: the highest total wins, ties broken uniformly at random. Upstream samples a
   * reservoir (one draw per tie); a single draw of the k-th tied node picks with the same
   * uniform odds from the seeded RNG, without hundreds of draws when a fresh cluster ties.
   */
  selectHost(totals: Int32Array, n: number): number {
    let max = totals[0];
    let ties = 1;
    for (let i = 1; i < n; i++) {
      const t = totals[i];
      if (t > max) {
        max = t;
        ties = 1;
      } else if (t === max) ties++;
    }
    let k = ties > 1 ? this.rng.int(ties) : 0;
    for (let i = 0; i < n; i++) if (totals[i] === max && k-- === 0) return i;
    return 0;
  }
}
