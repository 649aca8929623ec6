/**
 * Simulated time: milliseconds since the simulation started, laid on a fixed epoch so that
 * timestamps are real-looking and byte-identical between runs.
 */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** RFC 3339 with whole seconds, as metav1.Time serialises. */
export function rfc3339(simMs: number): string {
  // Many writes happen at one instant; formatting once per second of simulated time is enough.
  const sec = Math.floor(simMs / 1000);
  if (sec !== lastSec) {
    lastSec = sec;
    lastText = new Date(EPOCH_MS + sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastText;
}

let lastSec = Number.NaN;
let lastText = '';

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime, Event eventTime). */
export function rfc3339Micro(simMs: number): string {
  return new Date(EPOCH_MS + simMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Simulated milliseconds from a serialised timestamp (the inverse of rfc3339). */
export function parseTimestamp(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  // Controllers re-read the same few condition timestamps on every sync; Date.parse is slow.
  let ms = parsedTimestamps.get(ts);
  if (ms === undefined) {
    ms = Date.parse(ts);
    if (parsedTimestamps.size >= PARSED_TIMESTAMPS_MAX) parsedTimestamps.clear();
    parsedTimestamps.set(ts, ms);
  }
  return Number.isNaN(ms) ? undefined : ms - EPOCH_MS;
}

const parsedTimestamps = new Map<string, number>();
const PARSED_TIMESTAMPS_MAX = 4096;

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: SECOND, m: MINUTE, h: HOUR };

/** Parses a Go-style duration ("90s", "5m", "1h30m", "1.5s") into milliseconds. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * SECOND);
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new Error(`invalid duration "${text}"`);
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = re.lastIndex;
  }
  if (s.length === 0) throw new Error(`invalid duration "${text}"`);
  return Math.round(total);
}

/** kubectl's HumanDuration (k8s.io/apimachinery/pkg/util/duration), used for the AGE column. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Go's time.Duration.String() for non-negative durations ("2.345s", "1m30s", "500ms"). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < SECOND) return `${trimZeros(ms.toFixed(3))}ms`;
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = (ms % MINUTE) / SECOND;
  let out = '';
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  out += `${trimZeros(s.toFixed(3))}s`;
  return out;
}

function trimZeros(x: string): string {
  return x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x;
}
