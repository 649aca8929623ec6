import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Container } from 'kubernetes-types/core/v1';
import { labelSelectorString } from '../../api/selectors';
import { humanDuration, parseTimestamp } from '../../time';

/** labels.FormatLabels: "k=v,k2=v2" in key order, or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector: "<none>" for an empty selector, "<invalid>" for nil. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (sel === undefined || sel === null) return '<none>';
  const s = labelSelectorString(sel);
  return s === '' ? '<none>' : s;
}

/** The AGE of a timestamp at simulated time `now`, or "<unknown>" (translateTimestampSince). */
export function age(ts: string | undefined | null, now: number): string {
  const t = parseTimestamp(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

/** layoutContainerCells: names and images joined by commas. */
export function layoutContainers(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** helper.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** intstr.IntOrString.String(). */
export function intOrString(v: number | string | undefined | null): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Go's %v of a []string: "[a b]". */
export function goList(v: readonly unknown[] | undefined | null): string {
  return `[${(v ?? []).map((x) => String(x)).join(' ')}]`;
}

const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL: [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];

/**
 * resource.Quantity.String() for a value as stored: the canonical form keeps the quantity's
 * format (binary "Mi"/"Gi" or decimal) and uses the largest suffix that keeps the number whole.
 */
export function quantityString(q: string | number | undefined | null): string {
  if (q === undefined || q === null) return '0';
  const s = String(q).trim();
  const m = s.match(/^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/);
  if (!m) return s;
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  if (BINARY.includes(suffix) && suffix !== '') {
    const bytes = num * 1024 ** BINARY.indexOf(suffix);
    if (Number.isInteger(bytes)) return formatBinary(bytes);
    return formatDecimal(bytes);
  }
  const exp = m[3] !== undefined ? Number(m[3]) : (DECIMAL.find(([sfx]) => sfx === suffix)?.[1] ?? 0);
  return formatDecimal(num * 10 ** exp);
}

/** A byte count in the largest binary suffix that keeps it whole ("128Mi"). */
export function formatBinary(bytes: number): string {
  if (bytes === 0) return '0';
  let i = 0;
  let v = bytes;
  while (i < BINARY.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${BINARY[i]}`;
}

/** A decimal amount in the largest SI suffix that keeps it whole ("500m", "2", "1500m"). */
export function formatDecimal(value: number): string {
  if (value === 0) return '0';
  // Work in nano-units to keep the arithmetic exact for the values quantities carry.
  const nanos = Math.round(value * 1e9);
  for (const [sfx, exp] of DECIMAL) {
    const unit = 10 ** (exp + 9);
    if (unit >= 1 && nanos % unit === 0) return `${nanos / unit}${sfx}`;
  }
  return `${nanos}n`;
}

/** Go's %d of a float that kubectl truncates with int64(). */
export function truncInt(x: number): number {
  return x < 0 ? Math.ceil(x) : Math.floor(x);
}
