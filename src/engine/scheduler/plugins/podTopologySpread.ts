import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ApiServer } from '../../api/apiServer';
import { podMatchesNodeSelectorAndAffinity } from '../../api/nodeAffinity';
import { controllerRef } from '../../api/object';
import { EVERYTHING, fromLabelSelector, fromMap, matches, type Requirement, type Selector } from '../../api/selectors';
import { findUntoleratedTaint } from '../../api/tolerations';
import { MAX_NODE_SCORE, PLUGIN, SCORE_WEIGHTS, status, type Status } from '../framework';
import { LABEL_HOSTNAME, LABEL_ZONE, type NodeInfo } from '../nodeInfo';
import type { SelectorCounts } from '../cache';
import { FLAG_HOSTNAME } from '../nodeNumbers';
import type { CycleContext, FilterPlugin, PreFilterResult, ScorePlugin } from './types';

export const ERR_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_NODE_LABEL_NOT_MATCH = "node(s) didn't match pod topology spread constraints (missing required label)";

const HOSTNAME: string = LABEL_HOSTNAME;
const MAX: number = MAX_NODE_SCORE;
const ZONE: string = LABEL_ZONE;

/** A topology spread constraint with its selector compiled (and matchLabelKeys applied). */
export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly selectorKey: string;
  readonly minDomains: number;
  readonly honorAffinity: boolean;
  readonly honorTaints: boolean;
}

/**
 * The cluster-level default constraints (defaultingType: System): spread softly over hostnames
 * (maxSkew 3) and zones (maxSkew 5).
 */
export const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3 },
  { topologyKey: LABEL_ZONE, maxSkew: 5 },
] as const;

/**
 * PodTopologySpread: DoNotSchedule constraints filter on skew (count in the node's domain + 1
 * − the global minimum); ScheduleAnyway constraints (and the system defaults, for pods without
 * constraints) score nodes with fewer matching pods higher.
 */
export class PodTopologySpread implements FilterPlugin, ScorePlugin {
  readonly name = PLUGIN.PodTopologySpread;
  readonly weight = SCORE_WEIGHTS[PLUGIN.PodTopologySpread];
  private readonly notMatch = status(this.name, 'Unschedulable', ERR_CONSTRAINTS_NOT_MATCH);
  private readonly missingLabel = status(this.name, 'UnschedulableAndUnresolvable', ERR_NODE_LABEL_NOT_MATCH);

  // Filter state (PreFilter).
  private filterConstraints: Constraint[] = [];
  private filterCounts: SelectorCounts[] = [];
  private valueToMatch: Map<string, number>[] = [];
  private minMatch: number[] = [];
  private selfMatch: number[] = [];

  // Score state (PreScore).
  private scoreConstraints: Constraint[] = [];
  private scoreCounts: SelectorCounts[] = [];
  private ignored = new Set<string>();
  private valueCounts: Map<string, number>[] = [];
  private weights: number[] = [];
  private isHostname: boolean[] = [];
  /** Indexes of the constraints that can contribute to a score this cycle. */
  private active: number[] = [];

  preFilter(ctx: CycleContext): PreFilterResult {
    this.filterConstraints = podConstraints(ctx.pod.pod, 'DoNotSchedule');
    if (this.filterConstraints.length === 0) return 'skip';
    const pod = ctx.pod;
    this.filterCounts = this.filterConstraints.map((c) => ctx.cache.countsFor(pod.namespace, c.selector, c.selectorKey));
    this.valueToMatch = this.filterConstraints.map(() => new Map());
    this.selfMatch = this.filterConstraints.map((c) => (matches(c.selector, pod.labels) ? 1 : 0));
    for (const ni of ctx.cache.list()) {
      if (!hasAllKeys(ni, this.filterConstraints)) continue;
      for (let i = 0; i < this.filterConstraints.length; i++) {
        const c = this.filterConstraints[i];
        if (!includesNode(ctx, c, ni)) continue;
        const v = ni.labels[c.topologyKey];
        const m = this.valueToMatch[i];
        m.set(v, (m.get(v) ?? 0) + this.filterCounts[i].counts[ni.slot]);
      }
    }
    this.minMatch = this.filterConstraints.map((c, i) => {
      const m = this.valueToMatch[i];
      // Fewer eligible domains than minDomains: the global minimum is taken as 0.
      if (m.size < c.minDomains) return 0;
      let min = Number.MAX_SAFE_INTEGER;
      for (const n of m.values()) if (n < min) min = n;
      return min;
    });
    return undefined;
  }

  filter(_ctx: CycleContext, ni: NodeInfo): Status | null {
    for (let i = 0; i < this.filterConstraints.length; i++) {
      const c = this.filterConstraints[i];
      const v = ni.labels[c.topologyKey];
      if (v === undefined) return this.missingLabel;
      const skew = (this.valueToMatch[i].get(v) ?? 0) + this.selfMatch[i] - this.minMatch[i];
      if (skew > c.maxSkew) return this.notMatch;
    }
    return null;
  }

  preScore(ctx: CycleContext, nodes: readonly NodeInfo[], all: readonly NodeInfo[]): boolean {
    const pod = ctx.pod;
    const own = pod.pod.spec?.topologySpreadConstraints ?? [];
    const cs = own.length > 0 ? podConstraints(pod.pod, 'ScheduleAnyway') : defaultConstraints(ctx.api, pod.pod);
    this.scoreConstraints = cs;
    if (cs.length === 0) return false;
    const requireAll = own.length > 0;
    this.isHostname = cs.map((c) => c.topologyKey === HOSTNAME);
    this.scoreCounts = cs.map((c) => ctx.cache.countsFor(pod.namespace, c.selector, c.selectorKey));
    this.ignored = new Set();
    this.valueCounts = cs.map(() => new Map());
    // A topology key no node carries: every candidate is in the one "" domain and scores nothing for it.
    const unlabeled = cs.map((c) => ctx.cache.nodesWithLabel(c.topologyKey) === 0);
    const sizes = cs.map(() => 0);
    if (requireAll || unlabeled.some((u, i) => !u && !this.isHostname[i])) {
      for (const ni of nodes) {
        if (requireAll && !hasAllKeys(ni, cs)) {
          this.ignored.add(ni.name);
          continue;
        }
        for (let i = 0; i < cs.length; i++) {
          if (this.isHostname[i]) continue;
          const v = labelValue(ni, cs[i].topologyKey) ?? '';
          if (!this.valueCounts[i].has(v)) {
            this.valueCounts[i].set(v, 0);
            sizes[i]++;
          }
        }
      }
    } else if (nodes.length > 0) {
      for (let i = 0; i < cs.length; i++) {
        if (this.isHostname[i]) continue;
        this.valueCounts[i].set('', 0);
        sizes[i] = 1;
      }
    }
    this.weights = cs.map((_c, i) => Math.log((this.isHostname[i] ? nodes.length - this.ignored.size : sizes[i]) + 2));
    // Only constraints some candidate node has the key for contribute to scores.
    this.active = [];
    for (let i = 0; i < cs.length; i++) {
      if (this.isHostname[i] ? ctx.cache.nodesWithLabel(HOSTNAME) > 0 : !unlabeled[i]) this.active.push(i);
    }
    // Domains of candidate nodes are counted over every node (skipping keys no candidate carries).
    const zonal = this.active.filter((i) => !this.isHostname[i] && nodes.some((n) => labelValue(n, cs[i].topologyKey) !== undefined));
    if (zonal.length) {
      for (const ni of all) {
        if (requireAll && !hasAllKeys(ni, cs)) continue;
        for (const i of zonal) {
          const c = cs[i];
          const v = labelValue(ni, c.topologyKey);
          if (v === undefined || !this.valueCounts[i].has(v) || !includesNode(ctx, c, ni)) continue;
          this.valueCounts[i].set(v, this.valueCounts[i].get(v)! + this.scoreCounts[i].counts[ni.slot]);
        }
      }
    }
    return true;
  }

  scoreNodes(ctx: CycleContext, nodes: readonly NodeInfo[], slots: Int32Array, n: number, out: Int32Array): void {
    const flags = ctx.cache.nums.flags;
    for (let i = 0; i < n; i++) out[i] = this.score(nodes, i, slots[i], flags[slots[i]]);
  }

  private score(nodes: readonly NodeInfo[], at: number, slot: number, flags: number): number {
    if (this.ignored.size && this.ignored.has(nodes[at].name)) return 0;
    const cs = this.scoreConstraints;
    let score = 0;
    for (let k = 0; k < this.active.length; k++) {
      const i = this.active[k];
      const c = cs[i];
      let cnt: number;
      if (this.isHostname[i]) {
        if ((flags & FLAG_HOSTNAME) === 0) continue;
        cnt = this.scoreCounts[i].counts[slot];
      } else {
        const ni = nodes[at];
        const v = labelValue(ni, c.topologyKey);
        if (v === undefined) continue;
        cnt = this.valueCounts[i].get(v) ?? 0;
      }
      score += cnt * this.weights[i] + (c.maxSkew - 1);
    }
    return Math.round(score);
  }

  /** Fewer matching pods is better: MaxNodeScore × (max + min − score) / max; ignored nodes get 0. */
  normalize(_ctx: CycleContext, scores: Int32Array, n: number, nodes: readonly NodeInfo[]): void {
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < n; i++) {
      if (this.ignored.size && this.ignored.has(nodes[i].name)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < n; i++) {
      if (this.ignored.size && this.ignored.has(nodes[i].name)) {
        scores[i] = 0;
        continue;
      }
      scores[i] = max === 0 ? MAX : Math.trunc((MAX * (max + min - scores[i])) / max);
    }
  }
}

/** A node's label value, with the two usual topology keys read from fields. */
function labelValue(ni: NodeInfo, key: string): string | undefined {
  if (key === HOSTNAME) return ni.hostname;
  if (key === ZONE) return ni.zone;
  return ni.labels[key];
}

function hasAllKeys(ni: NodeInfo, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (ni.labels[c.topologyKey] === undefined) return false;
  return true;
}

/** nodeAffinityPolicy (default Honor) and nodeTaintsPolicy (default Ignore) decide which nodes count. */
function includesNode(ctx: CycleContext, c: Constraint, ni: NodeInfo): boolean {
  const spec = ctx.pod.pod.spec!;
  if (c.honorAffinity && (spec.nodeSelector || spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)) {
    if (!podMatchesNodeSelectorAndAffinity(ctx.pod.pod, ni.node)) return false;
  }
  if (c.honorTaints && ni.taints.length && findUntoleratedTaint(ni.taints, ctx.pod.tolerations, ['NoSchedule', 'NoExecute'])) return false;
  return true;
}

/** The pod's own constraints for one whenUnsatisfiable action, with matchLabelKeys merged in. */
export function podConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const labels = pod.metadata?.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => compile(c, labels));
}

function compile(c: TopologySpreadConstraint, labels: Record<string, string>): Constraint {
  let selector = fromLabelSelector(c.labelSelector as LabelSelector | undefined);
  const extra: Requirement[] = [];
  if (c.labelSelector) for (const k of c.matchLabelKeys ?? []) if (k in labels) extra.push({ key: k, operator: 'In', values: [labels[k]] });
  if (extra.length) selector = { requirements: [...selector.requirements, ...extra], nothing: selector.nothing };
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    selectorKey: selectorKey(selector),
    minDomains: c.minDomains ?? 1,
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  };
}

export function selectorKey(s: Selector): string {
  if (s.nothing) return '<nothing>';
  return s.requirements.map((r) => `${r.key}\u0001${r.operator}\u0001${r.values.join('\u0002')}`).join('\u0003');
}

/**
 * The system default constraints with the selector of helper.DefaultSelector: the selectors of
 * the Services that select the pod, merged with its controlling ReplicationController's,
 * ReplicaSet's or StatefulSet's. A pod that nothing selects gets no default spreading.
 */
export function defaultConstraints(api: ApiServer, pod: Pod): Constraint[] {
  const selector = defaultSelector(api, pod);
  if (selector.requirements.length === 0) return [];
  const key = selectorKey(selector);
  return SYSTEM_DEFAULT_CONSTRAINTS.map((d) => ({
    maxSkew: d.maxSkew,
    topologyKey: d.topologyKey,
    selector,
    selectorKey: key,
    minDomains: 1,
    honorAffinity: true,
    honorTaints: false,
  }));
}

export function defaultSelector(api: ApiServer, pod: Pod): Selector {
  const ns = pod.metadata?.namespace ?? 'default';
  const labels = pod.metadata?.labels ?? {};
  const merged: Record<string, string> = {};
  for (const svc of api.store.list('Service', ns)) {
    const sel = svc.spec?.selector as Record<string, string> | undefined;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (matches(fromMap(sel), labels)) Object.assign(merged, sel);
  }
  let requirements: Requirement[] = Object.keys(merged)
    .sort()
    .map((k) => ({ key: k, operator: 'In' as const, values: [merged[k]] }));
  const ref = controllerRef(pod as never);
  if (ref) {
    const owner = api.get(ref.kind, ns, ref.name);
    if (owner && owner.metadata.uid === ref.uid) {
      if (ref.kind === 'ReplicationController' && ref.apiVersion === 'v1') {
        const rcSel = owner.spec?.selector as Record<string, string> | undefined;
        Object.assign(merged, rcSel ?? {});
        requirements = Object.keys(merged)
          .sort()
          .map((k) => ({ key: k, operator: 'In' as const, values: [merged[k]] }));
      } else if ((ref.kind === 'ReplicaSet' || ref.kind === 'StatefulSet') && ref.apiVersion === 'apps/v1') {
        const other = owner.spec?.selector ? fromLabelSelector(owner.spec.selector) : EVERYTHING;
        requirements = [...requirements, ...other.requirements];
      }
    }
  }
  return { requirements };
}
