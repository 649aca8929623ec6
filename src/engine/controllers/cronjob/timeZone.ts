/**
 * Time zones for cron schedules (time.LoadLocation upstream). UTC (and "", as LoadLocation
 * reads it) needs nothing; other IANA names use the runtime's time-zone database through
 * Intl.DateTimeFormat, which only converts instants given to it (no wall clock is read).
 */
export interface Zone {
  readonly name: string;
  /** Offset from UTC in ms at the instant `utcMs` (wall = utc + offset). */
  offsetAt(utcMs: number): number;
}

export const UTC: Zone = { name: 'UTC', offsetAt: () => 0 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** LoadLocation: the zone, or an error message worded as Go's ("unknown time zone X"). */
export function loadLocation(name: string): Zone | { error: string } {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return UTC; // kube-controller-manager's local zone: UTC in a kind cluster.
  try {
    const f = formatter(name);
    return {
      name,
      offsetAt(utcMs: number): number {
        const whole = utcMs - (((utcMs % 1000) + 1000) % 1000);
        const parts: Record<string, number> = {};
        for (const p of f.formatToParts(whole)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
        return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - whole;
      },
    };
  } catch {
    return { error: `unknown time zone ${name}` };
  }
}

/** Wall-clock fields of an instant in a zone. */
export interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

export function wallOf(utcMs: number, zone: Zone): Wall {
  const d = new Date(utcMs + zone.offsetAt(utcMs));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * time.Date in a zone: the instant whose wall clock reads these fields (out-of-range fields
 * normalise, e.g. month 13 is January of the next year). In a DST gap or overlap it picks one
 * of the two offsets, as Go does.
 */
export function dateIn(zone: Zone, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let offset = zone.offsetAt(asUtc);
  if (offset !== 0) {
    const utc = asUtc - offset;
    const other = zone.offsetAt(utc);
    if (other !== offset) offset = other;
  }
  return asUtc - offset;
}

/** time.RFC3339 in a zone: "2026-01-01T00:01:00Z" in UTC, "2026-01-01T09:01:00+09:00" elsewhere. */
export function formatRFC3339(utcMs: number, zone: Zone): string {
  const offset = zone.offsetAt(utcMs);
  const w = new Date(utcMs + offset).toISOString().replace(/\.\d{3}Z$/, '');
  // Go's "Z07:00" prints Z for a zero offset, whatever the zone.
  if (offset === 0) return `${w}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60000;
  return `${w}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: "Thu, 01 Jan 2026 00:01:00 +0000". */
export function formatRFC1123Z(utcMs: number): string {
  const d = new Date(utcMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
