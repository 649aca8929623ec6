import type { ApiServer } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { BY_CONTROLLER } from '../../api/indexes';
import type { KObject } from '../../api/object';
import { labelSelectorMatches } from '../../api/selectors';
import { parseTimestamp } from '../../time';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const HASH_LABEL = 'pod-template-hash';

/** The ReplicaSets a Deployment controls (listReplicaSets: its selector and its controllerRef), in name order. */
export function controlledReplicaSets(api: ApiServer, d: KObject): KObject[] {
  return api.store
    .byIndex('ReplicaSet', BY_CONTROLLER, d.metadata.uid!)
    .filter((rs) => rs.metadata.namespace === d.metadata.namespace && labelSelectorMatches(d.spec?.selector, rs.spec?.template?.metadata?.labels ?? rs.metadata.labels))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
}

function withoutHash(template: any): any {
  const t = JSON.parse(JSON.stringify(template ?? {}));
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  if (t.metadata && Object.keys(t.metadata).length === 0) delete t.metadata;
  return t;
}

/** deploymentutil.EqualIgnoreHash: two pod templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template matches the Deployment's. */
export function findNewReplicaSet(d: KObject, rsList: readonly KObject[]): KObject | undefined {
  const byAge = [...rsList].sort((a, b) => {
    const ta = parseTimestamp(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTimestamp(b.metadata.creationTimestamp) ?? 0;
    return ta - tb || (a.metadata.name! < b.metadata.name! ? -1 : 1);
  });
  return byAge.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** GetAllReplicaSets: every old ReplicaSet and the new one, if any. */
export function replicaSetsOf(api: ApiServer, d: KObject): { all: KObject[]; old: KObject[]; newRS?: KObject } {
  const all = controlledReplicaSets(api, d);
  const newRS = findNewReplicaSet(d, all);
  return { all, old: all.filter((rs) => rs !== newRS), newRS };
}

export function revisionOf(obj: KObject): number | undefined {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}
