import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiServer } from '../api/apiServer';
import type { KObject } from '../api/object';

/** One endpoint of one Service port, as kube-proxy and the ingress controller see it. */
export interface Backend {
  ip: string;
  /** The endpoint's port for this Service port (the resolved targetPort). */
  port: number;
  /** "namespace/name" of the target pod, when the endpoint names one. */
  pod?: string;
  nodeName?: string;
  hostname?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

/** kube-proxy's iptables.minSyncPeriod (default 1s): rules are rewritten at most once a second. */
export const KUBE_PROXY_MIN_SYNC_MS = 1000;

/**
 * The Services and their EndpointSlices as every node's kube-proxy watches them: virtual IPs
 * (ClusterIPs, externalIPs, load-balancer IPs) and node ports, and per Service port the merged
 * endpoints of all its slices (whoever manages them: the controller, the API server for
 * `kubernetes`, or the user for a Service without a selector). Endpoint lists are computed
 * when first asked for after a slice of that Service changed.
 */
export class ServiceTable {
  private readonly vips = new Map<string, string>();
  private readonly nodePorts = new Map<number, { service: string; port: ServicePort }>();
  private readonly slices = new Map<string, Map<string, EndpointSlice>>();
  private readonly cache = new Map<string, Map<string, Backend[]>>();
  /** For the Services changed since kube-proxy's last sync: the slices its rules still reflect. */
  private readonly programmed = new Map<string, { slices: EndpointSlice[]; cache: Map<string, Backend[]> }>();
  private lastProxySync = -Infinity;
  /**
   * Each Service's slices after every change, for programs replayed from their start (a plan
   * asks at past times): what the endpoints were then, not what they are now.
   */
  private readonly history = new Map<string, { t: number; slices: EndpointSlice[]; cache: Map<string, Backend[]> }[]>();
  /** When the pending sync happens (rules then reflect the slices of that moment). */
  private nextProxySync: number | undefined;
  /** Bumped on every change: cheap validity checks for callers that cache routes. */
  version = 0;
  /** Called with a Service key after its endpoints changed. */
  onEndpointsChange?: (serviceKey: string) => void;

  constructor(private readonly api: ApiServer) {
    for (const s of api.list('Service')) this.addService(s);
    for (const s of api.list('EndpointSlice')) this.addSlice(s);
    api.watch('Service', (ev) => {
      if (ev.old) this.removeService(ev.old);
      if (ev.type !== 'DELETED') this.addService(ev.object);
      this.version++;
    });
    api.watch('EndpointSlice', (ev) => {
      this.noteProxyChange(ev.object.metadata.labels?.[LABEL_SERVICE_NAME] ?? ev.old?.metadata.labels?.[LABEL_SERVICE_NAME], ev.object.metadata.namespace);
      if (ev.old) this.removeSlice(ev.old);
      if (ev.type !== 'DELETED') this.addSlice(ev.object);
      this.version++;
      const svc = ev.object.metadata.labels?.[LABEL_SERVICE_NAME] ?? ev.old?.metadata.labels?.[LABEL_SERVICE_NAME];
      if (svc) {
        const key = `${ev.object.metadata.namespace}/${svc}`;
        this.remember(key);
        this.onEndpointsChange?.(key);
      }
    });
  }

  service(key: string): Service | undefined {
    const i = key.indexOf('/');
    return this.api.get('Service', key.slice(0, i), key.slice(i + 1)) as Service | undefined;
  }

  /** The Service owning a virtual IP (ClusterIP, externalIP, load-balancer IP). */
  serviceByIP(ip: string): string | undefined {
    return this.vips.get(ip);
  }

  serviceByNodePort(port: number): { service: string; port: ServicePort } | undefined {
    return this.nodePorts.get(port);
  }

  /**
   * A change of a Service's slices reaches every node's rules at kube-proxy's next sync
   * (BoundedFrequencyRunner): at once when the last sync is a second old, else when the second
   * is up. Until then the rules still send connections to the endpoints they had (a pod already
   * gone included).
   */
  private noteProxyChange(svc: string | undefined, ns: string | undefined): void {
    if (!svc) return;
    const key = `${ns}/${svc}`;
    const now = this.api.clock.now();
    if (this.nextProxySync !== undefined && this.nextProxySync <= now) {
      this.lastProxySync = this.nextProxySync;
      this.nextProxySync = undefined;
      this.programmed.clear();
    }
    if (this.nextProxySync === undefined) {
      if (now >= this.lastProxySync + KUBE_PROXY_MIN_SYNC_MS) {
        this.lastProxySync = now;
        return;
      }
      this.nextProxySync = this.lastProxySync + KUBE_PROXY_MIN_SYNC_MS;
    }
    if (!this.programmed.has(key)) this.programmed.set(key, { slices: [...(this.slices.get(key)?.values() ?? [])], cache: new Map() });
  }

  private remember(key: string): void {
    let h = this.history.get(key);
    if (!h) this.history.set(key, (h = []));
    const now = this.api.clock.now();
    const entry = { t: now, slices: [...(this.slices.get(key)?.values() ?? [])], cache: new Map<string, Backend[]>() };
    if (h.length && h[h.length - 1].t === now) h[h.length - 1] = entry;
    else h.push(entry);
    if (h.length > 256) h.splice(0, h.length - 256);
  }

  /** Endpoints of a Service port as they were at `t` (now and later: as they are). */
  backendsAt(serviceKey: string, portName: string, t: number): Backend[] {
    if (t >= this.api.clock.now()) return this.backends(serviceKey, portName);
    const h = this.history.get(serviceKey);
    if (!h) return this.backends(serviceKey, portName);
    let entry: (typeof h)[number] | undefined;
    for (const e of h) {
      if (e.t > t) break;
      entry = e;
    }
    if (!entry) return h[0].t <= t ? this.backends(serviceKey, portName) : [];
    let list = entry.cache.get(portName);
    if (!list) entry.cache.set(portName, (list = backendsOf(entry.slices, portName)));
    return list;
  }

  /** The endpoints kube-proxy's rules hold at `t` for a Service port (the slices, lagging by up to a sync). */
  proxyBackends(serviceKey: string, portName: string, t: number): Backend[] {
    if (t < this.api.clock.now()) return this.backendsAt(serviceKey, portName, t);
    const p = this.programmed.get(serviceKey);
    if (!p || this.nextProxySync === undefined || t >= this.nextProxySync) return this.backends(serviceKey, portName);
    let list = p.cache.get(portName);
    if (!list) p.cache.set(portName, (list = backendsOf(p.slices, portName)));
    return list;
  }

  /** Endpoints of one Service port (by its name; "" for an unnamed port), as the slices say now. */
  backends(serviceKey: string, portName: string): Backend[] {
    let perSvc = this.cache.get(serviceKey);
    if (!perSvc) this.cache.set(serviceKey, (perSvc = new Map()));
    let list = perSvc.get(portName);
    if (list) return list;
    list = backendsOf([...(this.slices.get(serviceKey)?.values() ?? [])], portName);
    perSvc.set(portName, list);
    return list;
  }

  /**
   * What a client of the Service can get, cheaply, from the slices: for each port whether some
   * endpoint is usable, and for a headless Service the ready addresses DNS returns.
   */
  reachability(serviceKey: string, headless: boolean): string {
    const slices = this.slices.get(serviceKey);
    if (!slices) return '';
    const svc = this.service(serviceKey);
    const wanted = (svc?.spec?.ports ?? []).length || 1;
    const usable = new Set<string>();
    const ips: string[] = [];
    for (const s of slices.values()) {
      for (const ep of s.endpoints ?? []) {
        const c = ep.conditions ?? {};
        const ready = c.ready !== false;
        if (!ready && !(c.serving && c.terminating)) continue;
        for (const p of s.ports ?? [{ name: '' }]) usable.add(p.name ?? '');
        if (headless) {
          if (ready && ep.addresses[0]) ips.push(ep.addresses[0]);
          continue;
        }
        if (usable.size >= wanted) return [...usable].sort().join(',');
        // This slice's ports are usable; the other port sets are in other slices.
        break;
      }
    }
    return `${[...usable].sort().join(',')}|${ips.sort().join(',')}`;
  }

  /** Whether any EndpointSlice names this Service. */
  hasSlices(serviceKey: string): boolean {
    return (this.slices.get(serviceKey)?.size ?? 0) > 0;
  }

  private addService(o: KObject): void {
    const svc = o as Service;
    const key = `${svc.metadata!.namespace}/${svc.metadata!.name}`;
    for (const ip of serviceIPs(svc)) this.vips.set(ip, key);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) this.nodePorts.set(p.nodePort, { service: key, port: p });
  }

  private removeService(o: KObject): void {
    const svc = o as Service;
    const key = `${svc.metadata!.namespace}/${svc.metadata!.name}`;
    for (const ip of serviceIPs(svc)) if (this.vips.get(ip) === key) this.vips.delete(ip);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort && this.nodePorts.get(p.nodePort)?.service === key) this.nodePorts.delete(p.nodePort);
  }

  private addSlice(o: KObject): void {
    const svc = o.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svc) return;
    const key = `${o.metadata.namespace}/${svc}`;
    let m = this.slices.get(key);
    if (!m) this.slices.set(key, (m = new Map()));
    m.set(o.metadata.name!, o as EndpointSlice);
    this.cache.delete(key);
  }

  private removeSlice(o: KObject): void {
    const svc = o.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svc) return;
    const key = `${o.metadata.namespace}/${svc}`;
    this.slices.get(key)?.delete(o.metadata.name!);
    this.cache.delete(key);
  }
}

/** The merged endpoints of a Service port over its slices (deduplicated by address and port). */
function backendsOf(unsorted: EndpointSlice[], portName: string): Backend[] {
  const list: Backend[] = [];
  const seen = new Set<string>();
  const slices = [...unsorted].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    for (const s of slices) {
      if (s.addressType !== 'IPv4') continue;
      const port = (s.ports ?? []).find((p) => (p.name ?? '') === portName);
      for (const ep of s.endpoints ?? []) {
        const ip = ep.addresses[0];
        const num = port?.port ?? 0;
        const k = `${ip}:${num}`;
        if (!ip || seen.has(k)) continue;
        seen.add(k);
        const c = ep.conditions ?? {};
        // A nil ready condition counts as ready; nil serving follows ready (EndpointConditions comments).
        const ready = c.ready !== false;
        list.push({
          ip,
          port: num,
          pod: ep.targetRef?.kind === 'Pod' ? `${ep.targetRef.namespace}/${ep.targetRef.name}` : undefined,
          nodeName: ep.nodeName,
          hostname: ep.hostname,
          ready,
          serving: c.serving ?? ready,
          terminating: c.terminating ?? false,
        });
      }
    }
  return list;
}

/** The addresses kube-proxy answers for a Service: ClusterIPs, externalIPs and load-balancer IPs. */
export function serviceIPs(svc: Service): string[] {
  const out: string[] = [];
  for (const ip of svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) if (ip && ip !== 'None') out.push(ip);
  for (const ip of svc.spec?.externalIPs ?? []) out.push(ip);
  if (svc.spec?.type === 'LoadBalancer') for (const i of svc.status?.loadBalancer?.ingress ?? []) if (i.ip) out.push(i.ip);
  return out;
}
