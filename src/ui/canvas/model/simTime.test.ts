import { describe, expect, it } from 'vitest';
import { formatSimTime, simSeconds } from './simTime';

describe('formatSimTime', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42_000, '42s'],
    [83_000, '1m 23s'],
    [3_600_000 + 5 * 60_000 + 9_000, '1h 5m 9s'],
  ])('%i ms → %s', (ms, text) => expect(formatSimTime(ms)).toBe(text));

  it('keeps milliseconds in data-seconds', () => {
    expect(simSeconds(83_010)).toBe('83.01');
    expect(simSeconds(0)).toBe('0');
  });
});
