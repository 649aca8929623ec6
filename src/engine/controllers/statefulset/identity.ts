import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import { deepClone } from '../../api/equal';
import { newControllerRef, type KObject } from '../../api/object';
import { POD_REVISION_LABEL } from '../history';
import { podFromTemplate } from '../podTemplate';
import { statefulSetSettings } from './defaults';

/** apps/v1 StatefulSetPodNameLabel and PodIndexLabel. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** statefulPodRegex: "<parent>-<ordinal>". */
const STATEFUL_POD_RE = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: the set a pod's name says it belongs to, and its ordinal (-1 if none). */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = STATEFUL_POD_RE.exec(pod.metadata?.name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(n) && n <= 2147483647 ? n : -1 };
}

export function getOrdinal(pod: Pod): number {
  return parentAndOrdinal(pod).ordinal;
}

/** isMemberOf: the pod's name makes it a member of the set. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod).parent === set.metadata!.name;
}

/** getPodName: "<set>-<ordinal>". */
export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata!.name}-${ordinal}`;
}

/** getPersistentVolumeClaimName: "<template>-<set>-<ordinal>" (www-web-0). */
export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata!.name}-${ordinal}`;
}

export function startOrdinal(set: StatefulSet): number {
  return statefulSetSettings(set).startOrdinal;
}

export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + statefulSetSettings(set).replicas - 1;
}

/** podInOrdinalRange: the pod's ordinal lies in [start, start + replicas). */
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

/** identityMatches: name, namespace and pod-name label agree with the set. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata!.name &&
    pod.metadata!.name === podName(set, ordinal) &&
    pod.metadata!.namespace === set.metadata!.namespace &&
    pod.metadata!.labels?.[POD_NAME_LABEL] === pod.metadata!.name
  );
}

/**
 * getPersistentVolumeClaims: the claims of one pod, from the set's volumeClaimTemplates, named
 * per ordinal and labelled with the set's selector labels. In template order.
 */
export function podClaims(set: StatefulSet, pod: Pod): { template: string; claim: PersistentVolumeClaim }[] {
  const ordinal = getOrdinal(pod);
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const claim = deepClone(t) as PersistentVolumeClaim;
    const template = t.metadata?.name ?? '';
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = { ...(claim.metadata ?? {}), name: claimName(set, template, ordinal), namespace: set.metadata!.namespace };
    claim.metadata.labels = { ...(claim.metadata.labels ?? {}), ...selectorLabels };
    return { template, claim: { ...claim, status: undefined } };
  });
}

/** storageMatches: every claim template is mounted as the pod's own claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const name = t.metadata?.name ?? '';
    const v = volumes.get(name);
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(set, name, ordinal)) return false;
  }
  return true;
}

/** updateStorage: the claim volumes first (replacing same-named ones), then the pod's other volumes. */
export function withStorage(set: StatefulSet, pod: Pod): Volume[] {
  const claims = podClaims(set, pod);
  const names = new Set(claims.map((c) => c.template));
  const out: Volume[] = claims.map((c) => ({ name: c.template, persistentVolumeClaim: { claimName: c.claim.metadata!.name! } }));
  for (const v of pod.spec?.volumes ?? []) if (!names.has(v.name)) out.push(v);
  return out;
}

/** updateIdentity's labels: the pod-name label and the pod-index label (PodIndexLabel, GA 1.32). */
export function identityLabels(pod: Pod): Record<string, string> {
  return { [POD_NAME_LABEL]: pod.metadata!.name!, [POD_INDEX_LABEL]: String(getOrdinal(pod)) };
}

/** getPodRevision: the controller-revision-hash label ("<set>-<hash>"). */
export function podRevision(pod: Pod): string {
  return pod.metadata?.labels?.[POD_REVISION_LABEL] ?? '';
}

/**
 * newStatefulSetPod: the set's template as a pod named "<set>-<ordinal>", with its identity
 * (labels, hostname = pod name, subdomain = serviceName) and its claims mounted.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, template: PodTemplateSpec, revision: string): Pod {
  const pod = podFromTemplate(deepClone(template), set.metadata!.namespace!, set.metadata!.name!, newControllerRef(set as unknown as KObject)) as Pod;
  delete pod.metadata!.generateName;
  pod.metadata!.name = podName(set, ordinal);
  pod.metadata!.labels = { ...(pod.metadata!.labels ?? {}), ...identityLabels(pod), [POD_REVISION_LABEL]: revision };
  pod.spec = { ...(pod.spec ?? { containers: [] }), hostname: pod.metadata!.name };
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  else delete pod.spec.subdomain;
  const volumes = withStorage(set, pod);
  if (volumes.length) pod.spec.volumes = volumes;
  return pod;
}
