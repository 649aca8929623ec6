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
      if (ev.old) this.removeSlice(ev.old);
      if (ev.type !== 'DELETED') this.addSlice(ev.object);
      this.version++;
      const svc = ev.object.metadata.labels?.[LABEL_SERVICE_NAME] ?? ev.old?.metadata.labels?.[LABEL_SERVICE_NAME];
      if (svc) this.onEndpointsChange?.(`${ev.object.metadata.namespace}/${svc}`);
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

  /** Endpoints of one Service port (by its name; "" for an unnamed port). */
  backends(serviceKey: string, portName: string): Backend[] {
    let perSvc = this.cache.get(serviceKey);
    if (!perSvc) this.cache.set(serviceKey, (perSvc = new Map()));
    let list = perSvc.get(portName);
    if (list) return list;
    list = [];
    const seen = new Set<string>();
    const slices = [...(this.slices.get(serviceKey)?.values() ?? [])].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
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
    perSvc.set(portName, list);
    return list;
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

/** The addresses kube-proxy answers for a Service: ClusterIPs, externalIPs and load-balancer IPs. */
export function serviceIPs(svc: Service): string[] {
  const out: string[] = [];
  for (const ip of svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) if (ip && ip !== 'None') out.push(ip);
  for (const ip of svc.spec?.externalIPs ?? []) out.push(ip);
  if (svc.spec?.type === 'LoadBalancer') for (const i of svc.status?.loadBalancer?.ingress ?? []) if (i.ip) out.push(i.ip);
  return out;
}
