import { dateIn, loadLocation, wallOf, UTC, type Zone } from './timeZone';

/**
 * Cron schedules as the CronJob controller parses them (github.com/robfig/cron/v3,
 * cron.ParseStandard): five fields (minute hour day-of-month month day-of-week) with ranges,
 * steps, lists, "*" and "?", month and weekday names; the descriptors @yearly, @annually,
 * @monthly, @weekly, @daily, @midnight, @hourly and @every <duration>; and a leading
 * TZ=<zone> or CRON_TZ=<zone>. Errors are worded as the library words them.
 * Times are absolute milliseconds since the Unix epoch.
 */
export interface Schedule {
  /** The first activation strictly after `t`, or undefined when none within five years. */
  next(t: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A field's allowed values, and whether it was written as "*" or "?" (robfig's starBit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

export class CronParseError extends Error {}

function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

/** getRange: one "a", "a-b", "*", with an optional "/step" ("a/step" means a through the maximum). */
function getRange(expr: string, r: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else throw new CronParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  if (star) into.star = true;
}

function getField(text: string, r: Bounds): Field {
  const f: Field = { values: new Set(), star: false };
  for (const expr of text.split(',').filter((x) => x !== '')) getRange(expr, r, f);
  return f;
}

function all(r: Bounds): Field {
  const f: Field = { values: new Set(), star: true };
  for (let v = r.min; v <= r.max; v++) f.values.add(v);
  return f;
}

function only(v: number): Field {
  return { values: new Set([v]), star: false };
}

/** SpecSchedule: the five fields (seconds are always 0) in a zone. */
class SpecSchedule implements Schedule {
  constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
    private readonly zone: Zone,
  ) {}

  /** dayMatches: with "*" in either day field both must match, otherwise either may. */
  private dayMatches(day: number, weekday: number): boolean {
    const domMatch = this.dom.values.has(day);
    const dowMatch = this.dow.values.has(weekday);
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  /** SpecSchedule.Next: advance field by field from the next whole second, wrapping as needed. */
  next(from: number): number | undefined {
    const z = this.zone;
    let t = from - (((from % 1000) + 1000) % 1000) + 1000;
    let added = false;
    const yearLimit = wallOf(t, z).year + 5;
    wrap: for (;;) {
      let w = wallOf(t, z);
      if (w.year > yearLimit) return undefined;
      while (!this.month.values.has(w.month)) {
        if (!added) {
          added = true;
          t = dateIn(z, w.year, w.month, 1, 0, 0, 0);
          w = wallOf(t, z);
        }
        t = dateIn(z, w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
        w = wallOf(t, z);
        if (w.month === 1) continue wrap;
      }
      while (!this.dayMatches(w.day, w.weekday)) {
        if (!added) {
          added = true;
          t = dateIn(z, w.year, w.month, w.day, 0, 0, 0);
          w = wallOf(t, z);
        }
        t = dateIn(z, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
        w = wallOf(t, z);
        // A DST change can move midnight: go back to it.
        if (w.hour !== 0) {
          t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3_600_000;
          w = wallOf(t, z);
        }
        if (w.day === 1) continue wrap;
      }
      while (!this.hour.values.has(w.hour)) {
        if (!added) {
          added = true;
          t = dateIn(z, w.year, w.month, w.day, w.hour, 0, 0);
        }
        t += 3_600_000;
        w = wallOf(t, z);
        if (w.hour === 0) continue wrap;
      }
      while (!this.minute.values.has(w.minute)) {
        if (!added) {
          added = true;
          t -= ((t % 60_000) + 60_000) % 60_000;
        }
        t += 60_000;
        w = wallOf(t, z);
        if (w.minute === 0) continue wrap;
      }
      while (w.second !== 0) {
        if (!added) {
          added = true;
          t -= ((t % 1000) + 1000) % 1000;
        }
        t += 1000;
        w = wallOf(t, z);
        if (w.second === 0) continue wrap;
      }
      return t;
    }
  }
}

/** ConstantDelaySchedule (@every): every `delay` (whole seconds, at least one). */
class ConstantDelaySchedule implements Schedule {
  constructor(private readonly delay: number) {}
  next(t: number): number {
    return t + this.delay - (((t % 1000) + 1000) % 1000);
  }
}

/** time.ParseDuration for @every, in ms; throws with Go's wording. */
function parseGoDuration(s: string): number {
  const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)/;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new CronParseError(`time: invalid duration ${JSON.stringify(s)}`);
  let total = 0;
  while (rest !== '') {
    const m = re.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^[0-9.]+$/.test(rest)) throw new CronParseError(`time: missing unit in duration ${JSON.stringify(s)}`);
      throw new CronParseError(`time: invalid duration ${JSON.stringify(s)}`);
    }
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

function parseDescriptor(descriptor: string, zone: Zone): Schedule {
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return new SpecSchedule(only(0), only(0), only(1), only(1), all(DOW), zone);
    case '@monthly':
      return new SpecSchedule(only(0), only(0), only(1), all(MONTHS), all(DOW), zone);
    case '@weekly':
      return new SpecSchedule(only(0), only(0), all(DOM), all(MONTHS), only(0), zone);
    case '@daily':
    case '@midnight':
      return new SpecSchedule(only(0), only(0), all(DOM), all(MONTHS), all(DOW), zone);
    case '@hourly':
      return new SpecSchedule(only(0), all(HOURS), all(DOM), all(MONTHS), all(DOW), zone);
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    let d: number;
    try {
      d = parseGoDuration(descriptor.slice(every.length));
    } catch (e) {
      throw new CronParseError(`failed to parse duration ${descriptor}: ${(e as Error).message}`);
    }
    if (d < 1000) d = 1000;
    return new ConstantDelaySchedule(d - (d % 1000));
  }
  throw new CronParseError(`unrecognized descriptor: ${descriptor}`);
}

/** cron.ParseStandard. Throws CronParseError. */
export function parseStandard(spec: string): Schedule {
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let zone: Zone = UTC;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    const loc = loadLocation(name);
    if ('error' in loc) throw new CronParseError(`provided bad location ${name}: ${loc.error}`);
    zone = loc;
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, zone);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return new SpecSchedule(getField(fields[0], MINUTES), getField(fields[1], HOURS), getField(fields[2], DOM), getField(fields[3], MONTHS), getField(fields[4], DOW), zone);
}
