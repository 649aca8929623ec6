import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Listener } from '../kubelet/program/runtime';
import { CLUSTER_DNS_IP, internetAddress, internetResolves, resolverFor, type ClusterDns, type DnsResult } from './dns';
import type { IngressNginx } from './ingress/controller';
import { routeIngress } from './ingress/match';
import { cidrContains, isIPv4 } from './ip';
import type { KubeProxy, Picker, TrafficKind } from './kubeProxy';
import { LATENCY, serverLatency } from './latency';
import { COREDNS_PEER, INGRESS_PEER, OUTSIDE_IP, podPeer } from './peers';
import type { PodIndex } from './podIndex';
import type { Peer, PolicyEngine } from './policy';
import { apiServerForbidden, internetPage, nginxPage } from './responses';
import type { Backend, ServiceTable } from './serviceTable';
import { parseUrl } from './url';

/** What the data path needs from the kubelets. */
export interface NodeAccess {
  isRunning(node: string): boolean;
  /** Who listens on `port` in the pod's network namespace at `t`. */
  listener(namespace: string, pod: string, port: number, t: number): Listener | undefined;
  /** The image of the pod's container that runs `program` (for its latency). */
  image?(namespace: string, pod: string): string | undefined;
}

/** Where a request starts: outside the cluster (the host running kind), or inside a pod. */
export type Source = { kind: 'outside' } | { kind: 'pod'; pod: Pod };

export interface HopRef {
  kind: string;
  namespace?: string;
  name: string;
}

export type HopKind = 'client' | 'dns' | 'load-balancer' | 'node' | 'ingress' | 'service' | 'pod' | 'api-server' | 'internet';

/** One step of a request on its way, with the simulated time it was reached (ms after the start). */
export interface Hop {
  kind: HopKind;
  name: string;
  ref?: HopRef;
  at: number;
  note?: string;
  /** The request ended here without an answer. */
  verdict?: 'nxdomain' | 'refused' | 'dropped' | 'timeout';
}

/** How a request ended: an HTTP status ("200") or the failure the client sees. */
export const FAILURE = {
  nxdomain: 'NXDOMAIN',
  dnsTimeout: 'DNS timeout',
  refused: 'connection refused',
  timeout: 'timeout',
  emptyReply: 'empty reply',
  badUrl: 'bad URL',
} as const;

export interface RouteResult {
  outcome: string;
  status?: number;
  body?: string;
  /** For client messages: what kind of failure, if any. */
  error?: 'resolve' | 'dns-timeout' | 'refused' | 'timeout' | 'empty' | 'bad-url';
  host: string;
  port: number;
  path: string;
  https: boolean;
  /** The address the client connected to. */
  address?: string;
  dns?: DnsResult;
  hops: Hop[];
  latencyMs: number;
  /** "namespace/name" of the pod that answered. */
  pod?: string;
  /** Location of a redirect. */
  location?: string;
}

export interface RequestOptions {
  source: Source;
  url: string;
  /** Simulated time the request starts. */
  t: number;
  /** kube-proxy's random choice. */
  pick: Picker;
  /** Host header, when it differs from the URL's host (curl -H "Host: …"). */
  hostHeader?: string;
  /** How long the client waits for a connection. */
  timeoutMs?: number;
  /**
   * A look-ahead (a program's plan replays its requests): choose without changing any state,
   * neither ClientIP affinity nor ingress-nginx's round robin.
   */
  readonly?: boolean;
}

interface Ctx {
  opts: RequestOptions;
  hops: Hop[];
  at: number;
  /** The node whose kube-proxy sees the connection first (the client pod's node). */
  node?: string;
  clientIP: string;
  peer: Peer;
  external: boolean;
  host: string;
  path: string;
  https: boolean;
}

type Delivery = { ok: true; status: number; body: string; pod?: string } | { ok: false; error: 'refused' | 'timeout' | 'empty' };

/**
 * The request path of the simulated cluster network, hop by hop as the kernel and the
 * components would take it: name resolution (the pod's resolv.conf and CoreDNS, or the
 * outside world's view), then the destination address — a Service's virtual IP (kube-proxy on
 * the client's node), a node (NodePorts, hostPorts, the API server, ingress-nginx's host ports),
 * a load-balancer address (the announcing node), a pod IP, or the internet — then NetworkPolicy
 * on both ends and finally the program listening in the pod. Failures are the ones a client sees:
 * NXDOMAIN, connection refused (a REJECT rule or nobody listening), timeouts (a DROP rule, a
 * NetworkPolicy, a dead node), and ingress-nginx's 404/502/503/504.
 */
export class DataPath {
  private readonly roundRobin = new Map<string, number>();
  /**
   * While a batch of requests is routed at one instant (a traffic tick), who listens where and
   * what a server answers for a path do not change: both are looked up once.
   */
  private batch?: { t: number; listeners: Map<string, Listener | null>; answers: Map<Listener, Map<string, { status: number; body: string }>> };

  /** Routes `fn`'s requests as one batch at instant `t`. */
  inBatch<T>(t: number, fn: () => T): T {
    this.batch = { t, listeners: new Map(), answers: new Map() };
    try {
      return fn();
    } finally {
      this.batch = undefined;
    }
  }

  private listener(ns: string, name: string, port: number, t: number): Listener | undefined {
    const b = this.batch;
    if (!b || b.t !== t) return this.nodes.listener(ns, name, port, t);
    const k = `${ns}/${name}:${port}`;
    let l = b.listeners.get(k);
    if (l === undefined) b.listeners.set(k, (l = this.nodes.listener(ns, name, port, t) ?? null));
    return l ?? undefined;
  }

  private answer(l: Listener, path: string, t: number): { status: number; body: string } {
    const b = this.batch;
    if (!b || b.t !== t) return l.http!(path, t);
    let m = b.answers.get(l);
    if (!m) b.answers.set(l, (m = new Map()));
    let r = m.get(path);
    if (!r) m.set(path, (r = l.http!(path, t)));
    return r;
  }

  constructor(
    private readonly nodes: NodeAccess,
    private readonly table: ServiceTable,
    private readonly dns: ClusterDns,
    private readonly policy: PolicyEngine,
    private readonly ingress: IngressNginx,
    private readonly pods: PodIndex,
    private readonly proxy: KubeProxy,
  ) {}

  request(opts: RequestOptions): RouteResult {
    const u = parseUrl(opts.url);
    const base = { host: u?.host ?? opts.url, port: u?.port ?? 0, path: u?.path ?? '/', https: u?.scheme === 'https' };
    const src = opts.source;
    const c: Ctx = {
      opts,
      hops: [],
      at: 0,
      host: (opts.hostHeader ?? u?.host ?? '').toLowerCase(),
      path: base.path,
      https: base.https,
      ...this.sourceContext(src),
    };
    c.hops.push({ kind: 'client', name: src.kind === 'pod' ? `${src.pod.metadata!.namespace}/${src.pod.metadata!.name}` : 'outside', ref: src.kind === 'pod' ? podRef(src.pod) : undefined, at: 0 });
    if (!u) return { ...base, outcome: FAILURE.badUrl, error: 'bad-url', hops: c.hops, latencyMs: 0 };
    const resolved = this.resolve(c, u.host);
    if ('failure' in resolved) {
      const latencyMs = c.at;
      return { ...base, outcome: resolved.failure === 'dns-timeout' ? FAILURE.dnsTimeout : FAILURE.nxdomain, error: resolved.failure === 'dns-timeout' ? 'dns-timeout' : 'resolve', dns: resolved.dns, hops: c.hops, latencyMs };
    }
    const d = this.connect(c, resolved.ip, u.port);
    const result: RouteResult = { ...base, address: resolved.ip, dns: resolved.dns, hops: c.hops, latencyMs: c.at, outcome: '' };
    if (!d.ok) {
      if (d.error === 'timeout') result.latencyMs = opts.timeoutMs ?? LATENCY.clientTimeout;
      result.error = d.error;
      result.outcome = d.error === 'refused' ? FAILURE.refused : d.error === 'timeout' ? FAILURE.timeout : FAILURE.emptyReply;
      return result;
    }
    result.status = d.status;
    result.body = d.body;
    result.outcome = String(d.status);
    result.pod = d.pod;
    if (d.status === 308) result.location = `https://${c.host}${c.path}`;
    return result;
  }

  /**
   * An ICMP echo from `source`: pods and nodes answer (TTL 64 on the same node, 63 one hop away),
   * Service addresses never do (kube-proxy only programs TCP, UDP and SCTP), the internet does.
   */
  ping(source: Source, address: string): { ttl: number; ms: number } | undefined {
    const from = source.kind === 'pod' ? source.pod.spec?.nodeName : undefined;
    if (address.startsWith('127.') || (source.kind === 'pod' && address === source.pod.status?.podIP)) return { ttl: 64, ms: 0.03 };
    if (this.table.serviceByIP(address)) return undefined;
    const node = this.pods.node(address);
    if (node) return this.nodes.isRunning(node.name) ? { ttl: 64, ms: from === node.name ? 0.04 : 0.3 } : undefined;
    const key = this.pods.podByIP(address);
    if (key) {
      const pod = this.pods.pod(key);
      const n = pod?.spec?.nodeName;
      if (!pod || !n || !this.nodes.isRunning(n) || pod.status?.phase !== 'Running') return undefined;
      return n === from ? { ttl: 64, ms: 0.06 } : { ttl: 63, ms: 0.35 };
    }
    if (cidrContains('10.0.0.0/8', address) || cidrContains('172.16.0.0/12', address) || cidrContains('192.168.0.0/16', address)) return undefined;
    return { ttl: 116, ms: 12.5 };
  }

  /** What the client's resolver answers for `name`, as `nslookup` would show it. */
  lookup(source: Source, name: string, t: number): { dns: DnsResult; blocked: boolean; server: string } {
    if (source.kind === 'outside') return { dns: this.resolveOutside(name), blocked: false, server: '127.0.0.53' };
    const cfg = resolverFor(source.pod, this.dns.domain);
    const server = cfg.nameservers[0] ?? '';
    const c: Ctx = { opts: { source, url: '', t, pick: () => 0 }, hops: [], at: 0, host: '', path: '/', https: false, ...this.sourceContext(source) };
    const blocked = !this.dnsReachable(c, server);
    return { dns: this.dns.resolve(name, cfg, t), blocked, server };
  }

  private sourceContext(src: Source): Pick<Ctx, 'node' | 'clientIP' | 'peer' | 'external'> {
    if (src.kind === 'outside') return { clientIP: OUTSIDE_IP, peer: { ip: OUTSIDE_IP }, external: true };
    const node = src.pod.spec?.nodeName;
    const nodeIP = node ? this.pods.nodeIP(node) : undefined;
    const peer = podPeer(src.pod, nodeIP);
    return { node, clientIP: peer.ip, peer, external: false };
  }

  // ---- names --------------------------------------------------------------------------------

  private resolveOutside(name: string): DnsResult {
    const n = name.replace(/\.$/, '').toLowerCase();
    if (n === 'localhost') return { ok: true, name: n, cnames: [], addresses: ['127.0.0.1'], queries: [n] };
    const node = this.pods.node(n);
    if (node) return { ok: true, name: n, cnames: [], addresses: [node.ip], queries: [n] };
    // The user's /etc/hosts points Ingress hosts at the ingress controller (kind: localhost).
    if (this.ingressHost(n)) return { ok: true, name: n, cnames: [], addresses: ['127.0.0.1'], queries: [n] };
    if (internetResolves(n) && !n.endsWith(`.${this.dns.domain}`) && !n.endsWith('.svc')) return { ok: true, name: n, cnames: [], addresses: [internetAddress(n)], queries: [n] };
    return { ok: false, queries: [n], reason: 'NXDOMAIN' };
  }

  private ingressHost(host: string): boolean {
    for (const ing of this.ingress.ingresses()) {
      for (const r of ing.spec?.rules ?? []) {
        if (!r.host) continue;
        if (r.host === host || (r.host.startsWith('*.') && host.endsWith(r.host.slice(1)) && !host.slice(0, host.length - r.host.length + 1).includes('.'))) return true;
      }
    }
    return false;
  }

  /** Whether the client's DNS queries reach its nameserver (NetworkPolicy egress, the DNS pods' node). */
  private dnsReachable(c: Ctx, server: string): boolean {
    if (c.opts.source.kind === 'outside') return true;
    if (server === CLUSTER_DNS_IP) {
      // CoreDNS runs on the control-plane node, as kind schedules it.
      if (!this.nodes.isRunning('control-plane') && this.pods.nodeIP('control-plane')) return false;
      return this.policy.check('Egress', c.peer, COREDNS_PEER, 53, 'UDP').allowed && this.policy.check('Ingress', COREDNS_PEER, c.peer, 53, 'UDP').allowed;
    }
    return this.policy.check('Egress', c.peer, { ip: server }, 53, 'UDP').allowed;
  }

  private resolve(c: Ctx, host: string): { ip: string; dns?: DnsResult } | { failure: 'nxdomain' | 'dns-timeout'; dns?: DnsResult } {
    if (isIPv4(host)) return { ip: host };
    const src = c.opts.source;
    if (host === 'localhost') return { ip: '127.0.0.1' };
    if (src.kind === 'pod') {
      const own = src.pod.spec?.hostname ?? src.pod.metadata!.name;
      if (host === own || host === src.pod.metadata!.name) return { ip: c.clientIP };
      const cfg = resolverFor(src.pod, this.dns.domain);
      const server = cfg.nameservers[0] ?? '';
      if (!this.dnsReachable(c, server)) {
        c.at += LATENCY.dnsTimeout;
        c.hops.push({ kind: 'dns', name: server === CLUSTER_DNS_IP ? 'kube-dns' : server, ref: server === CLUSTER_DNS_IP ? { kind: 'Service', namespace: 'kube-system', name: 'kube-dns' } : undefined, at: c.at, note: `${host}: no answer`, verdict: 'timeout' });
        return { failure: 'dns-timeout' };
      }
      const dns = this.dns.resolve(host, cfg, c.opts.t);
      const external = dns.ok && !dns.name.endsWith(`.${this.dns.domain}`);
      c.at += dns.queries.length * LATENCY.dnsCluster + (external ? LATENCY.dnsUpstream : 0);
      const dnsHop: Hop = { kind: 'dns', name: 'kube-dns', ref: { kind: 'Service', namespace: 'kube-system', name: 'kube-dns' }, at: c.at, note: '' };
      if (server !== CLUSTER_DNS_IP) {
        dnsHop.name = server;
        delete dnsHop.ref;
      }
      c.hops.push(dnsHop);
      if (!dns.ok || dns.addresses.length === 0) {
        dnsHop.note = `${host}: NXDOMAIN`;
        dnsHop.verdict = 'nxdomain';
        return { failure: 'nxdomain', dns };
      }
      dnsHop.note = `${dns.name} → ${dns.addresses[0]}`;
      return { ip: dns.addresses[c.opts.pick(dns.addresses.length)], dns };
    }
    const dns = this.resolveOutside(host);
    if (!dns.ok) return { failure: 'nxdomain', dns };
    return { ip: dns.addresses[0], dns };
  }

  // ---- addresses ----------------------------------------------------------------------------

  private connect(c: Ctx, ip: string, port: number): Delivery {
    const src = c.opts.source;
    if (ip.startsWith('127.')) {
      if (src.kind === 'pod') return this.deliverToPod(c, `${src.pod.metadata!.namespace}/${src.pod.metadata!.name}`, port, true);
      // kind's extraPortMappings: the host's 80 and 443 reach ingress-nginx's host ports.
      if (port === 80 || port === 443) {
        c.at += LATENCY.fromOutside;
        return this.nodeAddress(c, 'control-plane', port);
      }
      return { ok: false, error: 'refused' };
    }
    if (src.kind === 'pod' && ip === c.clientIP && !src.pod.spec?.hostNetwork) return this.deliverToPod(c, `${src.pod.metadata!.namespace}/${src.pod.metadata!.name}`, port, true);
    const svcKey = this.table.serviceByIP(ip);
    if (svcKey) return this.serviceAddress(c, svcKey, ip, port);
    const node = this.pods.node(ip);
    if (node) {
      c.at += c.external ? LATENCY.fromOutside : this.hopLatency(c.node, node.name);
      return this.nodeAddress(c, node.name, port);
    }
    if (c.external && (cidrContains('10.244.0.0/16', ip) || cidrContains('10.96.0.0/12', ip))) {
      // Pod and Service addresses are not routed outside the cluster.
      c.hops.push({ kind: 'internet', name: ip, at: c.at, note: 'no route from outside the cluster', verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    const pod = this.pods.podByIP(ip);
    if (pod) {
      c.at += this.hopLatency(c.node, this.pods.pod(pod)?.spec?.nodeName);
      return this.deliverToPod(c, pod, port, false);
    }
    if (cidrContains('10.244.0.0/16', ip) || cidrContains('10.96.0.0/12', ip) || cidrContains('172.18.0.0/16', ip)) {
      c.hops.push({ kind: 'internet', name: ip, at: c.at, note: 'no host at this address', verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    if (src.kind === 'pod' && !this.policy.check('Egress', c.peer, { ip }, port, 'TCP').allowed) {
      c.hops.push({ kind: 'internet', name: ip, at: c.at, note: 'dropped by NetworkPolicy (egress)', verdict: 'dropped' });
      return { ok: false, error: 'timeout' };
    }
    c.at += LATENCY.internet;
    c.hops.push({ kind: 'internet', name: c.host || ip, at: c.at });
    if (port === 80 || port === 443) return { ok: true, status: 200, body: internetPage(c.host || ip) };
    return { ok: false, error: 'timeout' };
  }

  private hopLatency(from: string | undefined, to: string | undefined): number {
    return from && to && from === to ? LATENCY.sameNode : LATENCY.crossNode;
  }

  /** A Service address: a ClusterIP (from inside), an externalIP or a load-balancer address. */
  private serviceAddress(c: Ctx, svcKey: string, ip: string, port: number): Delivery {
    const svc = this.table.service(svcKey)!;
    const isLB = (svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip);
    const isExternalIP = (svc.spec?.externalIPs ?? []).includes(ip);
    const ref: HopRef = { kind: 'Service', namespace: svc.metadata!.namespace, name: svc.metadata!.name! };
    if (c.external && !isLB && !isExternalIP) {
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: 'ClusterIPs are not reachable from outside the cluster', verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    let node = c.node;
    if (c.external) {
      // The load balancer (MetalLB-style L2) hands the connection to the node announcing the address.
      c.at += LATENCY.fromOutside + LATENCY.loadBalancer;
      node = this.announcingNode(svcKey, svc, sp);
      c.hops.push({ kind: 'load-balancer', name: ip, at: c.at, note: node ? `announced by ${node}` : 'no node announces it' });
      if (!node) {
        c.hops[c.hops.length - 1].verdict = 'timeout';
        return { ok: false, error: 'timeout' };
      }
      c.hops.push({ kind: 'node', name: node, ref: { kind: 'Node', name: node }, at: c.at });
    }
    if (!sp) {
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: `no port ${port}`, verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    return this.throughProxy(c, svcKey, svc, sp, node!, c.external ? 'external' : isLB || isExternalIP ? 'cluster' : 'internal', `${ip}:${port}`);
  }

  /** The node that answers ARP for a load-balancer address: with externalTrafficPolicy Local, one with a local endpoint. */
  private announcingNode(svcKey: string, svc: Service, sp: ServicePort | undefined): string | undefined {
    // MetalLB's speakers skip nodes labelled for exclusion, as kind labels its control plane.
    const nodes = this.pods.nodeList().filter((n) => n.name !== 'control-plane' && this.nodes.isRunning(n.name));
    let candidates = nodes;
    if (svc.spec?.externalTrafficPolicy === 'Local' && sp) {
      const backends = this.table.backends(svcKey, sp.name ?? '');
      candidates = nodes.filter((n) => backends.some((b) => b.nodeName === n.name && (b.ready || (b.serving && b.terminating))));
    }
    if (candidates.length === 0) return undefined;
    let h = 0;
    for (const ch of svcKey) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
    return candidates[h % candidates.length].name;
  }

  private throughProxy(c: Ctx, svcKey: string, svc: Service, sp: ServicePort, node: string, kind: TrafficKind, via: string): Delivery {
    const ref: HopRef = { kind: 'Service', namespace: svc.metadata!.namespace, name: svc.metadata!.name! };
    c.at += LATENCY.kubeProxy;
    const backends = this.table.proxyBackends(svcKey, sp.name ?? '', c.opts.t);
    const d = this.proxy.choose(svcKey, svc, sp, backends, node, c.clientIP, kind, c.opts.t, c.opts.pick, !c.opts.readonly);
    if (d.kind === 'reject') {
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: `${via}: no endpoints (REJECT)`, verdict: 'refused' });
      return { ok: false, error: 'refused' };
    }
    if (d.kind === 'drop') {
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: `${via}: no local endpoints on ${node} (DROP)`, verdict: 'dropped' });
      return { ok: false, error: 'timeout' };
    }
    const b = d.backend;
    c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: `${via} → ${b.ip}:${b.port}${d.sticky ? ' (ClientIP affinity)' : ''}` });
    // Traffic from outside to a Cluster-policy Service is SNATed to the node: the pod sees the node's address.
    if (kind === 'external' && svc.spec?.externalTrafficPolicy !== 'Local') {
      const nodeIP = this.pods.nodeIP(node) ?? c.clientIP;
      c.peer = { ip: nodeIP };
      c.clientIP = nodeIP;
    }
    c.at += this.hopLatency(node, b.nodeName);
    return this.deliverToBackend(c, b);
  }

  private deliverToBackend(c: Ctx, b: Backend): Delivery {
    if (b.pod) return this.deliverToPod(c, b.pod, b.port, false, b.ip);
    const node = this.pods.node(b.ip);
    if (node) return this.nodeAddress(c, node.name, b.port);
    const pod = this.pods.podByIP(b.ip);
    if (pod) return this.deliverToPod(c, pod, b.port, false);
    return { ok: false, error: 'timeout' };
  }

  /** A node's own address: NodePorts, hostPorts, the API server, ingress-nginx, hostNetwork pods. */
  private nodeAddress(c: Ctx, node: string, port: number): Delivery {
    const ref: HopRef = { kind: 'Node', name: node };
    if (!this.nodes.isRunning(node)) {
      c.hops.push({ kind: 'node', name: node, ref, at: c.at, note: 'the node does not answer', verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    const np = this.table.serviceByNodePort(port);
    if (np) {
      const svc = this.table.service(np.service);
      if (svc) {
        c.hops.push({ kind: 'node', name: node, ref, at: c.at, note: `NodePort ${port}` });
        return this.throughProxy(c, np.service, svc, np.port, node, c.external ? 'external' : 'cluster', `${node}:${port}`);
      }
    }
    const hp = this.pods.hostPortPod(node, port);
    if (hp) {
      c.hops.push({ kind: 'node', name: node, ref, at: c.at, note: `hostPort ${port}` });
      const pod = this.pods.pod(hp);
      const target = (pod?.spec?.containers ?? []).flatMap((x) => x.ports ?? []).find((p) => p.hostPort === port)?.containerPort ?? port;
      return this.deliverToPod(c, hp, target, false);
    }
    if (node === 'control-plane' && port === 6443) {
      c.at += LATENCY.apiServer;
      c.hops.push({ kind: 'api-server', name: 'kube-apiserver', at: c.at });
      return c.https ? { ok: true, status: 403, body: apiServerForbidden(c.path) } : { ok: true, status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' };
    }
    if (node === 'control-plane' && (port === 80 || port === 443)) return this.ingressNginx(c, port === 443);
    for (const key of this.pods.hostNetworkPods(node)) {
      const [ns, name] = key.split('/');
      if (this.nodes.listener(ns, name, port, c.opts.t + c.at)) return this.deliverToPod(c, key, port, true);
    }
    c.hops.push({ kind: 'node', name: node, ref, at: c.at, note: `nothing listens on ${port}`, verdict: 'refused' });
    return { ok: false, error: 'refused' };
  }

  /** The last hop: NetworkPolicy on both ends, then the program listening in the pod. */
  private deliverToPod(c: Ctx, key: string, port: number, local: boolean, ip?: string): Delivery {
    const pod = this.pods.pod(key);
    const [ns, name] = key.split('/');
    const ref: HopRef = { kind: 'Pod', namespace: ns, name };
    if (!pod || (ip && pod.status?.podIP !== ip && !pod.spec?.hostNetwork)) {
      c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: 'the pod is gone', verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    const node = pod.spec?.nodeName;
    if (node && !this.nodes.isRunning(node)) {
      c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: `its node ${node} does not answer`, verdict: 'timeout' });
      return { ok: false, error: 'timeout' };
    }
    if (!local && this.policy.active) {
      const dst = podPeer(pod, node ? this.pods.nodeIP(node) : undefined);
      const fromNode = !c.peer.pod && node !== undefined && c.peer.ip === this.pods.nodeIP(node);
      const egress = this.policy.check('Egress', c.peer, dst, port, 'TCP');
      if (!egress.allowed) {
        c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: `dropped by NetworkPolicy ${egress.isolatedBy.join(', ')} (egress of the client)`, verdict: 'dropped' });
        return { ok: false, error: 'timeout' };
      }
      // The node's own traffic to its pods (kubelet probes) is always allowed.
      const ingress = fromNode ? { allowed: true, isolatedBy: [] } : this.policy.check('Ingress', dst, c.peer, port, 'TCP');
      if (!ingress.allowed) {
        c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: `dropped by NetworkPolicy ${ingress.isolatedBy.join(', ')}`, verdict: 'dropped' });
        return { ok: false, error: 'timeout' };
      }
    }
    const t = this.batch ? c.opts.t : Math.floor(c.opts.t + c.at);
    const l = this.listener(ns, name, port, t);
    if (!l) {
      c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: `nothing listens on ${port}`, verdict: 'refused' });
      return { ok: false, error: 'refused' };
    }
    if (!l.http) {
      c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: `${l.name} does not speak HTTP` });
      return { ok: false, error: 'empty' };
    }
    const res = this.answer(l, c.path, t);
    c.at += serverLatency(l.name, () => this.nodes.image?.(ns, name));
    c.hops.push({ kind: 'pod', name: key, ref, at: c.at, note: String(res.status) });
    return { ok: true, status: res.status, body: res.body, pod: key };
  }

  /** ingress-nginx on the control-plane node's host ports 80/443. */
  private ingressNginx(c: Ctx, https: boolean): Delivery {
    c.at += LATENCY.ingress;
    const hop: Hop = { kind: 'ingress', name: 'ingress-nginx', at: c.at };
    c.hops.push(hop);
    const route = routeIngress(this.ingress.ingresses(), c.host, c.path, https || c.https);
    if (route.kind === 'redirect') {
      hop.note = `308 → ${route.location}`;
      return { ok: true, status: 308, body: nginxPage(308) };
    }
    if (route.kind === 'not-found') {
      hop.note = 'no rule matches: default backend';
      return { ok: true, status: 404, body: nginxPage(404) };
    }
    const ing = route.ingress;
    hop.ref = { kind: 'Ingress', namespace: ing.metadata!.namespace, name: ing.metadata!.name! };
    hop.note = route.defaultBackend ? 'defaultBackend' : `${route.host ?? '*'}${route.path ?? ''}`;
    const b = route.backend.service;
    const ns = ing.metadata!.namespace ?? 'default';
    const svc = b ? (this.table.service(`${ns}/${b.name}`) as Service | undefined) : undefined;
    const sp = svc && b ? (svc.spec?.ports ?? []).find((p) => (b.port?.number !== undefined ? p.port === b.port.number : p.name === b.port?.name)) : undefined;
    const svcKey = `${ns}/${b?.name ?? ''}`;
    const ref: HopRef | undefined = b ? { kind: 'Service', namespace: ns, name: b.name } : undefined;
    if (!svc || !sp) {
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: !svc ? 'no such Service' : 'no such port', verdict: 'refused' });
      return { ok: true, status: 503, body: nginxPage(503) };
    }
    // ingress-nginx reads the EndpointSlices and proxies to pod IPs itself: no ClusterIP, no kube-proxy.
    const ready = this.table.backendsAt(svcKey, sp.name ?? '', c.opts.t).filter((x) => x.ready && !x.terminating);
    if (ready.length === 0) {
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: 'no ready endpoints', verdict: 'refused' });
      return { ok: true, status: 503, body: nginxPage(503) };
    }
    const upstream = `${svcKey}:${sp.port}`;
    c.peer = INGRESS_PEER;
    c.clientIP = INGRESS_PEER.ip;
    c.node = 'control-plane';
    let last: Delivery = { ok: false, error: 'refused' };
    // proxy_next_upstream error timeout, 3 tries (ingress-nginx defaults).
    for (let attempt = 0; attempt < Math.min(3, ready.length); attempt++) {
      const n = c.opts.readonly ? c.opts.pick(ready.length) + attempt : (this.roundRobin.get(upstream) ?? 0);
      if (!c.opts.readonly) this.roundRobin.set(upstream, n + 1);
      const be = ready[n % ready.length];
      c.hops.push({ kind: 'service', name: svcKey, ref, at: c.at, note: `endpoints → ${be.ip}:${be.port}` });
      c.at += this.hopLatency('control-plane', be.nodeName);
      last = this.deliverToBackend(c, be);
      if (last.ok || last.error === 'empty') break;
      if (last.error === 'timeout') c.at += 5000;
    }
    if (last.ok) return last;
    if (last.error === 'timeout') return { ok: true, status: 504, body: nginxPage(504) };
    return { ok: true, status: 502, body: nginxPage(502) };
  }
}

export function podRef(pod: Pod): HopRef {
  return { kind: 'Pod', namespace: pod.metadata!.namespace ?? 'default', name: pod.metadata!.name! };
}
