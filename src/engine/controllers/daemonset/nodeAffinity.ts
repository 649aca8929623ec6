import type { Affinity, NodeSelector, Pod } from 'kubernetes-types/core/v1';

/** The field selector key of a node's name in matchFields (schedulerapi.NodeFieldSelectorKeyNodeName). */
export const NODE_NAME_FIELD = 'metadata.name';

/**
 * util.ReplaceDaemonSetPodNodeNameNodeAffinity: the pod's required node affinity becomes the
 * single term matchFields metadata.name In [node], so the default scheduler can only bind it
 * there. Other required terms are replaced (they were already checked against this node);
 * preferred terms and pod (anti-)affinity are kept.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const selector: NodeSelector = {
    nodeSelectorTerms: [{ matchFields: [{ key: NODE_NAME_FIELD, operator: 'In', values: [nodeName] }] }],
  };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  return {
    ...affinity,
    nodeAffinity: { ...(affinity.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: selector },
  };
}

/**
 * util.GetTargetNodeName: the node a DaemonSet pod belongs to: spec.nodeName once bound, else
 * the metadata.name In [node] term of its required node affinity; undefined when neither.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === NODE_NAME_FIELD && f.operator === 'In') return f.values?.length === 1 ? f.values[0] : undefined;
    }
  }
  return undefined;
}
