import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { deepClone } from '../../api/equal';
import { BY_CONTROLLER } from '../../api/indexes';
import { isPodTerminal } from '../../api/podUtil';
import { parseTimestamp } from '../../time';
import { POD_REVISION_LABEL } from '../history';
import { getTargetNodeName } from './nodeAffinity';
import { addOrUpdateDaemonPodTolerations } from './tolerations';

/** apps/v1 DeprecatedTemplateGeneration: the annotation the API server keeps the template generation in. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
/** extensions DaemonSetTemplateGenerationKey: the pod label carrying that generation. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** The pods this DaemonSet controls (through their controller ownerReference). */
export function daemonPods(api: ApiServer, ds: DaemonSet): Pod[] {
  return api.store.byIndex('Pod', BY_CONTROLLER, ds.metadata!.uid!) as Pod[];
}

/**
 * getNodesToDaemonPods: the DaemonSet's pods grouped by the node they run on or are meant for.
 * Terminal pods already being deleted are left out unless asked for (history keeps them).
 */
export function nodesToDaemonPods(pods: readonly Pod[], includeDeletedTerminal = false): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata?.deletionTimestamp) continue;
    const node = getTargetNodeName(pod);
    if (node === undefined) continue;
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(pod);
  }
  return byNode;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first, then by name. */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = parseTimestamp(a.metadata?.creationTimestamp) ?? 0;
  const tb = parseTimestamp(b.metadata?.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** util.GetTemplateGeneration: the generation from the DaemonSet's deprecated annotation, if any. */
export function templateGeneration(ds: DaemonSet): string | undefined {
  const v = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? String(Number(v)) : undefined;
}

/** util.IsPodUpdated: the pod carries the current revision hash (or the current template generation). */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation;
  const hashMatches = hash.length > 0 && labels[POD_REVISION_LABEL] === hash;
  return hashMatches || templateMatches;
}

/**
 * util.CreatePodTemplate: the DaemonSet's template with the daemon tolerations, the
 * pod-template-generation label (when the DaemonSet has a generation annotation) and the
 * controller-revision-hash label of the current revision.
 */
export function createPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = deepClone(ds.spec?.template ?? {}) as PodTemplateSpec;
  t.spec ??= { containers: [] };
  addOrUpdateDaemonPodTolerations(t.spec);
  t.metadata ??= {};
  t.metadata.labels = { ...(t.metadata.labels ?? {}) };
  const gen = templateGeneration(ds);
  if (gen !== undefined) t.metadata.labels[TEMPLATE_GENERATION_LABEL] = gen;
  if (hash) t.metadata.labels[POD_REVISION_LABEL] = hash;
  return t;
}
