/**
 * π to `n` significant digits, as Perl's Math::BigFloat bpi(n) prints it (the docs' Job example
 * runs `perl -Mbignum=bpi -wle 'print bpi(2000)'`). Machin's formula with BigInt arithmetic;
 * the last digit is rounded half-to-even, BigFloat's default mode.
 */
const cache = new Map<number, string>();

export function piDigits(n: number): string {
  const cached = cache.get(n);
  if (cached) return cached;
  const digits = Math.max(1, Math.floor(n));
  const guard = 10;
  const scale = 10n ** BigInt(digits + guard);
  const atanInv = (x: bigint): bigint => {
    const x2 = x * x;
    let term = scale / x;
    let sum = 0n;
    let k = 1n;
    let positive = true;
    while (term !== 0n) {
      sum += positive ? term / k : -(term / k);
      term /= x2;
      k += 2n;
      positive = !positive;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  // pi * 10^(digits-1+guard) … keep `digits` significant digits, rounding half to even.
  const full = pi.toString();
  const head = full.slice(0, digits);
  const rest = full.slice(digits);
  let kept = BigInt(head);
  const firstDropped = Number(rest[0] ?? '0');
  const beyond = rest.slice(1).replace(/0/g, '') !== '';
  if (firstDropped > 5 || (firstDropped === 5 && (beyond || kept % 2n === 1n))) kept += 1n;
  const s = kept.toString();
  const out = s.length > 1 ? `${s[0]}.${s.slice(1)}` : s;
  cache.set(n, out);
  return out;
}
