import { describe, expect, it } from 'vitest';
import type { Stop } from './geometry';
import { advanceDots, dotAt, makeDot, MARK_MS, MAX_DOTS, MAX_TRAVEL_MS, MIN_TRAVEL_MS, PULSE_MS, travelMs } from './dots';
import type { Route } from './route';

const stop = (id: string, x: number): Stop => ({ id, box: { x, y: 0, w: 100, h: 40 }, shape: 'end' });
const route = (kind: Route['kind'], markAt = 1): Route => ({ client: 1, stops: [stop('a', 1000), stop('b', 0)], outcome: kind === 'ok' ? '200' : 'timeout', kind, markAt, legs: ['a>b'] });

describe('dots', () => {
  it('takes a readable time for a journey: even pace, within bounds, a little quicker when the clock is fast', () => {
    expect(travelMs(10, 1)).toBe(MIN_TRAVEL_MS);
    expect(travelMs(100_000, 1)).toBe(MAX_TRAVEL_MS);
    expect(travelMs(650, 1)).toBe(1000);
    expect(travelMs(650, 16)).toBeLessThan(travelMs(650, 1));
  });

  it('travels from the client to the pod, then pulses there briefly', () => {
    const d = makeDot(1, route('ok'), 0, 1);
    const start = dotAt(d, 0);
    const end = dotAt(d, d.travel);
    expect(start).toMatchObject({ phase: 'travel', at: { x: 1000, y: 20 } });
    expect(end).toMatchObject({ phase: 'end', at: { x: 100, y: 20 }, age: 0 });
    expect(dotAt(d, d.travel + PULSE_MS).phase).toBe('done');
  });

  it('keeps a failure mark where it failed long enough to read', () => {
    const d = makeDot(1, route('failure', 0), 0, 1);
    expect(d.travel).toBe(0);
    expect(dotAt(d, MARK_MS / 2)).toMatchObject({ phase: 'end', at: { x: 1100, y: 20 } });
    expect(dotAt(d, MARK_MS).phase).toBe('done');
  });

  it('drops finished dots and keeps at most the newest few hundred', () => {
    const many = Array.from({ length: MAX_DOTS + 50 }, (_, i) => makeDot(i, route('ok'), 1000, 1));
    const live = advanceDots([makeDot(-1, route('ok'), 0, 1)], many, 1000 + 10);
    expect(live.length).toBe(MAX_DOTS);
    expect(live[live.length - 1].id).toBe(MAX_DOTS + 49);
    expect(advanceDots(live, [], 1000 + MAX_TRAVEL_MS + MARK_MS)).toEqual([]);
  });
});
