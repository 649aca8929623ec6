import type { Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../engine/api/object';
import { serviceExternalIP } from '../../engine/kubectl/printers/tablesCore';
import type { ClusterSnapshot } from '../../store/snapshot';

/** A name CoreDNS answers, and what it answers with. */
export interface DnsName {
  readonly name: string;
  /** "A 10.96.0.12", "A 10.244.1.2, 10.244.2.3", "CNAME my.db.example.com". */
  readonly answer: string;
}

export interface PortRow {
  readonly name: string;
  readonly port: number;
  readonly targetPort: string;
  readonly protocol: string;
  readonly nodePort?: number;
}

export interface EndpointRow {
  /** The pod behind it ('' for an address without a pod, like control-plane:6443). */
  readonly pod: string;
  readonly ip: string;
  readonly node: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** DNS hostname (StatefulSet pods behind their headless Service). */
  readonly hostname?: string;
  readonly slice: string;
}

export interface ServiceNetwork {
  readonly type: string;
  readonly clusterIPs: readonly string[];
  readonly headless: boolean;
  /** The EXTERNAL-IP column ('<none>', '<pending>', addresses, or the ExternalName). */
  readonly externalIP: string;
  /** A LoadBalancer's state: its addresses, or pending. */
  readonly loadBalancer?: { readonly addresses: readonly string[] } | 'pending';
  readonly ports: readonly PortRow[];
  readonly endpoints: readonly EndpointRow[];
  /** Pods the selector matches that are not endpoints yet (no address). */
  readonly notEndpoints: readonly string[];
  readonly counts: { readonly total: number; readonly ready: number; readonly terminating: number };
  readonly dns: readonly DnsName[];
  readonly sessionAffinity: string;
  readonly externalTrafficPolicy?: string;
  readonly internalTrafficPolicy?: string;
}

const of = (s: ClusterSnapshot, kind: string) => s.byKind.get(kind) ?? [];
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The pod IP as a DNS label: 10.244.1.2 → 10-244-1-2. */
export const dashedIP = (ip: string) => ip.replace(/\./g, '-').replace(/:/g, '-');

/**
 * What a Service is on the network: its addresses, its ports (port → targetPort, nodePort), its
 * endpoints as the EndpointSlices list them (ready, serving, terminating), and the DNS names
 * CoreDNS answers for it: the Service's own name (a ClusterIP; the ready endpoints' addresses
 * for a headless Service; a CNAME for ExternalName) and, for a headless Service, one name per
 * endpoint with a hostname (StatefulSet pods).
 */
export function serviceNetwork(snap: ClusterSnapshot, svc: KObject, domain: string): ServiceNetwork {
  const ns = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name!;
  const spec = svc.spec ?? {};
  const type: string = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const clusterIPs: string[] = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];

  const byId = new Map<string, EndpointRow>();
  for (const slice of of(snap, 'EndpointSlice')) {
    if (slice.metadata.namespace !== ns || slice.metadata.labels?.['kubernetes.io/service-name'] !== name) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = (ep.addresses ?? []).join(',');
      const c = ep.conditions ?? {};
      const ready = c.ready !== false;
      const row: EndpointRow = {
        pod: ep.targetRef?.kind === 'Pod' ? ep.targetRef.name ?? '' : '',
        ip,
        node: ep.nodeName ?? '',
        ready,
        // serving and terminating are nil-able; nil serving means "same as ready" (EndpointConditions docs).
        serving: c.serving ?? ready,
        terminating: c.terminating === true,
        slice: slice.metadata.name!,
        ...(ep.hostname ? { hostname: ep.hostname } : {}),
      };
      const id = ep.targetRef?.uid ?? ip;
      const prev = byId.get(id);
      if (!prev || (!prev.ready && row.ready)) byId.set(id, row);
    }
  }
  const endpoints = [...byId.values()].sort((a, b) => Number(b.ready) - Number(a.ready) || natural(a.pod || a.ip, b.pod || b.ip));

  const notEndpoints: string[] = [];
  const sel = spec.selector as Record<string, string> | undefined;
  if (sel && Object.keys(sel).length) {
    const listed = new Set(endpoints.map((e) => e.pod));
    for (const p of of(snap, 'Pod')) {
      if (p.metadata.namespace !== ns || listed.has(p.metadata.name!)) continue;
      const labels = p.metadata.labels ?? {};
      if (Object.entries(sel).every(([k, v]) => labels[k] === v)) notEndpoints.push(p.metadata.name!);
    }
    notEndpoints.sort(natural);
  }

  const fqdn = `${name}.${ns}.svc.${domain}`;
  const dns: DnsName[] = [];
  if (type === 'ExternalName') dns.push({ name: fqdn, answer: `CNAME ${spec.externalName ?? ''}` });
  else if (headless) {
    const ready = endpoints.filter((e) => e.ready).map((e) => e.ip);
    dns.push({ name: fqdn, answer: ready.length ? `A ${ready.join(', ')}` : 'NXDOMAIN' });
    for (const e of endpoints) if (e.hostname && e.ready) dns.push({ name: `${e.hostname}.${fqdn}`, answer: `A ${e.ip}` });
  } else if (clusterIPs.length) dns.push({ name: fqdn, answer: `A ${clusterIPs[0]}` });

  const ext = serviceExternalIP(svc, true);
  const lbIngress: { ip?: string; hostname?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
  const loadBalancer = type !== 'LoadBalancer' ? undefined : lbIngress.length ? { addresses: lbIngress.map((i) => i.ip ?? i.hostname ?? '') } : 'pending' as const;
  const ports: PortRow[] = (spec.ports ?? []).map((p: { name?: string; port: number; targetPort?: number | string; protocol?: string; nodePort?: number }) => ({
    name: p.name ?? '',
    port: p.port,
    targetPort: String(p.targetPort ?? p.port),
    protocol: p.protocol ?? 'TCP',
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
  }));
  return {
    type,
    clusterIPs,
    headless,
    externalIP: ext,
    ...(loadBalancer ? { loadBalancer } : {}),
    ports,
    endpoints,
    notEndpoints,
    counts: { total: endpoints.length, ready: endpoints.filter((e) => e.ready).length, terminating: endpoints.filter((e) => e.terminating).length },
    dns,
    sessionAffinity: spec.sessionAffinity ?? 'None',
    ...(type === 'NodePort' || type === 'LoadBalancer' ? { externalTrafficPolicy: spec.externalTrafficPolicy ?? 'Cluster' } : {}),
    ...(spec.internalTrafficPolicy ? { internalTrafficPolicy: spec.internalTrafficPolicy } : {}),
  };
}

export interface PodNetwork {
  readonly ip: string;
  readonly hostIP: string;
  readonly hostNetwork: boolean;
  readonly dns: readonly DnsName[];
}

/**
 * A pod's addresses and DNS names: `<a-b-c-d>.<namespace>.pod.<domain>` for its IP, and
 * `<hostname>.<subdomain>.<namespace>.svc.<domain>` when it sets hostname and subdomain and a
 * headless Service of that name exists in its namespace (StatefulSet pods: their own name and
 * the StatefulSet's serviceName).
 */
export function podNetwork(snap: ClusterSnapshot, pod: Pod, domain: string): PodNetwork {
  const ns = pod.metadata?.namespace ?? 'default';
  const ip = pod.status?.podIP ?? '';
  const dns: DnsName[] = [];
  if (ip) dns.push({ name: `${dashedIP(ip)}.${ns}.pod.${domain}`, answer: `A ${ip}` });
  const hostname = pod.spec?.hostname;
  const sub = pod.spec?.subdomain;
  if (hostname && sub && ip) {
    const svc = of(snap, 'Service').find((s) => s.metadata.namespace === ns && s.metadata.name === sub);
    if (svc?.spec?.clusterIP === 'None') dns.push({ name: `${hostname}.${sub}.${ns}.svc.${domain}`, answer: `A ${ip}` });
  }
  return { ip, hostIP: pod.status?.hostIP ?? '', hostNetwork: pod.spec?.hostNetwork === true, dns };
}

/**
 * The Service discovery variables of a container's environment (pkg/kubelet/envvars): for each
 * Service `X` with an `X_SERVICE_HOST`, its `X_SERVICE_*` and Docker-link style `X_PORT*`
 * variables, in the order the kubelet set them. Other variables (the container's own) are left out.
 */
export function discoveryVars(env: Iterable<readonly [string, string]>): [string, string][] {
  const all = [...env];
  const services = new Set(all.filter(([k]) => k.endsWith('_SERVICE_HOST')).map(([k]) => k.slice(0, -'_SERVICE_HOST'.length)));
  const isLink = (k: string) => [...services].some((s) => k.startsWith(`${s}_SERVICE_`) || k === `${s}_PORT` || k.startsWith(`${s}_PORT_`));
  return all.filter(([k]) => isLink(k)).map(([k, v]) => [k, v]);
}

export interface IngressRuleRow {
  readonly host: string;
  readonly path: string;
  readonly pathType: string;
  readonly backend: string;
}

export interface IngressNetwork {
  readonly className: string;
  readonly rules: readonly IngressRuleRow[];
  readonly defaultBackend?: string;
  readonly tls: readonly { readonly hosts: string; readonly secret: string }[];
  /** status.loadBalancer.ingress: the controller's published address ('' until it has one). */
  readonly address: string;
}

function backendText(b: { service?: { name: string; port?: { number?: number; name?: string } }; resource?: { kind: string; name: string } } | undefined): string {
  if (!b) return '';
  if (b.service) return `${b.service.name}:${b.service.port?.number ?? b.service.port?.name ?? ''}`;
  if (b.resource) return `${b.resource.kind}/${b.resource.name}`;
  return '';
}

/** An Ingress's rules as `kubectl describe ingress` lists them: host, path (pathType) → service:port. */
export function ingressNetwork(ing: KObject): IngressNetwork {
  const spec = ing.spec ?? {};
  const rules: IngressRuleRow[] = [];
  for (const r of spec.rules ?? []) {
    for (const p of r.http?.paths ?? []) rules.push({ host: r.host ?? '*', path: p.path ?? '/', pathType: p.pathType ?? '', backend: backendText(p.backend) });
  }
  const lb: { ip?: string; hostname?: string }[] = ing.status?.loadBalancer?.ingress ?? [];
  return {
    className: spec.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'] ?? '',
    rules,
    ...(spec.defaultBackend ? { defaultBackend: backendText(spec.defaultBackend) } : {}),
    tls: (spec.tls ?? []).map((t: { hosts?: string[]; secretName?: string }) => ({ hosts: (t.hosts ?? []).join(', '), secret: t.secretName ?? '' })),
    address: lb.map((i) => i.ip ?? i.hostname ?? '').filter(Boolean).join(','),
  };
}

/** What traffic clients got from a pod: requests it served (the sum of the clients' byPod) and its last second's rate. */
export function podTraffic(snap: ClusterSnapshot, namespace: string, name: string): { served: number; rps: number } | undefined {
  const t = snap.traffic;
  if (!t || t.clients.length === 0) return undefined;
  const key = `${namespace}/${name}`;
  let served = 0;
  for (const c of t.clients) served += c.byPod[key] ?? 0;
  return { served, rps: t.podRps[key] ?? 0 };
}
