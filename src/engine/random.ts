/**
 * The seeded random source: every random choice in the engine (pod name suffixes, uids,
 * scheduler tie-breaks, pull times) comes from here, so one seed replays one story.
 * The generator is sfc32, seeded through splitmix32.
 */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    return Math.floor(this.float() * n);
  }

  /** Uniform float in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /**
   * A random string over upstream's 27-character alphabet. Like apimachinery's rand.String it
   * draws 5 bits per character and discards values of 27 and above, so every character is
   * uniform (k8s.io/apimachinery/pkg/util/rand).
   */
  string(n: number): string {
    let out = '';
    while (out.length < n) {
      let bits = this.uint32();
      for (let k = 0; k < 6 && out.length < n; k++) {
        const idx = bits & 31;
        bits >>>= 5;
        if (idx < ALPHANUMS.length) out += ALPHANUMS[idx];
      }
    }
    return out;
  }

  /** An RFC 4122 version-4 UUID from the seeded stream. */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.uint32();
    // Byte-pair table lookups: every object created takes a uid, and the hex/pad/join/slice
    // version allocated a dozen strings per call.
    return (
      hex16(w0 >>> 16) + hex16(w0 & 0xffff) + '-' + hex16(w1 >>> 16) + '-' + hex16(w1 & 0xffff) + '-' +
      hex16(w2 >>> 16) + '-' + hex16(w2 & 0xffff) + hex16(w3 >>> 16) + hex16(w3 & 0xffff)
    );
  }
}

/** Two lowercase hex digits for each byte value. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Four lowercase hex digits of a 16-bit value. */
function hex16(v: number): string {
  return BYTE_HEX[v >>> 8] + BYTE_HEX[v & 0xff];
}
