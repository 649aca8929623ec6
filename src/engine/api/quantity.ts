/**
 * resource.Quantity: "500m", "1.5", "128Mi", "1G", "1e3". Values are kept as numbers in base
 * units (cores for cpu, bytes for memory); milli-precision is enough for every request we see.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export function isQuantity(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && QUANTITY_RE.test(v.trim());
}

/**
 * Parsed quantities by their text: a cluster repeats the same few strings ("10m", "16Mi", "4")
 * in every pod and node, and the scheduler and kubelets read them on every decision.
 */
const parsed = new Map<string, number>();
const PARSED_MAX = 4096;

/** The value of a quantity in base units; throws on a malformed quantity. */
export function parseQuantity(v: string | number | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  let n = parsed.get(v);
  if (n === undefined) {
    n = parseQuantityText(v);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(v, n);
  }
  return n;
}

function parseQuantityText(v: string): number {
  const m = v.trim().match(QUANTITY_RE);
  if (!m) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** Milli-units, rounded up as the scheduler's MilliValue does. */
export function milli(v: string | number | undefined): number {
  return Math.ceil(parseQuantity(v) * 1000 - 1e-9);
}

/** Formats cpu as kubectl does: "250m", "2". */
export function formatCpu(cores: number): string {
  const m = Math.round(cores * 1000);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Formats bytes in the largest binary suffix that keeps an integer ("128Mi", "8Gi"), else decimal. */
export function formatBytes(bytes: number): string {
  const b = Math.round(bytes);
  if (b === 0) return '0';
  for (const [suffix, mult] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (b % mult === 0) return `${b / mult}${suffix}`;
  }
  return String(b);
}
