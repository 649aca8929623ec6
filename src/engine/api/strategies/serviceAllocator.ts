/**
 * ClusterIP and NodePort bookkeeping for one API server (pkg/registry/core/service/ipallocator
 * and portallocator). The stored Services are the source of truth: the allocator learns what is
 * taken from the Service watch (ADDED, MODIFIED, DELETED), so a write that fails validation or
 * admission, or a dry run, never leaks an address. Dynamic picks are random (ctx.rng) and prefer
 * the upper band of the range, as KEP-3070 (IPs) and KEP-3668 (node ports) describe, leaving the
 * lower band for user-chosen values.
 */
import type { ApiServer } from '../apiServer';
import type { Rng } from '../../random';
import type { KObject } from '../object';
import { formatIPv4, parseIPv4 } from '../validation/formats';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** kubeadm's (and kind's) CoreDNS Service address: the tenth of the range. */
export const KUBE_DNS_OFFSET = 10;

export interface ParsedCIDR {
  base: number;
  bits: number;
  size: number;
  text: string;
}

export function parseCIDR(cidr: string): ParsedCIDR {
  const [ip, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const addr = parseIPv4(ip);
  if (addr === undefined || !(bits >= 0 && bits <= 32)) throw new Error(`invalid service CIDR ${cidr}`);
  const size = 2 ** (32 - bits);
  const base = Math.floor(addr / size) * size;
  return { base, bits, size, text: `${formatIPv4(base)}/${bits}` };
}

/** min(max(min, size/step), max): the size of the lower ("static") band. */
function staticBand(size: number, min: number, step: number, max: number): number {
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

function serviceKey(svc: KObject): string {
  return `${svc.metadata.namespace ?? ''}/${svc.metadata.name}`;
}

export function allocatedIPs(svc: KObject): string[] {
  return ((svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) as string[]).filter((ip) => ip && ip !== 'None');
}

export function allocatedNodePorts(svc: KObject): number[] {
  const ports = ((svc.spec?.ports ?? []) as any[]).map((p) => p.nodePort).filter((n): n is number => typeof n === 'number' && n > 0);
  if (typeof svc.spec?.healthCheckNodePort === 'number' && svc.spec.healthCheckNodePort > 0) ports.push(svc.spec.healthCheckNodePort);
  return ports;
}

export class ServiceAllocator {
  readonly cidr: ParsedCIDR;
  /** First usable address (network address excluded) and count of usable addresses. */
  private readonly first: number;
  private readonly count: number;
  private readonly ipOffset: number;
  private readonly portOffset: number;
  private readonly ips = new Map<string, string>();
  private readonly ports = new Map<number, string>();

  constructor(serviceCIDR: string) {
    this.cidr = parseCIDR(serviceCIDR);
    this.first = this.cidr.base + 1;
    this.count = Math.max(0, this.cidr.size - 2);
    this.ipOffset = staticBand(this.cidr.size, 16, 16, 256);
    this.portOffset = staticBand(NODE_PORT_MAX - NODE_PORT_MIN + 1, 16, 32, 128);
  }

  /** Keeps the tables in step with the stored Services. */
  attach(api: ApiServer): void {
    for (const svc of api.list('Service')) this.record(svc);
    api.watch('Service', (ev) => {
      if (ev.old) this.release(ev.old);
      if (ev.type !== 'DELETED') this.record(ev.object);
    });
  }

  private record(svc: KObject): void {
    const key = serviceKey(svc);
    for (const ip of allocatedIPs(svc)) this.ips.set(ip, key);
    for (const p of allocatedNodePorts(svc)) this.ports.set(p, key);
  }

  private release(svc: KObject): void {
    const key = serviceKey(svc);
    for (const ip of allocatedIPs(svc)) if (this.ips.get(ip) === key) this.ips.delete(ip);
    for (const p of allocatedNodePorts(svc)) if (this.ports.get(p) === key) this.ports.delete(p);
  }

  kubeDnsIP(): string {
    return formatIPv4(this.cidr.base + KUBE_DNS_OFFSET);
  }

  /** Why this address cannot go to the Service `key`, in the allocator's words, or undefined. */
  ipProblem(ip: string, key: string): string | undefined {
    const n = parseIPv4(ip);
    if (n === undefined || n < this.first || n >= this.first + this.count) {
      return `provided IP is not in the valid range. The range of valid IPs is ${this.cidr.text}`;
    }
    const owner = this.ips.get(ip);
    if (owner !== undefined && owner !== key) return 'provided IP is already allocated';
    if (owner === undefined && ip === this.kubeDnsIP() && key !== 'kube-system/kube-dns') return 'provided IP is already allocated';
    return undefined;
  }

  portProblem(port: number, key: string): string | undefined {
    if (!(port >= NODE_PORT_MIN && port <= NODE_PORT_MAX)) {
      return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`;
    }
    const owner = this.ports.get(port);
    return owner !== undefined && owner !== key ? 'provided port is already allocated' : undefined;
  }

  /** A free address: random in the upper band first, then the lower band. */
  pickIP(rng: Rng, exclude: ReadonlySet<string> = new Set()): string | undefined {
    const dns = this.kubeDnsIP();
    const free = (offset: number) => {
      const ip = formatIPv4(this.first + offset);
      return !this.ips.has(ip) && !exclude.has(ip) && ip !== dns ? ip : undefined;
    };
    return pickInBands(this.count, Math.min(this.ipOffset, this.count), rng, free);
  }

  pickNodePort(rng: Rng, exclude: ReadonlySet<number> = new Set()): number | undefined {
    const free = (offset: number) => {
      const port = NODE_PORT_MIN + offset;
      return !this.ports.has(port) && !exclude.has(port) ? port : undefined;
    };
    return pickInBands(NODE_PORT_MAX - NODE_PORT_MIN + 1, this.portOffset, rng, free);
  }
}

/** Random start in [offset, size), probing upwards and wrapping; then the same in [0, offset). */
function pickInBands<T>(size: number, offset: number, rng: Rng, free: (i: number) => T | undefined): T | undefined {
  for (const [lo, hi] of [
    [offset, size],
    [0, offset],
  ]) {
    const n = hi - lo;
    if (n <= 0) continue;
    const start = rng.int(n);
    for (let k = 0; k < n; k++) {
      const v = free(lo + ((start + k) % n));
      if (v !== undefined) return v;
    }
  }
  return undefined;
}
