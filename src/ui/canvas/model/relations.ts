import type { KObject } from '../../../engine/api/object';
import { fromMap, matches } from '../../../engine/api/selectors';
import { serviceExternalIP } from '../../../engine/kubectl/printers/tablesCore';
import type { ClusterSnapshot } from '../../../store/snapshot';
import { naturalCompare } from './order';
import type { PodView } from './podView';

export interface ServiceItem {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly clusterIP: string;
  /** The PORT(S) column. */
  readonly ports: string;
  /** The EXTERNAL-IP column: load-balancer addresses, `<pending>`, external IPs or an ExternalName. */
  readonly external: string;
  /** Pods the selector matches (uids), in pod order. */
  readonly selected: readonly string[];
  /** Of those, the ready endpoints (uids). */
  readonly ready: ReadonlySet<string>;
  /** Its endpoints, from its EndpointSlices (pods without an address yet are not endpoints). */
  readonly endpoints: EndpointCounts;
}

export interface IngressItem {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly hosts: readonly string[];
  /** Names of the Services it routes to (same namespace). */
  readonly backends: readonly string[];
}

export interface PvcItem {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  readonly capacity: string;
  readonly storageClass: string;
  readonly volumeName: string;
  /** Pods that mount the claim (uids). */
  readonly pods: readonly string[];
}

export interface PvItem {
  readonly uid: string;
  readonly name: string;
  readonly phase: string;
  readonly capacity: string;
  /** "namespace/name" of the bound claim, or ''. */
  readonly claim: string;
}

const of = (s: ClusterSnapshot, kind: string) => s.byKind.get(kind) ?? [];
const byName = (a: { namespace?: string; name: string }, b: { namespace?: string; name: string }) => naturalCompare(a.namespace ?? '', b.namespace ?? '') || naturalCompare(a.name, b.name);

/** A Service's endpoints as its EndpointSlices list them (each address once, across slices). */
export interface EndpointCounts {
  readonly total: number;
  readonly ready: number;
  /** Endpoints of terminating pods (ready false, terminating true). */
  readonly terminating: number;
}

interface SliceSummary extends EndpointCounts {
  /** targetRef uids of the ready endpoints. */
  readonly readyUids: Set<string>;
}

/**
 * Endpoints per Service from its EndpointSlices: ready means `conditions.ready` is not false
 * (nil is ready, as the API documents). Services with no slice at all yet are absent: the
 * caller falls back to pod readiness.
 */
function sliceSummaries(snap: ClusterSnapshot): Map<string, SliceSummary> {
  const seen = new Map<string, Map<string, { ready: boolean; terminating: boolean; uid?: string }>>();
  for (const slice of of(snap, 'EndpointSlice')) {
    const svc = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${slice.metadata.namespace}/${svc}`;
    let eps = seen.get(key);
    if (!eps) seen.set(key, (eps = new Map()));
    for (const ep of slice.endpoints ?? []) {
      const id = ep.targetRef?.uid ?? (ep.addresses ?? []).join(',');
      const ready = ep.conditions?.ready !== false;
      const prev = eps.get(id);
      // The same endpoint in two slices (one per port set) counts once; ready if either says so.
      eps.set(id, { ready: ready || !!prev?.ready, terminating: ep.conditions?.terminating === true || !!prev?.terminating, uid: ep.targetRef?.uid });
    }
  }
  const out = new Map<string, SliceSummary>();
  for (const [key, eps] of seen) {
    let ready = 0;
    let terminating = 0;
    const readyUids = new Set<string>();
    for (const e of eps.values()) {
      if (e.ready) {
        ready++;
        if (e.uid) readyUids.add(e.uid);
      }
      if (e.terminating) terminating++;
    }
    out.set(key, { total: eps.size, ready, terminating, readyUids });
  }
  return out;
}

export function buildServices(
  snap: ClusterSnapshot,
  pods: ReadonlyMap<string, PodView>,
  visible: (ns?: string) => boolean,
  portsOf: (svc: KObject) => string,
): { services: ServiceItem[]; ingresses: IngressItem[] } {
  const podsByNs = new Map<string, PodView[]>();
  for (const v of pods.values()) {
    const list = podsByNs.get(v.namespace) ?? [];
    list.push(v);
    podsByNs.set(v.namespace, list);
  }
  const slices = sliceSummaries(snap);
  const services: ServiceItem[] = [];
  for (const svc of of(snap, 'Service')) {
    const ns = svc.metadata.namespace ?? 'default';
    if (!visible(ns)) continue;
    const sel = svc.spec?.selector as Record<string, string> | undefined;
    const selected: string[] = [];
    if (sel && Object.keys(sel).length) {
      const selector = fromMap(sel);
      for (const v of podsByNs.get(ns) ?? []) if (matches(selector, v.labels)) selected.push(v.uid);
    }
    const fromSlices = slices.get(`${ns}/${svc.metadata.name}`);
    const ready = new Set<string>();
    for (const uid of selected) {
      const v = pods.get(uid)!;
      const isReady = fromSlices ? fromSlices.readyUids.has(uid) : v.podReady && !v.deletion;
      if (isReady) ready.add(uid);
    }
    const endpoints: EndpointCounts = fromSlices
      ? { total: fromSlices.total, ready: fromSlices.ready, terminating: fromSlices.terminating }
      : { total: selected.filter((u) => ready.has(u) || pods.get(u)!.pod.status?.podIP).length, ready: ready.size, terminating: 0 };
    services.push({
      uid: svc.metadata.uid!,
      name: svc.metadata.name!,
      namespace: ns,
      type: svc.spec?.type ?? 'ClusterIP',
      clusterIP: svc.spec?.clusterIP ?? '',
      ports: portsOf(svc),
      external: ((x) => (x === '<none>' ? '' : x))(serviceExternalIP(svc, true)),
      selected,
      ready,
      endpoints,
    });
  }
  services.sort(byName);

  const ingresses: IngressItem[] = [];
  for (const ing of of(snap, 'Ingress')) {
    if (!visible(ing.metadata.namespace)) continue;
    const backends = new Set<string>();
    const def = ing.spec?.defaultBackend?.service?.name;
    if (def) backends.add(def);
    const hosts: string[] = [];
    for (const rule of ing.spec?.rules ?? []) {
      if (rule.host) hosts.push(rule.host);
      for (const p of rule.http?.paths ?? []) if (p.backend?.service?.name) backends.add(p.backend.service.name);
    }
    ingresses.push({ uid: ing.metadata.uid!, name: ing.metadata.name!, namespace: ing.metadata.namespace ?? 'default', hosts, backends: [...backends] });
  }
  ingresses.sort(byName);
  return { services, ingresses };
}

export function buildStorage(snap: ClusterSnapshot, pods: ReadonlyMap<string, PodView>, visible: (ns?: string) => boolean): { pvcs: PvcItem[]; pvs: PvItem[] } {
  const mounts = new Map<string, string[]>();
  for (const v of pods.values()) {
    for (const c of v.claims) {
      const key = `${v.namespace}/${c}`;
      const list = mounts.get(key) ?? [];
      list.push(v.uid);
      mounts.set(key, list);
    }
  }
  const pvcs: PvcItem[] = [];
  for (const c of of(snap, 'PersistentVolumeClaim')) {
    const ns = c.metadata.namespace ?? 'default';
    if (!visible(ns)) continue;
    pvcs.push({
      uid: c.metadata.uid!,
      name: c.metadata.name!,
      namespace: ns,
      phase: c.status?.phase ?? 'Pending',
      capacity: c.status?.capacity?.storage ?? c.spec?.resources?.requests?.storage ?? '',
      storageClass: c.spec?.storageClassName ?? '',
      volumeName: c.spec?.volumeName ?? '',
      pods: mounts.get(`${ns}/${c.metadata.name}`) ?? [],
    });
  }
  pvcs.sort(byName);
  const pvs: PvItem[] = of(snap, 'PersistentVolume')
    .map((pv) => {
      const ref = pv.spec?.claimRef;
      return {
        uid: pv.metadata.uid!,
        name: pv.metadata.name!,
        phase: pv.status?.phase ?? 'Pending',
        capacity: pv.spec?.capacity?.storage ?? '',
        claim: ref?.name ? `${ref.namespace ?? 'default'}/${ref.name}` : '',
      };
    })
    .filter((pv) => !pv.claim || visible(pv.claim.split('/')[0]))
    .sort(byName);
  return { pvcs, pvs };
}
