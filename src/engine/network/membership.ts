import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { ApiServer, WatchEvent } from '../api/apiServer';
import { fromMap, matches, type Selector } from '../api/selectors';
import type { KObject } from '../api/object';

/** What about a pod its endpoints show: a change elsewhere in the pod (a container status) is ignored. */
export function endpointFingerprint(p: KObject): string {
  const ready = (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
  const phase = p.status?.phase;
  return [p.status?.podIP ?? '', p.spec?.nodeName ?? '', ready ? 1 : 0, p.metadata.deletionTimestamp ? 1 : 0, phase === 'Succeeded' || phase === 'Failed' ? 1 : 0, p.spec?.hostname ?? '', p.spec?.subdomain ?? ''].join('|');
}

/** A Service whose endpoints may have changed, and the pod that changed (none: the Service itself did). */
type Listener = (serviceKey: string, pod?: string) => void;

/**
 * Which pods each Service selects, kept up to date from the Pod and Service watches, the way
 * the endpoint controllers' GetPodServiceMemberships / GetServicesToUpdateOnPodChange find
 * the Services a pod change concerns. A pod event only looks at the Services with a selector
 * in its own namespace, and only reports a Service when the pod's membership or one of the
 * fields its endpoint shows changed, so a 10,000-pod Deployment without a Service costs nothing.
 */
export class ServiceMembership {
  private readonly selectors = new Map<string, Map<string, Selector>>();
  private readonly members = new Map<string, Set<string>>();
  private readonly listeners: Listener[] = [];

  constructor(private readonly api: ApiServer) {
    for (const s of api.list('Service')) this.setService(s as Service);
    api.watch('Service', (ev) => this.onService(ev));
    api.watch('Pod', (ev) => this.onPod(ev));
  }

  /** Called with "namespace/name" of each Service whose endpoints a change may affect (and the pod's name). */
  subscribe(fn: Listener): void {
    this.listeners.push(fn);
  }

  /** The pods a Service selects (in the order they were seen), or none without a selector. */
  podsOf(namespace: string, name: string): Pod[] {
    const set = this.members.get(`${namespace}/${name}`);
    if (!set) return [];
    const out: Pod[] = [];
    for (const podName of set) {
      const p = this.api.get('Pod', namespace, podName) as Pod | undefined;
      if (p) out.push(p);
    }
    return out;
  }

  /** How many pods a Service selects. */
  countOf(namespace: string, name: string): number {
    return this.members.get(`${namespace}/${name}`)?.size ?? 0;
  }

  /** Services (by name) in `namespace` whose selector matches these labels. */
  servicesSelecting(namespace: string, labels: Record<string, string> | undefined): string[] {
    const out: string[] = [];
    for (const [name, sel] of this.selectors.get(namespace) ?? []) if (matches(sel, labels)) out.push(name);
    return out;
  }

  private notify(key: string, pod?: string): void {
    for (const fn of this.listeners) fn(key, pod);
  }

  private setService(svc: Service): void {
    const ns = svc.metadata!.namespace ?? 'default';
    const name = svc.metadata!.name!;
    const key = `${ns}/${name}`;
    let perNs = this.selectors.get(ns);
    if (!svc.spec?.selector) {
      perNs?.delete(name);
      this.members.delete(key);
      return;
    }
    if (!perNs) this.selectors.set(ns, (perNs = new Map()));
    const sel = fromMap(svc.spec.selector);
    perNs.set(name, sel);
    const set = new Set<string>();
    for (const p of this.api.list('Pod', ns)) if (matches(sel, p.metadata.labels)) set.add(p.metadata.name!);
    this.members.set(key, set);
  }

  private onService(ev: WatchEvent): void {
    const svc = ev.object as Service;
    const key = `${svc.metadata!.namespace ?? 'default'}/${svc.metadata!.name}`;
    if (ev.type === 'DELETED') {
      this.selectors.get(svc.metadata!.namespace ?? 'default')?.delete(svc.metadata!.name!);
      this.members.delete(key);
    } else if (ev.type === 'ADDED' || !sameSelector(ev.old?.spec?.selector, svc.spec?.selector)) {
      this.setService(svc);
    }
    this.notify(key);
  }

  private onPod(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace ?? 'default';
    const perNs = this.selectors.get(ns);
    if (!perNs || perNs.size === 0) return;
    const name = ev.object.metadata.name!;
    const now = ev.type === 'DELETED' ? undefined : ev.object;
    const before = ev.type === 'ADDED' ? undefined : (ev.old ?? ev.object);
    const changed = !now || !before || endpointFingerprint(now) !== endpointFingerprint(before);
    for (const [svcName, sel] of perNs) {
      const key = `${ns}/${svcName}`;
      const was = !!before && matches(sel, before.metadata.labels);
      const is = !!now && matches(sel, now.metadata.labels);
      if (!was && !is) continue;
      const set = this.members.get(key);
      if (set) {
        if (is) set.add(name);
        else set.delete(name);
      }
      if (was !== is || changed) this.notify(key, name);
    }
  }
}

function sameSelector(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (!a || !b) return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

const shared = new WeakMap<ApiServer, ServiceMembership>();

/** The one membership index of an API server, shared by the endpoint controllers and the network model. */
export function membershipOf(api: ApiServer): ServiceMembership {
  let m = shared.get(api);
  if (!m) shared.set(api, (m = new ServiceMembership(api)));
  return m;
}
