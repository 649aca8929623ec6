import { parseQuantity } from '../../api/quantity';

/** A running sum in the format of the first non-zero operand, as resource.Quantity.Add keeps it. */
export class QuantitySum {
  private value = 0;
  private binary: boolean | undefined;

  add(q: string | number | undefined): void {
    if (q === undefined) return;
    const v = parseQuantity(q);
    if (v === 0) return;
    if (this.binary === undefined) this.binary = typeof q === 'string' && /[KMGTPE]i$/.test(q.trim());
    this.value += v;
  }

  addValue(v: number, binary: boolean): void {
    if (v === 0) return;
    if (this.binary === undefined) this.binary = binary;
    this.value += v;
  }

  /** Quantity.String(): canonical form in the sum's format. */
  toString(): string {
    return formatQuantity(this.value, this.binary ?? false);
  }
}

const DECIMAL_SUFFIXES: readonly [string, number][] = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];
const BINARY_SUFFIXES: readonly [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/**
 * The canonical string of a quantity: the largest suffix that keeps an integer mantissa (binary
 * suffixes for BinarySI, powers of 1000 for DecimalSI), milli-units for fractions ("1500m").
 */
export function formatQuantity(value: number, binary: boolean): string {
  if (value === 0) return '0';
  const milli = Math.round(value * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  const n = milli / 1000;
  for (const [suffix, mult] of binary ? BINARY_SUFFIXES : DECIMAL_SUFFIXES) {
    if (Math.abs(n) >= mult && n % mult === 0) return `${n / mult}${suffix}`;
  }
  if (binary && Math.abs(n) >= 1024) {
    // Not a whole binary multiple: Go falls back to the decimal form.
    return formatQuantity(n, false);
  }
  return String(n);
}
