import { ALPHANUMS } from '../random';

/**
 * controller.ComputeHash's shape: a 32-bit FNV-1a hash of the object (here its canonical JSON;
 * upstream hashes a deep print of the Go struct), with the collision count mixed in, printed as
 * a decimal and passed through rand.SafeEncodeString. So, as upstream, a hash is made only of
 * the characters 4 5 6 7 8 9 b c d f (each decimal digit maps to one of them).
 */
export function computeHash(obj: unknown, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
      const hi = s.charCodeAt(i) >> 8;
      if (hi) {
        h ^= hi;
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
  };
  feed(canonicalJson(obj));
  if (collisionCount !== undefined && collisionCount !== null) feed(String(collisionCount));
  return safeEncodeString(String(h >>> 0));
}

/** rand.SafeEncodeString: each byte b becomes alphanums[b % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}
