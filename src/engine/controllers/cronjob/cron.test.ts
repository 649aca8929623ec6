import { describe, expect, it } from 'vitest';
import { parseStandard } from './cron';
import { jobName } from './scheduleTimes';
import { formatRFC1123Z, formatRFC3339, loadLocation } from './timeZone';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

/** The next `n` activations after `from`. */
function nexts(spec: string, from: string, n = 1): (string | undefined)[] {
  const s = parseStandard(spec);
  const out: (string | undefined)[] = [];
  let t: number | undefined = at(from);
  for (let i = 0; i < n && t !== undefined; i++) {
    t = s.next(t);
    out.push(iso(t));
  }
  return out;
}

describe('cron schedules (robfig/cron ParseStandard)', () => {
  it('fires "*/1 * * * *" on each whole minute after the start', () => {
    expect(nexts('*/1 * * * *', '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-01T00:01:00Z', '2026-01-01T00:02:00Z', '2026-01-01T00:03:00Z']);
    expect(nexts('* * * * *', '2026-01-01T00:00:30Z')).toEqual(['2026-01-01T00:01:00Z']);
  });

  it('handles ranges, steps and lists', () => {
    expect(nexts('*/15 * * * *', '2026-01-01T00:07:00Z', 2)).toEqual(['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z']);
    expect(nexts('5/20 * * * *', '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-01T00:05:00Z', '2026-01-01T00:25:00Z', '2026-01-01T00:45:00Z']);
    expect(nexts('30 6-16/4 * * *', '2026-01-01T00:00:00Z', 4)).toEqual([
      '2026-01-01T06:30:00Z',
      '2026-01-01T10:30:00Z',
      '2026-01-01T14:30:00Z',
      '2026-01-02T06:30:00Z',
    ]);
    expect(nexts('0 1,13 * * *', '2026-01-01T02:00:00Z', 2)).toEqual(['2026-01-01T13:00:00Z', '2026-01-02T01:00:00Z']);
  });

  it('knows weekday and month names, and weekday numbers 0-6 from Sunday', () => {
    // 2026-01-01 is a Thursday.
    expect(nexts('0 9 * * mon-fri', '2026-01-02T10:00:00Z')).toEqual(['2026-01-05T09:00:00Z']);
    expect(nexts('0 9 * * 1-5', '2026-01-02T10:00:00Z')).toEqual(['2026-01-05T09:00:00Z']);
    expect(nexts('0 0 * * SUN', '2026-01-01T00:00:00Z')).toEqual(['2026-01-04T00:00:00Z']);
    expect(nexts('0 0 1 jan,JUL *', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z']);
  });

  it('matches day-of-month OR day-of-week when both are restricted, AND when one is "*"', () => {
    expect(nexts('0 0 13 * 5', '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-02T00:00:00Z', '2026-01-09T00:00:00Z', '2026-01-13T00:00:00Z']);
    expect(nexts('0 0 13 * *', '2026-01-01T00:00:00Z')).toEqual(['2026-01-13T00:00:00Z']);
    expect(nexts('0 0 31 * *', '2026-01-31T00:00:00Z', 2)).toEqual(['2026-03-31T00:00:00Z', '2026-05-31T00:00:00Z']);
  });

  it('understands the descriptors', () => {
    const from = '2026-01-01T00:00:00Z';
    expect(nexts('@yearly', from)).toEqual(['2027-01-01T00:00:00Z']);
    expect(nexts('@annually', from)).toEqual(['2027-01-01T00:00:00Z']);
    expect(nexts('@monthly', from)).toEqual(['2026-02-01T00:00:00Z']);
    expect(nexts('@weekly', from)).toEqual(['2026-01-04T00:00:00Z']);
    expect(nexts('@daily', from)).toEqual(['2026-01-02T00:00:00Z']);
    expect(nexts('@midnight', from)).toEqual(['2026-01-02T00:00:00Z']);
    expect(nexts('@hourly', from)).toEqual(['2026-01-01T01:00:00Z']);
    expect(nexts('@every 90s', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-01T00:01:30Z', '2026-01-01T00:03:00Z']);
  });

  it('finds nothing for an impossible date within five years', () => {
    expect(nexts('0 0 30 2 *', '2026-01-01T00:00:00Z')).toEqual([undefined]);
  });

  it('evaluates a TZ= prefix in that zone', () => {
    // 09:00 in Tokyo is 00:00 UTC.
    expect(nexts('TZ=Asia/Tokyo 0 9 * * *', '2026-01-01T00:00:00Z')).toEqual(['2026-01-02T00:00:00Z']);
    expect(nexts('CRON_TZ=UTC 0 9 * * *', '2026-01-01T00:00:00Z')).toEqual(['2026-01-01T09:00:00Z']);
    // New York is UTC-5 in winter, UTC-4 in summer.
    expect(nexts('TZ=America/New_York 0 12 * * *', '2026-01-01T00:00:00Z')).toEqual(['2026-01-01T17:00:00Z']);
    expect(nexts('TZ=America/New_York 0 12 * * *', '2026-07-01T00:00:00Z')).toEqual(['2026-07-01T16:00:00Z']);
  });

  it('rejects bad schedules with the library\'s wording', () => {
    const err = (s: string) => {
      try {
        parseStandard(s);
        return 'parsed';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(err('')).toBe('empty spec string');
    expect(err('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(err('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(err('* * * * 7')).toBe('end of range (7) above maximum (6): 7');
    expect(err('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(err('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(err('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(err('a * * * *')).toBe('failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax');
    expect(err('1-2-3 * * * *')).toBe('too many hyphens: 1-2-3');
    expect(err('@often')).toBe('unrecognized descriptor: @often');
    expect(err('TZ=Mars/Olympus * * * * *')).toBe('provided bad location Mars/Olympus: unknown time zone Mars/Olympus');
  });
});

describe('CronJob naming and time formats', () => {
  it('names the Job after the scheduled minute since the Unix epoch (hello-28401120)', () => {
    expect(jobName('hello', at('2024-01-01T00:00:00Z'))).toBe('hello-28401120');
    expect(jobName('hello', at('2024-01-01T00:00:59Z'))).toBe('hello-28401120');
    expect(jobName('hello', at('2026-01-01T00:01:00Z'))).toBe('hello-29453761');
  });

  it('formats the scheduled-timestamp annotation in the CronJob\'s zone and MissSchedule times in RFC 1123', () => {
    const utc = loadLocation('');
    const tokyo = loadLocation('Asia/Tokyo');
    if ('error' in utc || 'error' in tokyo) throw new Error('zones');
    expect(formatRFC3339(at('2026-01-01T00:01:00Z'), utc)).toBe('2026-01-01T00:01:00Z');
    expect(formatRFC3339(at('2026-01-01T00:01:00Z'), tokyo)).toBe('2026-01-01T09:01:00+09:00');
    expect(formatRFC1123Z(at('2026-01-01T00:01:00Z'))).toBe('Thu, 01 Jan 2026 00:01:00 +0000');
  });
});
