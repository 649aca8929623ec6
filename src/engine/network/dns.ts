import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import { hash32 } from '../kubelet/program/commands/util';
import { isIPv4 } from './ip';
import type { ServiceTable } from './serviceTable';

/** What kubeadm (and kind) give the cluster DNS Service, which kubelet writes as the pods' nameserver. */
export const CLUSTER_DNS_IP = '10.96.0.10';
/** kind rewrites the nodes' Docker DNS (127.0.0.11) to the network's gateway, which pods with dnsPolicy Default inherit. */
export const NODE_DNS_IP = '172.18.0.1';

/** Names that never resolve on the internet: reserved zones and the "does not exist" names learners use. */
const NEVER = /\.(invalid|example|test|local|localhost)$|does-?not-?exist|nonexist|non-existing|notfound/i;

/** A pod's /etc/resolv.conf, as the kubelet writes it for its dnsPolicy. */
export interface ResolverConfig {
  nameservers: string[];
  searches: string[];
  ndots: number;
}

export interface DnsAnswer {
  /** The name that answered, fully qualified, without the trailing dot. */
  name: string;
  /** CNAMEs followed on the way (ExternalName Services). */
  cnames: { name: string; target: string }[];
  addresses: string[];
}

export type DnsResult = ({ ok: true } & DnsAnswer & { queries: string[] }) | { ok: false; queries: string[]; reason: 'NXDOMAIN' };

/** Answer for one absolute name: addresses, a CNAME, or NXDOMAIN (undefined). */
type Record = { addresses: string[]; cname?: string } | undefined;

/**
 * The resolver configuration of a pod (pkg/kubelet/network/dns): ClusterFirst gives the cluster
 * DNS with the namespace's search list and ndots:5; a hostNetwork pod with ClusterFirst falls
 * back to Default (the node's resolver) unless it asks for ClusterFirstWithHostNet; None takes
 * dnsConfig only. dnsConfig adds nameservers, searches and options in every policy.
 */
export function resolverFor(pod: Pod, domain: string): ResolverConfig {
  const spec = pod.spec ?? { containers: [] };
  const ns = pod.metadata?.namespace ?? 'default';
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const cfg = spec.dnsConfig ?? {};
  let nameservers: string[];
  let searches: string[];
  let ndots: number;
  if (policy === 'None') {
    nameservers = [];
    searches = [];
    ndots = 1;
  } else if (policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork)) {
    nameservers = [CLUSTER_DNS_IP];
    searches = [`${ns}.svc.${domain}`, `svc.${domain}`, domain];
    ndots = 5;
  } else {
    nameservers = [NODE_DNS_IP];
    searches = [];
    ndots = 0;
  }
  nameservers = [...nameservers, ...(cfg.nameservers ?? [])].slice(0, 3);
  searches = [...searches, ...(cfg.searches ?? [])].slice(0, 32);
  for (const o of cfg.options ?? []) if (o.name === 'ndots' && o.value !== undefined && /^\d+$/.test(o.value)) ndots = Math.min(15, Number(o.value));
  return { nameservers, searches, ndots };
}

/**
 * The /etc/resolv.conf the kubelet writes for a pod (pkg/kubelet/network/dns): the cluster DNS
 * with the namespace's search list and ndots:5, or the node's file (kind: Docker's gateway, ndots:0)
 * for dnsPolicy Default and hostNetwork pods with ClusterFirst; dnsConfig merged in; None is only dnsConfig.
 */
export function resolvConf(pod: Pod, domain: string): string {
  const spec = pod.spec ?? { containers: [] };
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const cfg = spec.dnsConfig ?? {};
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork);
  const r = resolverFor(pod, domain);
  const options: [string, string | undefined][] = policy === 'None' ? [] : clusterFirst ? [['ndots', '5']] : [['edns0', undefined], ['trust-ad', undefined], ['ndots', '0']];
  for (const o of cfg.options ?? []) {
    if (!o.name) continue;
    const i = options.findIndex(([n]) => n === o.name);
    if (i >= 0) options[i] = [o.name, o.value];
    else options.push([o.name, o.value]);
  }
  let text = '';
  if (r.searches.length) text += `search ${r.searches.join(' ')}\n`;
  for (const n of r.nameservers) text += `nameserver ${n}\n`;
  if (options.length) text += `options ${options.map(([n, v]) => (v !== undefined ? `${n}:${v}` : n)).join(' ')}\n`;
  return text;
}

/** The fully qualified names a stub resolver asks for, in order (resolv.conf search and ndots). */
export function searchCandidates(name: string, cfg: ResolverConfig): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = cfg.searches.map((s) => `${name}.${s}`);
  return dots >= cfg.ndots ? [name, ...searched] : [...searched, name];
}

/** A stable made-up address for a name on the internet. */
export function internetAddress(name: string): string {
  const h = hash32(name);
  return `${(h % 200) + 20}.${(h >> 8) % 256}.${(h >> 16) % 256}.${((h >> 24) % 250) + 2}`;
}

/** Generic top-level domains a name on the internet may end in (besides two-letter country codes). */
const TLDS = new Set(['com', 'org', 'net', 'io', 'dev', 'app', 'ai', 'co', 'info', 'edu', 'gov', 'mil', 'int', 'biz', 'cloud', 'tech', 'site', 'online', 'xyz', 'page', 'sh', 'me', 'tv', 'google', 'amazon', 'aws', 'microsoft', 'azure', 'docker', 'arpa']);

/**
 * Whether a name resolves on the internet: a name under a real top-level domain, outside the
 * reserved zones (a cluster name that fell through the search list, like "web.kube-system", does not).
 */
export function internetResolves(name: string): boolean {
  if (!name.includes('.') || NEVER.test(name) || isIPv4(name)) return false;
  const tld = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return TLDS.has(tld) || /^[a-z]{2}$/.test(tld);
}

/**
 * CoreDNS's kubernetes plugin for the cluster zone (kubeadm's Corefile: `pods insecure`,
 * forwarding the rest upstream): Service A records, headless Services answering with their
 * ready endpoints, `<hostname>.<service>` records for endpoints with a hostname (StatefulSet
 * pods), ExternalName CNAMEs, and `<a-b-c-d>.<ns>.pod` records.
 */
export class ClusterDns {
  /** For programs replayed from their start: did Service ns/name exist at t (before now)? */
  existedAt?: (namespace: string, name: string, t: number) => boolean;

  constructor(
    private readonly api: ApiServer,
    private readonly table: ServiceTable,
    readonly domain: string,
  ) {}

  private service(ns: string, name: string, t: number | undefined): Service | undefined {
    const svc = this.api.get('Service', ns, name) as Service | undefined;
    if (t !== undefined && t < this.api.clock.now() && this.existedAt) {
      if (!this.existedAt(ns, name, t)) return undefined;
    }
    return svc;
  }

  /** What CoreDNS answers for an absolute name in the cluster zone; 'outside' for other names. */
  clusterRecord(fqdn: string, t?: number): Record | 'outside' {
    const zone = `.${this.domain}`;
    const name = fqdn.toLowerCase();
    if (!name.endsWith(zone)) return 'outside';
    const labels = name.slice(0, -zone.length).split('.');
    const kind = labels[labels.length - 1];
    if (kind === 'pod' && labels.length === 3) {
      const ip = labels[0].replace(/-/g, '.');
      return isIPv4(ip) ? { addresses: [ip] } : undefined;
    }
    if (kind !== 'svc' || labels.length < 3 || labels.length > 4) return undefined;
    const ns = labels[labels.length - 2];
    const svcName = labels[labels.length - 3];
    const svc = this.service(ns, svcName, t);
    if (!svc) return undefined;
    const key = `${ns}/${svcName}`;
    const headless = svc.spec?.clusterIP === 'None';
    if (labels.length === 4) {
      // An endpoint of a headless Service: its hostname, or its dashed IP.
      if (!headless) return undefined;
      const host = labels[0];
      const ips = this.readyEndpoints(key, t).filter((b) => b.hostname === host || b.ip.replace(/\./g, '-') === host).map((b) => b.ip);
      return ips.length ? { addresses: [...new Set(ips)] } : undefined;
    }
    if (svc.spec?.type === 'ExternalName') return { addresses: [], cname: svc.spec.externalName };
    if (headless) {
      const ips = [...new Set(this.readyEndpoints(key, t).map((b) => b.ip))];
      return ips.length ? { addresses: ips } : undefined;
    }
    return { addresses: svc.spec?.clusterIPs?.length ? [svc.spec.clusterIPs[0]] : [svc.spec!.clusterIP!] };
  }

  /** Endpoints CoreDNS publishes: ready ones (publishNotReadyAddresses makes every one ready). */
  private readyEndpoints(key: string, t: number | undefined) {
    const svc = this.table.service(key);
    const names = (svc?.spec?.ports ?? []).map((p) => p.name ?? '');
    const out = [];
    for (const n of names.length ? names : ['']) for (const b of t === undefined ? this.table.backends(key, n) : this.table.backendsAt(key, n, t)) if (b.ready) out.push(b);
    return out;
  }

  /** One absolute name through the resolver's nameserver (cluster DNS, or the node's upstream). */
  private query(fqdn: string, viaCluster: boolean, t?: number): Record {
    if (viaCluster) {
      const r = this.clusterRecord(fqdn, t);
      if (r !== 'outside') return r;
    }
    return internetResolves(fqdn) ? { addresses: [internetAddress(fqdn)] } : undefined;
  }

  /** A stub resolver with `cfg` looking up `name` (A records), following CNAMEs. */
  resolve(name: string, cfg: ResolverConfig, t?: number): DnsResult {
    const viaCluster = cfg.nameservers.includes(CLUSTER_DNS_IP);
    const queries: string[] = [];
    for (const candidate of searchCandidates(name, cfg)) {
      queries.push(candidate);
      let r = this.query(candidate, viaCluster, t);
      if (!r) continue;
      const cnames: DnsAnswer['cnames'] = [];
      let current = candidate;
      for (let depth = 0; r && r.cname && depth < 8; depth++) {
        const target = r.cname.replace(/\.$/, '');
        cnames.push({ name: current, target });
        current = target;
        r = this.query(target, viaCluster, t);
      }
      return { ok: true, name: candidate, cnames, addresses: r?.addresses ?? [], queries };
    }
    return { ok: false, queries, reason: 'NXDOMAIN' };
  }
}
