import type { KObject } from '../../../engine/api/object';
import { parseTimestamp } from '../../../engine/time';
import type { ClusterSnapshot } from '../../../store/snapshot';
import { naturalCompare } from './order';
import type { PodView } from './podView';

export type WorkloadTone = 'ok' | 'progress' | 'bad' | 'muted';

/** A workload object on the canvas, with the objects it manages nested under it. */
export interface WorkloadItem {
  readonly uid: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The READY (or COMPLETIONS) column as kubectl prints it. */
  readonly ready: string;
  /** A few more kubectl columns, in kubectl's own words. */
  readonly detail: string;
  readonly tone: WorkloadTone;
  /** deployment.kubernetes.io/revision of a ReplicaSet. */
  readonly revision?: number;
  /** The Deployment's newest ReplicaSet (the one a rollout scales up). */
  readonly newest?: boolean;
  readonly children: readonly WorkloadItem[];
  /** Pods this object owns directly. */
  readonly podCount: number;
}

/** Which rollout generation a pod belongs to, and whether it is the newest. */
export interface PodRevision {
  readonly revision: number;
  readonly newest: boolean;
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const KIND_ORDER = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'ReplicationController'];
/** Finished Jobs a CronJob shows under it (the most recent). */
const CRONJOB_CHILDREN = 3;

const of = (s: ClusterSnapshot, kind: string) => s.byKind.get(kind) ?? [];
const ctrlUid = (o: KObject) => (o.metadata.ownerReferences?.find((r) => r.controller) ?? undefined)?.uid;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function revisionOf(rs: KObject): number {
  const n = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(n) ? n : 0;
}

function deploymentTone(d: KObject): WorkloadTone {
  const want = d.spec?.replicas ?? 1;
  const progressing = (d.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
  if (progressing?.status === 'False') return 'bad';
  if (want === 0) return 'muted';
  const s = d.status ?? {};
  return num(s.availableReplicas) >= want && num(s.updatedReplicas) >= want && num(s.replicas) === want ? 'ok' : 'progress';
}

function jobState(j: KObject): { tone: WorkloadTone; state: string } {
  const conds: { type: string; status: string }[] = j.status?.conditions ?? [];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return { tone: 'ok', state: 'Complete' };
  if (has('Failed')) return { tone: 'bad', state: 'Failed' };
  if (j.spec?.suspend) return { tone: 'muted', state: 'Suspended' };
  return { tone: 'progress', state: 'Running' };
}

function created(o: KObject): number {
  return parseTimestamp(o.metadata.creationTimestamp) ?? 0;
}

function item(o: KObject, fields: Omit<WorkloadItem, 'uid' | 'kind' | 'name' | 'namespace' | 'children' | 'podCount'>, children: WorkloadItem[], podCount: number): WorkloadItem {
  return { uid: o.metadata.uid!, kind: o.kind, name: o.metadata.name!, namespace: o.metadata.namespace ?? '', children, podCount, ...fields };
}

/**
 * Deployments with their ReplicaSets, StatefulSets, DaemonSets, CronJobs with their Jobs, bare
 * Jobs and ReplicaSets; and for each drawn pod, the workload item that owns it.
 */
export function buildWorkloads(snap: ClusterSnapshot, pods: ReadonlyMap<string, PodView>, visible: (ns?: string) => boolean): { workloads: WorkloadItem[]; podOwner: Map<string, string> } {
  const podCount = new Map<string, number>();
  const podOwner = new Map<string, string>();
  for (const v of pods.values()) {
    if (!v.ownerUid) continue;
    podCount.set(v.ownerUid, (podCount.get(v.ownerUid) ?? 0) + 1);
  }
  const count = (uid: string | undefined) => (uid ? podCount.get(uid) ?? 0 : 0);
  const drawn = new Set<string>();

  const rsItem = (rs: KObject, newestRev: number): WorkloadItem => {
    const s = rs.status ?? {};
    const want = rs.spec?.replicas ?? 1;
    const rev = revisionOf(rs);
    return item(rs, {
      ready: `${num(s.readyReplicas)}/${want}`,
      detail: `DESIRED ${want} · CURRENT ${num(s.replicas)}`,
      tone: want === 0 ? 'muted' : num(s.readyReplicas) >= want ? 'ok' : 'progress',
      revision: rev || undefined,
      newest: rev > 0 && rev === newestRev,
    }, [], count(rs.metadata.uid));
  };

  const rsByOwner = new Map<string, KObject[]>();
  for (const rs of of(snap, 'ReplicaSet')) {
    const o = ctrlUid(rs);
    if (!o) continue;
    const list = rsByOwner.get(o) ?? [];
    list.push(rs);
    rsByOwner.set(o, list);
  }
  const jobsByOwner = new Map<string, KObject[]>();
  for (const j of of(snap, 'Job')) {
    const o = ctrlUid(j);
    if (!o) continue;
    const list = jobsByOwner.get(o) ?? [];
    list.push(j);
    jobsByOwner.set(o, list);
  }

  const out: WorkloadItem[] = [];
  for (const d of of(snap, 'Deployment')) {
    if (!visible(d.metadata.namespace)) continue;
    const all = (rsByOwner.get(d.metadata.uid!) ?? []).slice().sort((a, b) => revisionOf(b) - revisionOf(a));
    const newestRev = all.length ? revisionOf(all[0]) : 0;
    const children = all
      .filter((rs, i) => i === 0 || (rs.spec?.replicas ?? 0) > 0 || num(rs.status?.replicas) > 0 || count(rs.metadata.uid) > 0)
      .map((rs) => rsItem(rs, newestRev));
    for (const rs of all) drawn.add(rs.metadata.uid!);
    const s = d.status ?? {};
    const want = d.spec?.replicas ?? 1;
    out.push(item(d, {
      ready: `${num(s.readyReplicas)}/${want}`,
      detail: `UP-TO-DATE ${num(s.updatedReplicas)} · AVAILABLE ${num(s.availableReplicas)}`,
      tone: deploymentTone(d),
      revision: newestRev || undefined,
    }, children, 0));
  }
  for (const sts of of(snap, 'StatefulSet')) {
    if (!visible(sts.metadata.namespace)) continue;
    const s = sts.status ?? {};
    const want = sts.spec?.replicas ?? 1;
    out.push(item(sts, {
      ready: `${num(s.readyReplicas)}/${want}`,
      detail: `UPDATED ${num(s.updatedReplicas)} · CURRENT ${num(s.currentReplicas)}`,
      tone: want === 0 ? 'muted' : num(s.readyReplicas) >= want ? 'ok' : 'progress',
    }, [], count(sts.metadata.uid)));
  }
  for (const ds of of(snap, 'DaemonSet')) {
    if (!visible(ds.metadata.namespace)) continue;
    const s = ds.status ?? {};
    const want = num(s.desiredNumberScheduled);
    out.push(item(ds, {
      ready: `${num(s.numberReady)}/${want}`,
      detail: `DESIRED ${want} · AVAILABLE ${num(s.numberAvailable)}`,
      tone: num(s.numberReady) >= want ? 'ok' : 'progress',
    }, [], count(ds.metadata.uid)));
  }
  const jobItem = (j: KObject): WorkloadItem => {
    const { tone, state } = jobState(j);
    return item(j, {
      ready: `${num(j.status?.succeeded)}/${j.spec?.completions ?? 1}`,
      detail: `STATUS ${state}${num(j.status?.failed) ? ` · FAILED ${num(j.status?.failed)}` : ''}`,
      tone,
    }, [], count(j.metadata.uid));
  };
  for (const cj of of(snap, 'CronJob')) {
    if (!visible(cj.metadata.namespace)) continue;
    const jobs = (jobsByOwner.get(cj.metadata.uid!) ?? []).slice().sort((a, b) => created(b) - created(a) || naturalCompare(b.metadata.name!, a.metadata.name!));
    for (const j of jobs) drawn.add(j.metadata.uid!);
    const shown = jobs.filter((j, i) => i < CRONJOB_CHILDREN || count(j.metadata.uid) > 0);
    out.push(item(cj, {
      ready: `${(cj.status?.active ?? []).length} active`,
      detail: `SCHEDULE ${cj.spec?.schedule ?? ''}${cj.spec?.suspend ? ' · SUSPEND True' : ''}`,
      tone: cj.spec?.suspend ? 'muted' : 'ok',
    }, shown.map(jobItem), 0));
  }
  for (const j of of(snap, 'Job')) {
    if (!visible(j.metadata.namespace) || drawn.has(j.metadata.uid!)) continue;
    out.push(jobItem(j));
  }
  for (const rs of of(snap, 'ReplicaSet')) {
    if (!visible(rs.metadata.namespace) || drawn.has(rs.metadata.uid!)) continue;
    out.push(rsItem(rs, 0));
  }
  for (const rc of of(snap, 'ReplicationController')) {
    if (!visible(rc.metadata.namespace)) continue;
    const s = rc.status ?? {};
    const want = rc.spec?.replicas ?? 1;
    out.push(item(rc, { ready: `${num(s.readyReplicas)}/${want}`, detail: `DESIRED ${want} · CURRENT ${num(s.replicas)}`, tone: num(s.readyReplicas) >= want ? 'ok' : 'progress' }, [], count(rc.metadata.uid)));
  }

  out.sort((a, b) => naturalCompare(a.namespace, b.namespace) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || naturalCompare(a.name, b.name));

  const owners = new Set<string>();
  for (const w of out) {
    owners.add(w.uid);
    for (const c of w.children) owners.add(c.uid);
  }
  for (const v of pods.values()) if (v.ownerUid && owners.has(v.ownerUid)) podOwner.set(v.uid, v.ownerUid);
  return { workloads: out, podOwner };
}

/**
 * The rollout generation of each pod: a Deployment's pods by their ReplicaSet's revision; a
 * StatefulSet's or DaemonSet's by the ControllerRevision their controller-revision-hash names.
 */
export function podRevisions(snap: ClusterSnapshot, pods: ReadonlyMap<string, PodView>): Map<string, PodRevision> {
  const out = new Map<string, PodRevision>();
  const rsByUid = new Map<string, KObject>();
  const newestByDeployment = new Map<string, number>();
  for (const rs of of(snap, 'ReplicaSet')) {
    rsByUid.set(rs.metadata.uid!, rs);
    const d = ctrlUid(rs);
    if (d) newestByDeployment.set(d, Math.max(newestByDeployment.get(d) ?? 0, revisionOf(rs)));
  }
  const crByName = new Map<string, KObject>();
  const newestByOwner = new Map<string, number>();
  for (const cr of of(snap, 'ControllerRevision')) {
    crByName.set(`${cr.metadata.namespace}/${cr.metadata.name}`, cr);
    const o = ctrlUid(cr);
    if (o) newestByOwner.set(o, Math.max(newestByOwner.get(o) ?? 0, num(cr.revision)));
  }
  for (const v of pods.values()) {
    if (!v.ownerUid) continue;
    if (v.ownerKind === 'ReplicaSet') {
      const rs = rsByUid.get(v.ownerUid);
      const rev = rs ? revisionOf(rs) : 0;
      if (!rev) continue;
      const d = ctrlUid(rs!);
      out.set(v.uid, { revision: rev, newest: d ? rev === newestByDeployment.get(d) : true });
    } else if (v.ownerKind === 'StatefulSet' || v.ownerKind === 'DaemonSet') {
      const hash = v.labels['controller-revision-hash'];
      if (!hash) continue;
      const cr = crByName.get(`${v.namespace}/${hash.startsWith(`${v.ownerName}-`) ? hash : `${v.ownerName}-${hash}`}`);
      const rev = cr ? num(cr.revision) : 0;
      if (rev) out.set(v.uid, { revision: rev, newest: rev === newestByOwner.get(v.ownerUid) });
    }
  }
  return out;
}
