import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ApiServer } from '../../api/apiServer';
import { scaledValue } from '../../api/intstr';
import { groupResource, splitApiVersion, KINDS } from '../../api/kinds';
import { controllerRef, type KObject } from '../../api/object';

export interface ExpectedPods {
  expectedCount: number;
  desiredHealthy: number;
  unmanagedPods: string[];
}

/** A failure of getExpectedScale, with upstream's wording. */
export class ExpectedScaleError extends Error {}

/** The workload kinds the disruption controller knows the scale of (its finders). */
const SCALED_KINDS = new Set(['ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet']);

function replicasOf(obj: KObject): number {
  return obj.spec?.replicas ?? 1;
}

/**
 * The finders in upstream's order (RC, Deployment, ReplicaSet, StatefulSet): the controller
 * that owns the pod and its spec.replicas. A ReplicaSet owned by a Deployment counts as the
 * Deployment. An owner of another kind has no scale subresource.
 */
function findController(api: ApiServer, pod: Pod): { uid: string; scale: number } | undefined {
  const ref = controllerRef(pod as KObject)!;
  const ns = pod.metadata!.namespace;
  const lookup = (kind: string, name: string, uid: string) => {
    const obj = api.get(kind, ns, name);
    return obj && obj.metadata.uid === uid ? obj : undefined;
  };
  if (ref.kind === 'ReplicationController') {
    const rc = lookup('ReplicationController', ref.name, ref.uid);
    if (rc) return { uid: ref.uid, scale: replicasOf(rc) };
  }
  if (ref.kind === 'ReplicaSet') {
    const rs = lookup('ReplicaSet', ref.name, ref.uid);
    const rsOwner = rs && controllerRef(rs);
    if (rsOwner?.kind === 'Deployment') {
      const dep = lookup('Deployment', rsOwner.name, rsOwner.uid);
      return dep ? { uid: dep.metadata.uid!, scale: replicasOf(dep) } : undefined;
    }
    if (rs) return { uid: ref.uid, scale: replicasOf(rs) };
  }
  if (ref.kind === 'StatefulSet') {
    const ss = lookup('StatefulSet', ref.name, ref.uid);
    if (ss) return { uid: ref.uid, scale: replicasOf(ss) };
  }
  if (SCALED_KINDS.has(ref.kind)) return undefined;
  // getScaleController: any other kind answers NotFound on its scale subresource.
  const { group } = splitApiVersion(ref.apiVersion);
  const info = KINDS.find((k) => k.kind === ref.kind && k.group === group);
  if (!info) throw new ExpectedScaleError(`no matches for kind "${ref.kind}" in group "${group}"`);
  throw new ExpectedScaleError(`${groupResource(info)} does not implement the scale subresource`);
}

/** getExpectedScale: the sum of the scales of the controllers owning the pods; unmanaged pods are listed. */
function expectedScale(api: ApiServer, pods: readonly Pod[]): { expectedCount: number; unmanagedPods: string[] } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerRef(pod as KObject);
    if (!ref) {
      unmanagedPods.push(pod.metadata!.name!);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = findController(api, pod);
    if (!found) throw new ExpectedScaleError(`found no controllers for pod "${pod.metadata!.name}"`);
    scales.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const s of scales.values()) expectedCount += s;
  return { expectedCount, unmanagedPods };
}

/**
 * getExpectedPodCount: maxUnavailable and a percentage minAvailable are counted against the
 * owners' scale (rounding up); an integer minAvailable against the matching pods themselves.
 */
export function expectedPodCount(api: ApiServer, pdb: PodDisruptionBudget, pods: readonly Pod[]): ExpectedPods {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = expectedScale(api, pods);
    const maxUnavailable = scaledValue(spec.maxUnavailable, expectedCount, true);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanagedPods };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const { expectedCount, unmanagedPods } = expectedScale(api, pods);
    return { expectedCount, desiredHealthy: scaledValue(spec.minAvailable, expectedCount, true), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
