import { intToIp, ipToInt } from '../kubelet/ipam';

export { intToIp, ipToInt };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIPv4(s: string): boolean {
  const m = IPV4.exec(s);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

/** Whether `ip` lies in `cidr` ("10.0.0.0/8"); a bad CIDR contains nothing. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!isIPv4(base) || !isIPv4(ip) || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const size = 2 ** (32 - bits);
  return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base) / size);
}

/** The dashed form CoreDNS uses for pod A records: 10.244.1.5 → 10-244-1-5. */
export function dashedIP(ip: string): string {
  return ip.replace(/\./g, '-');
}
