import { kindInfo } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/object';
import { toYaml } from '../../engine/kubectl/format/yaml';
import type { ClusterSnapshot } from '../../store/snapshot';
import type { ObjectRef } from '../../store/playgroundStore';

/** The selected object in the snapshot (cluster-scoped kinds ignore the namespace). */
export function findObject(snap: ClusterSnapshot, ref: ObjectRef | undefined): KObject | undefined {
  if (!ref) return undefined;
  const namespaced = kindInfo(ref.kind)?.namespaced ?? true;
  const ns = ref.namespace ?? 'default';
  return (snap.byKind.get(ref.kind) ?? []).find((o) => o.metadata.name === ref.name && (!namespaced || (o.metadata.namespace ?? 'default') === ns));
}

/**
 * The object as `kubectl get -o yaml` prints it: keys in kubectl's order (apiVersion, kind,
 * metadata, spec, status), with kubectl's quoting; the same text the console shows.
 */
export function objectYaml(obj: KObject): string {
  return toYaml(obj);
}

/** The console line that describes an object: `describe pod web-1 -n default`. */
export function describeCommand(ref: ObjectRef): string {
  const namespaced = kindInfo(ref.kind)?.namespaced ?? true;
  return `describe ${ref.kind.toLowerCase()} ${ref.name}${namespaced ? ` -n ${ref.namespace ?? 'default'}` : ''}`;
}

export interface Verdict {
  node: string;
  filter: string;
  total?: number;
  scores?: Record<string, number>;
  chosen: boolean;
}

export interface DecisionLike {
  time: number;
  outcome: string;
  node?: string;
  nodesEvaluated: number;
  perNode: { node: string; filter: string; scores?: Record<string, number>; total?: number }[];
  message: string;
}

/** Scheduler verdicts to show: the chosen node first, then the nodes that fit by score, then the rejected by name. */
export function sortVerdicts(d: DecisionLike): Verdict[] {
  const rank = (v: Verdict) => (v.chosen ? 0 : v.filter === 'passed' ? 1 : 2);
  return d.perNode
    .map((v) => ({ ...v, chosen: v.node === d.node }))
    .sort((a, b) => rank(a) - rank(b) || (b.total ?? 0) - (a.total ?? 0) || a.node.localeCompare(b.node, 'en', { numeric: true }));
}
