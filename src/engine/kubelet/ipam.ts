/**
 * The CNI host-local IPAM of one node (kindnet uses it): pod IPs come from the node's podCIDR,
 * .1 being the gateway. Like host-local, allocation continues after the last address handed out
 * and wraps around, so a freed address is not reused at once.
 */
export class PodIPAllocator {
  private readonly base: number;
  private readonly size: number;
  private last: number;
  private readonly used = new Set<number>();

  constructor(cidr: string) {
    const [ip, bits] = cidr.split('/');
    this.base = ipToInt(ip);
    this.size = 2 ** (32 - Number(bits));
    // The first address handed out is .2 (network + 2).
    this.last = 1;
  }

  /** Next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    // Usable offsets are 2 … size-2 (.1 is the gateway, the last address the broadcast).
    const n = this.size - 3;
    for (let k = 0; k < n; k++) {
      const off = 2 + ((((this.last - 1 + k) % n) + n) % n);
      if (!this.used.has(off)) {
        this.used.add(off);
        this.last = off;
        return intToIp(this.base + off);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip) - this.base);
  }

  get inUse(): number {
    return this.used.size;
  }
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
