import type { Pod } from 'kubernetes-types/core/v1';
import { hash32 } from '../kubelet/program/commands/util';
import type { WorldLookup, WorldResponse } from '../kubelet/program/runtime';
import type { PodIdentity, ProgramNetwork } from '../kubelet/world';
import type { DataPath, RouteResult } from './datapath';
import type { ClusterDns } from './dns';
import type { PodIndex } from './podIndex';
import type { ServiceTable } from './serviceTable';

export function worldResponse(r: RouteResult): WorldResponse {
  const out: WorldResponse = { latencyMs: r.latencyMs };
  if (r.address) out.address = r.address;
  if (r.error) out.error = r.error;
  else {
    out.status = r.status;
    out.body = r.body ?? '';
  }
  return out;
}

/** A PTR answer as CoreDNS gives it: a Service's name, or an endpoint's name under its Service. */
export function reverseName(table: ServiceTable, pods: PodIndex, domain: string, ip: string): string | undefined {
  const svc = table.serviceByIP(ip);
  if (svc) {
    const [ns, name] = svc.split('/');
    return `${name}.${ns}.svc.${domain}`;
  }
  const pod = pods.podByIP(ip);
  if (pod) return `${ip.replace(/\./g, '-')}.${pod.split('/')[0]}.pod.${domain}`;
  return undefined;
}

/**
 * The network as programs inside pods see it. Their runs may be replayed (a plan, a probe's
 * look-ahead), so requests choose without changing state, by a hash of who asks what when:
 * the same run always gets the same answers.
 */
export function programNetwork(path: DataPath, dns: ClusterDns, pods: PodIndex, table: ServiceTable, api: { get(kind: string, ns: string, name: string): unknown }): ProgramNetwork {
  const podOf = (id: PodIdentity): Pod | undefined => {
    const byIP = id.podIP ? pods.podByIP(id.podIP) : undefined;
    const [ns, name] = byIP ? byIP.split('/') : [id.namespace, id.name];
    return api.get('Pod', ns, name) as Pod | undefined;
  };
  return {
    request(id, url, t, hostHeader) {
      const pod = podOf(id);
      if (!pod) return { error: 'timeout', latencyMs: 0 };
      const seed = `${id.namespace}/${id.name}|${url}|${t}`;
      let k = 0;
      const r = path.request({ source: { kind: 'pod', pod }, url, t, hostHeader, readonly: true, pick: (n) => hash32(`${seed}|${k++}`) % n });
      return worldResponse(r);
    },
    ping(id, address) {
      const pod = podOf(id);
      return pod ? path.ping({ kind: 'pod', pod }, address) : undefined;
    },
    lookup(id, name, t): WorldLookup {
      const pod = podOf(id);
      if (!pod) return { server: '10.96.0.10', timeout: true, cnames: [], addresses: [] };
      const r = path.lookup({ kind: 'pod', pod }, name, t);
      const ok = r.dns.ok && !r.blocked;
      return {
        server: r.server,
        timeout: r.blocked,
        name: ok && r.dns.ok ? r.dns.name : undefined,
        cnames: ok && r.dns.ok ? r.dns.cnames : [],
        addresses: ok && r.dns.ok ? r.dns.addresses : [],
        ptr: (ip) => reverseName(table, pods, dns.domain, ip),
      };
    },
  };
}
