import { MAX_NODE_SCORE, PLUGIN, SCORE_WEIGHTS, status, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import { hasPodAffinity, termMatches, type AffinityTerm, type PodInfo, type WeightedAffinityTerm } from '../podInfo';
import type { CycleContext, FilterPlugin, PreFilterResult, ScorePlugin } from './types';

export const ERR_AFFINITY_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

/** args.hardPodAffinityWeight: how much an existing pod's required affinity to this pod counts in scoring. */
const HARD_POD_AFFINITY_WEIGHT = 1;

const pairKey = (k: string, v: string) => `${k}\u0000${v}`;

function bump(m: Map<string, number>, key: string, by: number): void {
  m.set(key, (m.get(key) ?? 0) + by);
}

/**
 * InterPodAffinity: required pod affinity and anti-affinity of the incoming pod, per topology
 * domain, plus the symmetric check that no existing pod's required anti-affinity rejects the
 * incoming pod; preferred terms (both ways) and existing pods' required affinity score.
 */
export class InterPodAffinity implements FilterPlugin, ScorePlugin {
  readonly name = PLUGIN.InterPodAffinity;
  readonly weight = SCORE_WEIGHTS[PLUGIN.InterPodAffinity];
  private readonly affinityRejected = status(this.name, 'UnschedulableAndUnresolvable', ERR_AFFINITY_NOT_MATCH);
  private readonly antiRejected = status(this.name, 'Unschedulable', ERR_ANTI_AFFINITY_NOT_MATCH);
  private readonly existingRejected = status(this.name, 'Unschedulable', ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH);

  private existingAnti = new Map<string, number>();
  private affinityCounts = new Map<string, number>();
  private antiCounts = new Map<string, number>();
  private selfMatchesAll = false;
  private topologyScore = new Map<string, Map<string, number>>();

  preFilter(ctx: CycleContext): PreFilterResult {
    const pod = ctx.pod;
    const hasRequired = pod.requiredAffinity.length + pod.requiredAntiAffinity.length > 0;
    if (!hasRequired && ctx.cache.podsWithRequiredAntiAffinity === 0) return 'skip';
    const nsLabels = (ns: string) => ctx.nsLabels(ns);
    this.existingAnti = new Map();
    this.affinityCounts = new Map();
    this.antiCounts = new Map();
    for (const ni of ctx.cache.list()) {
      if (ni.pods.size === 0) continue;
      if (ni.podsWithRequiredAntiAffinity > 0) {
        for (const existing of ni.pods.values()) {
          for (const t of existing.requiredAntiAffinity) {
            const v = ni.labels[t.topologyKey];
            if (v !== undefined && termMatches(t, pod, nsLabels)) bump(this.existingAnti, pairKey(t.topologyKey, v), 1);
          }
        }
      }
      if (!hasRequired) continue;
      for (const existing of ni.pods.values()) {
        for (const t of pod.requiredAffinity) {
          const v = ni.labels[t.topologyKey];
          if (v !== undefined && termMatches(t, existing, nsLabels)) bump(this.affinityCounts, pairKey(t.topologyKey, v), 1);
        }
        for (const t of pod.requiredAntiAffinity) {
          const v = ni.labels[t.topologyKey];
          if (v !== undefined && termMatches(t, existing, nsLabels)) bump(this.antiCounts, pairKey(t.topologyKey, v), 1);
        }
      }
    }
    this.selfMatchesAll = pod.requiredAffinity.every((t) => termMatches(t, pod, nsLabels));
    return undefined;
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    const pod = ctx.pod;
    if (pod.requiredAffinity.length && !this.satisfiesAffinity(pod.requiredAffinity, ni)) return this.affinityRejected;
    if (this.antiCounts.size) {
      for (const t of pod.requiredAntiAffinity) {
        const v = ni.labels[t.topologyKey];
        if (v !== undefined && (this.antiCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return this.antiRejected;
      }
    }
    if (this.existingAnti.size) {
      for (const [k, v] of Object.entries(ni.labels)) if ((this.existingAnti.get(pairKey(k, v)) ?? 0) > 0) return this.existingRejected;
    }
    return null;
  }

  private satisfiesAffinity(terms: readonly AffinityTerm[], ni: NodeInfo): boolean {
    let podsExist = true;
    for (const t of terms) {
      const v = ni.labels[t.topologyKey];
      // Every topology key of the terms must be on the node.
      if (v === undefined) return false;
      if ((this.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) {
        podsExist = false;
        break;
      }
    }
    // The first pod of a group with affinity to itself may go anywhere its terms can be met.
    if (!podsExist) return this.affinityCounts.size === 0 && this.selfMatchesAll;
    return true;
  }

  preScore(ctx: CycleContext, _nodes: readonly NodeInfo[], all: readonly NodeInfo[]): boolean {
    const pod = ctx.pod;
    const hasPreferred = pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
    if (!hasPreferred && ctx.cache.podsWithAffinity === 0) return false;
    const nsLabels = (ns: string) => ctx.nsLabels(ns);
    const score = new Map<string, Map<string, number>>();
    const add = (term: AffinityTerm, weight: number, target: PodInfo, ni: NodeInfo) => {
      const v = ni.labels[term.topologyKey];
      if (v === undefined || !termMatches(term, target, nsLabels)) return;
      let m = score.get(term.topologyKey);
      if (!m) score.set(term.topologyKey, (m = new Map()));
      m.set(v, (m.get(v) ?? 0) + weight);
    };
    for (const ni of all) {
      if (hasPreferred ? ni.pods.size === 0 : ni.podsWithAffinity === 0) continue;
      for (const existing of ni.pods.values()) {
        if (!hasPreferred && !hasPodAffinity(existing)) continue;
        for (const t of pod.preferredAffinity) add(t, t.weight, existing, ni);
        for (const t of pod.preferredAntiAffinity) add(t, -t.weight, existing, ni);
        for (const t of existing.requiredAffinity) add(t, HARD_POD_AFFINITY_WEIGHT, pod, ni);
        for (const t of existing.preferredAffinity as readonly WeightedAffinityTerm[]) add(t, t.weight, pod, ni);
        for (const t of existing.preferredAntiAffinity as readonly WeightedAffinityTerm[]) add(t, -t.weight, pod, ni);
      }
    }
    this.topologyScore = score;
    return true;
  }

  scoreNodes(_ctx: CycleContext, nodes: readonly NodeInfo[], _slots: Int32Array, n: number, out: Int32Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(nodes[i]);
  }

  score(ni: NodeInfo): number {
    let s = 0;
    for (const [key, values] of this.topologyScore) {
      const v = ni.labels[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  }

  /** Min-max scaling to 0–100 (negative raw scores come from preferred anti-affinity). */
  normalize(_ctx: CycleContext, scores: Int32Array, n: number): void {
    if (this.topologyScore.size === 0) {
      for (let i = 0; i < n; i++) scores[i] = 0;
      return;
    }
    let min = Number.MAX_SAFE_INTEGER;
    let max = Number.MIN_SAFE_INTEGER;
    for (let i = 0; i < n; i++) {
      if (scores[i] > max) max = scores[i];
      if (scores[i] < min) min = scores[i];
    }
    const diff = max - min;
    for (let i = 0; i < n; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  }
}
