import type { ApiServer } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { scaledValue } from '../../api/intstr';
import type { KObject } from '../../api/object';
import { isPodReady } from '../../api/podUtil';
import { labelSelectorMatches } from '../../api/selectors';
import { rfc3339 } from '../../time';

/** The eviction subresource's 429 TooManyRequests: the budget allows no disruption now. */
export class EvictionRefused extends Error {
  readonly code = 429;
  constructor(readonly detail: string) {
    super("Cannot evict pod as it would violate the pod's disruption budget.");
  }
}

interface Budget {
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
}

/** The scale of the workload that owns a pod (Deployment through its ReplicaSet, StatefulSet, ...). */
function controllerScale(api: ApiServer, pod: KObject): { uid: string; replicas: number } | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  if (ref.kind === 'ReplicaSet') {
    const rs = api.get('ReplicaSet', ns, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = (rs.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'Deployment');
    if (dref) {
      const d = api.get('Deployment', ns, dref.name);
      if (d && d.metadata.uid === dref.uid) return { uid: d.metadata.uid!, replicas: d.spec?.replicas ?? 1 };
    }
    return { uid: rs.metadata.uid!, replicas: rs.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'StatefulSet' || ref.kind === 'ReplicationController') {
    const c = api.get(ref.kind, ns, ref.name);
    if (c && c.metadata.uid === ref.uid) return { uid: c.metadata.uid!, replicas: c.spec?.replicas ?? 1 };
  }
  return undefined;
}

/**
 * What the disruption controller would publish for a budget (pkg/controller/disruption):
 * healthy = Ready pods not being deleted; an integer minAvailable counts the pods themselves,
 * percentages and maxUnavailable count the owning controllers' replicas.
 */
export function computeBudget(api: ApiServer, pdb: KObject): Budget {
  const pods = api.list('Pod', pdb.metadata.namespace).filter((p) => labelSelectorMatches(pdb.spec?.selector, p.metadata.labels));
  const currentHealthy = pods.filter((p) => isPodReady(p as any) && !p.metadata.deletionTimestamp).length;
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  let expectedPods = pods.length;
  let desiredHealthy = 0;
  const scaleTotal = () => {
    const seen = new Map<string, number>();
    for (const p of pods) {
      const s = controllerScale(api, p);
      if (s) seen.set(s.uid, s.replicas);
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    expectedPods = scaleTotal();
    desiredHealthy = Math.max(0, expectedPods - scaledValue(maxUnavailable, expectedPods, true));
  } else if (typeof minAvailable === 'number' || (typeof minAvailable === 'string' && /^\d+$/.test(minAvailable))) {
    desiredHealthy = Number(minAvailable);
  } else if (minAvailable !== undefined) {
    expectedPods = scaleTotal();
    desiredHealthy = scaledValue(minAvailable, expectedPods, true);
  }
  return { disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy), currentHealthy, desiredHealthy, expectedPods };
}

/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a pod that is
 * pending, finished or already terminating is deleted outright; otherwise its single matching
 * PodDisruptionBudget must allow a disruption, which the eviction uses up.
 */
export function evictPod(api: ApiServer, namespace: string, name: string, gracePeriodSeconds?: number): void {
  const pod = api.get('Pod', namespace, name);
  if (!pod) throw new ApiError('NotFound', `pods "${name}" not found`);
  const phase = pod.status?.phase;
  const ignorePdb = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignorePdb) {
    const pdbs = api.list('PodDisruptionBudget', namespace).filter((p) => labelSelectorMatches(p.spec?.selector, pod.metadata.labels));
    if (pdbs.length > 1) throw new ApiError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    if (pdbs.length === 1) {
      const pdb = pdbs[0];
      const observed = pdb.status?.observedGeneration !== undefined && pdb.status.observedGeneration >= (pdb.metadata.generation ?? 0);
      const budget = observed ? { ...computeBudget(api, pdb), disruptionsAllowed: pdb.status.disruptionsAllowed ?? 0, currentHealthy: pdb.status.currentHealthy ?? 0, desiredHealthy: pdb.status.desiredHealthy ?? 0 } : computeBudget(api, pdb);
      const ready = isPodReady(pod as any);
      // unhealthyPodEvictionPolicy IfHealthyBudget: an unready pod may go while the budget is met.
      const unhealthyOk = !ready && budget.currentHealthy >= budget.desiredHealthy && budget.desiredHealthy > 0;
      if (!unhealthyOk && ready) {
        if (budget.disruptionsAllowed <= 0) {
          throw new EvictionRefused(`The disruption budget ${pdb.metadata.name} needs ${budget.desiredHealthy} healthy pods and has ${budget.currentHealthy} currently`);
        }
        if (observed) {
          api.patchStatus('PodDisruptionBudget', namespace, pdb.metadata.name!, (d: any) => {
            d.status.disruptionsAllowed = (d.status.disruptionsAllowed ?? 1) - 1;
            d.status.disruptedPods = { ...(d.status.disruptedPods ?? {}), [name]: rfc3339(api.clock.now()) };
          });
        }
      }
    }
  }
  api.delete('Pod', namespace, name, gracePeriodSeconds !== undefined && gracePeriodSeconds >= 0 ? { gracePeriodSeconds } : {});
}
