import type { Service } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import type { HttpResponse, Listener, World } from './program/runtime';
import { hash32 } from './program/commands/util';

/** Names that never resolve (reserved DNS zones and the "does not exist" names learners use). */
const NXDOMAIN = /\.(invalid|example|test|local|localhost)$|does-?not-?exist|nonexist|non-existing|notfound/i;

/**
 * When each Service existed, so that a program replayed from its start (to find when it ends)
 * gets the DNS answers it would have got at each moment.
 */
export class ServiceDirectory {
  private readonly history = new Map<string, { t: number; exists: boolean }[]>();
  /** Called after a Service appears or goes, with its namespace. */
  onChange?: (namespace: string) => void;

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
  /** Who listens on `port` inside the pod at `t`. */
  listener(port: number, t: number): Listener | undefined;
  /** An HTTP request to a Service (another component may route it to a pod). */
  serviceHttp?(namespace: string, name: string, port: number, path: string, t: number): HttpResponse | undefined;
}

/** The network as a program inside one pod sees it: localhost, cluster DNS and the internet. */
export function podWorld(dir: ServiceDirectory, net: PodNetwork, clusterDomain: string): World {
  const isLocal = (h: string) => h === 'localhost' || h === '127.0.0.1' || h === '::1' || h === '0.0.0.0' || h === net.podIP() || h === net.hostname;
  const isIP = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h);
  const external = (h: string) => h.includes('.') && !NXDOMAIN.test(h) && !h.endsWith(`.${clusterDomain}`) && !h.endsWith('.svc');
  const world: World = {
    resolves(host, t) {
      if (isLocal(host) || isIP(host)) return true;
      if (dir.lookup(host, net.namespace, clusterDomain, t)) return true;
      return external(host);
    },
    address(host, t) {
      if (isLocal(host)) return host === 'localhost' ? '127.0.0.1' : net.podIP();
      if (isIP(host)) return host;
      const svc = dir.lookup(host, net.namespace, clusterDomain, t);
      if (svc) return dir.service(svc.namespace, svc.name)?.spec?.clusterIP ?? '10.96.0.1';
      const h = hash32(host);
      return `${(h % 200) + 20}.${(h >> 8) % 256}.${(h >> 16) % 256}.${(h >> 24) % 250 + 2}`;
    },
    connect(host, port, t) {
      if (isLocal(host)) return !!net.listener(port, t);
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
      const svc = dir.lookup(host, net.namespace, clusterDomain, t);
      if (svc) return net.serviceHttp?.(svc.namespace, svc.name, port, path, t);
      if (!world.resolves(host, t) || !external(host)) return undefined;
      return { status: 200, body: `<html><head><title>${host}</title></head><body><p>${host}</p></body></html>\n` };
    },
  };
  return world;
}
