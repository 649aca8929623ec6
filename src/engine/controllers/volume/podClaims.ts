import type { Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import type { KObject } from '../../api/object';

/** Index of pods: "<namespace>/<claim>" of every claim the pod's volumes use (common.PodPVCIndexFunc). */
export const BY_PVC = 'pvcKey';

/** ephemeral.VolumeClaimName: a generic ephemeral volume's claim is "<pod>-<volume>". */
export function ephemeralClaimName(pod: { metadata?: { name?: string } }, volume: Volume): string {
  return `${pod.metadata!.name}-${volume.name}`;
}

/** The claim names a pod's volumes refer to. */
export function podClaimNames(pod: Pod | KObject): string[] {
  const out: string[] = [];
  for (const v of (pod.spec?.volumes ?? []) as Volume[]) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(ephemeralClaimName(pod, v));
  }
  return out;
}

/** Registers the pods-by-claim index once per store (several controllers share it). */
export function registerPodClaimIndex(api: ApiServer): void {
  api.store.addIndex({
    kind: 'Pod',
    name: BY_PVC,
    values: (pod) => podClaimNames(pod).map((c) => `${pod.metadata.namespace}/${c}`),
  });
}

/** The pods whose volumes refer to the claim `<namespace>/<name>`. */
export function podsUsingClaim(api: ApiServer, namespace: string, name: string): Pod[] {
  return api.store.byIndex('Pod', BY_PVC, `${namespace}/${name}`) as unknown as Pod[];
}

/**
 * volume util.IsPodTerminated: the pod has finished (Succeeded or Failed), or it is being
 * deleted and none of its containers is running any more (each is waiting or terminated).
 */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  if (!pod.metadata?.deletionTimestamp) return false;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  return statuses.every((s) => s.state?.terminated !== undefined || s.state?.waiting !== undefined);
}
