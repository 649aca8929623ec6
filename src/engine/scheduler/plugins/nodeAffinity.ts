import type { Node, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { matchNodeSelectorTerm, podMatchesNodeSelectorAndAffinity } from '../../api/nodeAffinity';
import { defaultNormalizeScore, PLUGIN, SCORE_WEIGHTS, status, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import type { CycleContext, FilterPlugin, PreFilterResult, ScorePlugin } from './types';

export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
const ERR_CONFLICT = 'pod affinity terms conflict';

/**
 * NodeAffinity: spec.nodeSelector and required node affinity filter; preferred terms add their
 * weights to the score. PreFilter narrows the nodes to those named by matchFields
 * metadata.name (how DaemonSet pods target their node).
 */
export class NodeAffinity implements FilterPlugin, ScorePlugin {
  readonly name = PLUGIN.NodeAffinity;
  readonly weight = SCORE_WEIGHTS[PLUGIN.NodeAffinity];
  private readonly rejected = status(this.name, 'UnschedulableAndUnresolvable', ERR_NODE_AFFINITY);
  private preferred: readonly PreferredSchedulingTerm[] = [];

  preFilter(ctx: CycleContext): PreFilterResult {
    const spec = ctx.pod.pod.spec!;
    const hasSelector = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!hasSelector && !required) return 'skip';
    if (!required) return undefined;
    const names = nodeNamesFromTerms(required.nodeSelectorTerms ?? []);
    if (names === undefined) return undefined;
    if (names.size === 0) return status(this.name, 'UnschedulableAndUnresolvable', ERR_CONFLICT);
    return names;
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    return podMatchesNodeSelectorAndAffinity(ctx.pod.pod, ni.node) ? null : this.rejected;
  }

  preScore(ctx: CycleContext): boolean {
    this.preferred = ctx.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return this.preferred.length > 0;
  }

  scoreNodes(_ctx: CycleContext, nodes: readonly NodeInfo[], _slots: Int32Array, n: number, out: Int32Array): void {
    for (let i = 0; i < n; i++) out[i] = preferredScore(this.preferred, nodes[i].node);
  }

  normalize(_ctx: CycleContext, scores: Int32Array, n: number): void {
    defaultNormalizeScore(scores, n, false);
  }
}

/** The sum of the weights of the preferred terms a node matches (before normalisation). */
export function preferredScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let s = 0;
  for (const t of terms) if (t.weight !== 0 && matchNodeSelectorTerm(t.preference, node)) s += t.weight;
  return s;
}

/**
 * The union over terms of the metadata.name values each term requires (intersected within a
 * term); undefined when some term does not pin node names (then every node is a candidate).
 */
function nodeNamesFromTerms(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  let union: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((x) => s.has(x))) : s;
    }
    if (!termNames) return undefined;
    union ??= new Set();
    for (const n of termNames) union.add(n);
  }
  return union;
}
