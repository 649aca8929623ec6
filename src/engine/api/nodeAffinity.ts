import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1';
import { matchRequirement } from './selectors';

/** A node selector requirement against the node's labels (matchExpressions). */
export function matchNodeSelectorRequirement(req: NodeSelectorRequirement, labels: Record<string, string> | undefined): boolean {
  return matchRequirement({ key: req.key, operator: req.operator as 'In', values: req.values ?? [] }, labels);
}

/** matchFields supports only metadata.name (In/NotIn), as upstream. */
function matchField(req: NodeSelectorRequirement, node: Node): boolean {
  if (req.key !== 'metadata.name') return false;
  return matchRequirement({ key: 'metadata.name', operator: req.operator as 'In', values: req.values ?? [] }, { 'metadata.name': node.metadata!.name! });
}

/** One term: all its expressions and fields must match; an empty term matches nothing. */
export function matchNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels;
  return exprs.every((e) => matchNodeSelectorRequirement(e, labels)) && fields.every((f) => matchField(f, node));
}

/** Terms are ORed. */
export function matchNodeSelector(sel: NodeSelector, node: Node): boolean {
  return sel.nodeSelectorTerms.some((t) => matchNodeSelectorTerm(t, node));
}

/**
 * The NodeAffinity filter's required part: spec.nodeSelector (exact label match) AND
 * requiredDuringSchedulingIgnoredDuringExecution (component-helpers nodeaffinity.GetRequiredNodeAffinity).
 */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !matchNodeSelector(required, node)) return false;
  return true;
}
