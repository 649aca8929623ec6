/**
 * resource.Quantity as the API server prints it (Quantity.String(): the canonical form), which
 * admission messages and validation errors quote: "1.5" cpu prints "1500m", "0.5Gi" prints
 * "512Mi", "1000" prints "1k". Values are plain numbers in base units.
 */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  value: number;
  format: QuantityFormat;
}

const RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export const QUANTITY_REGEX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Parses a quantity, keeping the format its suffix implies; undefined when malformed. */
export function parseQuantityValue(v: unknown): Quantity | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, format: 'DecimalSI' } : undefined;
  if (typeof v !== 'string') return undefined;
  const m = RE.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return { value: n * 10 ** Number(m[3]), format: 'DecimalExponent' };
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return { value: n * BINARY[suffix], format: 'BinarySI' };
  return { value: n * DECIMAL[suffix], format: 'DecimalSI' };
}

/** Rounds away float noise (0.1 * 3 and friends) at nano precision. */
function clean(v: number): number {
  const r = Math.round(v * 1e9) / 1e9;
  return Math.abs(r - Math.round(r)) < 1e-9 ? Math.round(r) : r;
}

/** Quantity.String() of a value in the given format. */
export function formatQuantity(value: number, format: QuantityFormat = 'DecimalSI'): string {
  const v = clean(value);
  if (v === 0) return '0';
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  if (format === 'BinarySI' && abs >= 1024 && Number.isInteger(abs)) {
    for (const [suffix, mult] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
      if (abs % mult === 0) return `${sign}${abs / mult}${suffix}`;
    }
    return `${sign}${abs}`;
  }
  // Decimal: the largest power of 1000 that leaves an integer mantissa.
  const scales: [number, string, string][] = [
    [18, 'E', 'e18'], [15, 'P', 'e15'], [12, 'T', 'e12'], [9, 'G', 'e9'], [6, 'M', 'e6'], [3, 'k', 'e3'], [0, '', ''],
    [-3, 'm', 'e-3'], [-6, 'u', 'e-6'], [-9, 'n', 'e-9'],
  ];
  for (const [exp, si, e] of scales) {
    const mantissa = exp >= 0 ? abs / 10 ** exp : abs * 10 ** -exp;
    const rounded = Math.round(mantissa);
    if (rounded >= 1 && Math.abs(mantissa - rounded) <= 1e-6 * Math.max(1, mantissa)) return `${sign}${rounded}${format === 'DecimalExponent' ? e : si}`;
  }
  return `${sign}${Math.ceil(abs * 1e9)}n`;
}

/** The canonical string of a quantity as written by the user ("1.5" → "1500m"). */
export function canonicalQuantity(v: unknown): string {
  const q = parseQuantityValue(v);
  return q ? formatQuantity(q.value, q.format) : String(v);
}
