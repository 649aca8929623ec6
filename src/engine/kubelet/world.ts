import type { Service } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import type { HttpResponse, Listener, World, WorldLookup, WorldResponse } from './program/runtime';
import { hash32 } from './program/commands/util';

/** Names that never resolve (reserved DNS zones and the "does not exist" names learners use). */
const NXDOMAIN = /\.(invalid|example|test|local|localhost)$|does-?not-?exist|nonexist|non-existing|notfound/i;

/** Which pod a program runs in, as its network identity. */
export interface PodIdentity {
  namespace: string;
  name: string;
  podIP: string;
}

/**
 * The cluster network as programs inside pods use it (network/programNetwork.ts): requests and
 * lookups that choose without changing any state, since a program's plan may replay them.
 */
export interface ProgramNetwork {
  request(pod: PodIdentity, url: string, t: number, hostHeader?: string): WorldResponse;
  lookup(pod: PodIdentity, name: string, t: number): WorldLookup;
  ping(pod: PodIdentity, address: string, t: number): { ttl: number; ms: number } | undefined;
}

/**
 * When each Service existed, so that a program replayed from its start (to find when it ends)
 * gets the DNS answers it would have got at each moment.
 */
export class ServiceDirectory {
  private readonly history = new Map<string, { t: number; exists: boolean }[]>();
  /** Called after a Service appears or goes, with its namespace. */
  onChange?: (namespace: string) => void;
  /** The cluster network, once it runs (without it, names resolve to Services directly). */
  network?: ProgramNetwork;

  constructor(private readonly api: ApiServer) {
    api.watch('Service', (ev) => {
      if (ev.type === 'MODIFIED') return;
      const s = ev.object;
      const key = `${s.metadata.namespace}/${s.metadata.name}`;
      let h = this.history.get(key);
      if (!h) this.history.set(key, (h = []));
      h.push({ t: api.clock.now(), exists: ev.type === 'ADDED' });
      if (h.length > 32) h.splice(0, h.length - 32);
      this.onChange?.(s.metadata.namespace ?? 'default');
    });
  }

  /** Whether Service ns/name existed at `t` (the present state for times ahead of now). */
  existed(namespace: string, name: string, t: number): boolean {
    if (t >= this.api.clock.now()) return !!this.api.get('Service', namespace, name);
    const h = this.history.get(`${namespace}/${name}`);
    if (!h) return false;
    let state = false;
    for (const e of h) {
      if (e.t > t) break;
      state = e.exists;
    }
    return state;
  }

  /** Resolves a cluster DNS name the way a pod in `namespace` (search path ns.svc…) would. */
  lookup(name: string, namespace: string, domain: string, t: number): { namespace: string; name: string } | undefined {
    const n = name.replace(/\.$/, '');
    const suffix = `.svc.${domain}`;
    let rest = n;
    if (rest.endsWith(suffix)) rest = rest.slice(0, -suffix.length);
    else if (rest.endsWith('.svc')) rest = rest.slice(0, -4);
    const parts = rest.split('.');
    let svcNs = namespace;
    const svc = parts[0];
    if (parts.length === 2) svcNs = parts[1];
    else if (parts.length > 2) return undefined;
    if (n.includes('.') && parts.length === 1 && !n.endsWith(suffix) && !n.endsWith('.svc')) return undefined;
    return this.existed(svcNs, svc, t) ? { namespace: svcNs, name: svc } : undefined;
  }

  service(namespace: string, name: string): Service | undefined {
    return this.api.get('Service', namespace, name) as Service | undefined;
  }
}

export interface PodNetwork {
  namespace: string;
  podIP: () => string;
  hostname: string;
  /** The pod's name (its hostname may differ: spec.hostname). */
  name?: string;
  /** Who listens on `port` inside the pod at `t`. */
  listener(port: number, t: number): Listener | undefined;
  /** An HTTP request to a Service (another component may route it to a pod). */
  serviceHttp?(namespace: string, name: string, port: number, path: string, t: number): HttpResponse | undefined;
}

const isIP = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h);

/**
 * The network as a program inside one pod sees it: localhost and its own servers, and — through
 * the cluster network — cluster DNS, Services, other pods and the internet. Before the network
 * runs (unit tests of the kubelet alone), Service names lead straight to a ready pod.
 */
export function podWorld(dir: ServiceDirectory, net: PodNetwork, clusterDomain: string): World {
  const isLocal = (h: string) => h === 'localhost' || h === '127.0.0.1' || h === '::1' || h === '0.0.0.0' || h === net.podIP() || h === net.hostname;
  const identity = (): PodIdentity => ({ namespace: net.namespace, name: net.name ?? net.hostname, podIP: net.podIP() });
  const local = (port: number, path: string, t: number): WorldResponse => {
    const l = net.listener(port, t);
    if (!l) return { error: 'refused', address: '127.0.0.1', latencyMs: 0 };
    if (!l.http) return { error: 'empty', address: '127.0.0.1', latencyMs: 0 };
    const r = l.http(path, t);
    return { status: r.status, body: r.body, address: '127.0.0.1', latencyMs: 0.1 };
  };
  const parse = (url: string) => {
    const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s#]*)$/.exec(url);
    return m ? { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] || '/' } : undefined;
  };
  const external = (h: string) => h.includes('.') && !NXDOMAIN.test(h) && !h.endsWith(`.${clusterDomain}`) && !h.endsWith('.svc');
  const world: World = {
    request(url, t, hostHeader) {
      const u = parse(url);
      if (u && isLocal(u.host) && !hostHeader) return local(u.port, u.path, t);
      if (dir.network) return dir.network.request(identity(), url, t, hostHeader);
      if (!u) return { error: 'bad-url', latencyMs: 0 };
      if (!world.resolves(u.host, t)) return { error: 'resolve', latencyMs: 0 };
      const r = world.http(u.host, u.port, u.path, t);
      return r ? { status: r.status, body: r.body, address: world.address(u.host, t), latencyMs: 1 } : { error: 'refused', address: world.address(u.host, t), latencyMs: 0 };
    },
    lookup(name, t) {
      if (dir.network) return dir.network.lookup(identity(), name, t);
      const ok = world.resolves(name, t);
      return { server: '10.96.0.10', timeout: false, name: ok ? name : undefined, cnames: [], addresses: ok ? [world.address(name, t)] : [] };
    },
    ping(address, t) {
      if (isLocal(address) || address.startsWith('127.')) return { ttl: 64, ms: 0.03 };
      if (dir.network) return dir.network.ping(identity(), address, t);
      // ICMP to a Service's virtual IP gets no answer: kube-proxy only forwards TCP/UDP/SCTP ports.
      return /^10\.9[6-9]\.|^10\.1[01][0-9]\./.test(address) ? undefined : { ttl: 64, ms: 0.08 };
    },
    resolves(host, t) {
      if (isLocal(host) || isIP(host)) return true;
      if (dir.network) {
        const r = dir.network.lookup(identity(), host, t);
        return !r.timeout && r.addresses.length > 0;
      }
      if (dir.lookup(host, net.namespace, clusterDomain, t)) return true;
      return external(host);
    },
    address(host, t) {
      if (isLocal(host)) return host === 'localhost' ? '127.0.0.1' : net.podIP();
      if (isIP(host)) return host;
      if (dir.network) {
        const r = dir.network.lookup(identity(), host, t);
        if (r.addresses.length) return r.addresses[0];
      }
      const svc = dir.lookup(host, net.namespace, clusterDomain, t);
      if (svc) return dir.service(svc.namespace, svc.name)?.spec?.clusterIP ?? '10.96.0.1';
      const h = hash32(host);
      return `${(h % 200) + 20}.${(h >> 8) % 256}.${(h >> 16) % 256}.${((h >> 24) % 250) + 2}`;
    },
    connect(host, port, t) {
      if (isLocal(host)) return !!net.listener(port, t);
      if (dir.network) {
        const r = dir.network.request(identity(), `http://${host}:${port}/`, t);
        return !r.error || r.error === 'empty';
      }
      if (!world.resolves(host, t)) return false;
      const svc = dir.lookup(host, net.namespace, clusterDomain, t);
      if (svc) return (dir.service(svc.namespace, svc.name)?.spec?.ports ?? []).some((p) => p.port === port);
      return port === 80 || port === 443;
    },
    http(host, port, path, t) {
      if (isLocal(host)) {
        const l = net.listener(port, t);
        return l ? (l.http?.(path, t) ?? { status: 200, body: '' }) : undefined;
      }
      if (dir.network) {
        const r = dir.network.request(identity(), `http://${host}:${port}${path}`, t);
        return r.error ? undefined : { status: r.status ?? 200, body: r.body ?? '' };
      }
      const svc = dir.lookup(host, net.namespace, clusterDomain, t);
      if (svc) return net.serviceHttp?.(svc.namespace, svc.name, port, path, t);
      if (!world.resolves(host, t) || !external(host)) return undefined;
      return { status: 200, body: `<html><head><title>${host}</title></head><body><p>${host}</p></body></html>\n` };
    },
  };
  return world;
}
