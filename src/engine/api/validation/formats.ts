/**
 * More string formats from k8s.io/apimachinery/pkg/util/validation (validation.go, ip.go),
 * with upstream's messages. Each check returns the list of problems (empty when valid).
 */
import { isDNS1123Subdomain } from './names';

const maxLen = (n: number) => `must be no more than ${n} characters`;

/** validation.InclusiveRangeError. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export function isValidPortNum(port: unknown): string[] {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** User and group ids: 0 … 2^31-1. */
export function isValidUserID(id: number): string[] {
  return id >= 0 && id <= 2147483647 ? [] : [inclusiveRangeError(0, 2147483647)];
}

const CONFIG_MAP_KEY = '[-._a-zA-Z0-9]+';

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!new RegExp(`^${CONFIG_MAP_KEY}$`).test(v)) {
    errs.push(
      `a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '${CONFIG_MAP_KEY}')`,
    );
  }
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/**
 * validation.IsRelaxedEnvVarName: the RelaxedEnvironmentVariableValidation gate is GA, so any
 * printable ASCII other than '=' is accepted.
 */
export function isRelaxedEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (v.length === 0) errs.push('environment variable name must not be empty');
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c < 32 || c > 126 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

const PERCENT = '[0-9]+%';

export function isValidPercent(v: string): string[] {
  if (new RegExp(`^${PERCENT}$`).test(v)) return [];
  return [`a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '${PERCENT}')`];
}

const WILDCARD_DNS1123 = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';

export function isWildcardDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!new RegExp(`^${WILDCARD_DNS1123}$`).test(v)) {
    errs.push(
      `a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '${WILDCARD_DNS1123}')`,
    );
  }
  return errs;
}

/** Parses an IPv4 address in dotted-decimal form (leading zeros tolerated, as ParseIPSloppy does). */
export function parseIPv4(v: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIPv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isIPv6(v: string): boolean {
  if (!v.includes(':') || !/^[0-9a-fA-F:.]+$/.test(v)) return false;
  const halves = v.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g) && parseIPv4(g) === undefined)) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

export function isIP(v: string): boolean {
  return parseIPv4(v) !== undefined || isIPv6(v);
}

export function isValidIP(v: string): string[] {
  return isIP(v) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

export function isValidCIDR(v: string): string[] {
  const m = /^(.+)\/(\d{1,3})$/.exec(v);
  const ok = !!m && ((parseIPv4(m[1]) !== undefined && Number(m[2]) <= 32) || (isIPv6(m[1]) && Number(m[2]) <= 128));
  return ok ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}

/** Domain-prefixed paths (IngressClass controller, CSI names): "example.com/name". */
export function isDomainPrefixedPath(v: string): string[] {
  const i = v.indexOf('/');
  if (i <= 0) return ["must be a domain-prefixed path (such as \"acme.io/foo\")"];
  return isDNS1123Subdomain(v.slice(0, i));
}
