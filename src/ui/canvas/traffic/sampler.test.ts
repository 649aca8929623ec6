import { describe, expect, it } from 'vitest';
import type { RequestTrace } from '../../../engine/network/index';
import { DOTS_PER_LEG_PER_SECOND, DotSampler } from './sampler';

interface R {
  client: number;
  legs: string[];
}

/** Traces as the traffic engine records them: one per client per 100 ms of simulated time. */
function tracesBetween(from: number, to: number, clients: number, firstId: number): RequestTrace[] {
  const out: RequestTrace[] = [];
  let id = firstId;
  for (let t = from; t < to; t += 100) for (let c = 1; c <= clients; c++) out.push({ id: id++, client: c, t, hops: [], outcome: '200', latencyMs: 1 });
  return out;
}
/** Every client's requests share the Ingress → Service leg; each also has its own leg to one of 3 pods. */
const route = (t: RequestTrace): R => ({ client: t.client, legs: [`client:${t.client}>ing`, 'ing>svc', `svc>pod-${t.id % 3}`] });

/** Plays `wallSeconds` at 60 frames a second and `speed`, returning the spawned dots. */
function play(speed: number, clients: number, wallSeconds: number) {
  const s = new DotSampler<R>();
  const spawns: { wall: number; legs: string[] }[] = [];
  let sim = 10_000;
  let id = 1;
  let ring: RequestTrace[] = [];
  for (let f = 0; f < wallSeconds * 60; f++) {
    const wall = f * (1000 / 60);
    const next = sim + (1000 / 60) * speed;
    const fresh = tracesBetween(Math.ceil(sim / 100) * 100, next, clients, id);
    id += fresh.length;
    ring = [...ring, ...fresh].slice(-256);
    sim = next;
    for (const sp of s.take({ traces: ring, simNow: sim, wallNow: wall, speed, frameMs: 1000 / 60 }, route)) spawns.push({ wall: sp.wallStart, legs: sp.route.legs });
  }
  return spawns;
}

describe('DotSampler', () => {
  it('draws every request when there are few (one client at 1×: 10 a second)', () => {
    const spawns = play(1, 1, 3);
    // 10 traces a second for 3 s; the shared leg allows 3 a second plus a burst of 3.
    expect(spawns.length).toBeGreaterThanOrEqual(3 * DOTS_PER_LEG_PER_SECOND);
  });

  it('keeps every leg to a few dots per wall second, however fast the clock runs', () => {
    for (const speed of [1, 8, 64]) {
      const spawns = play(speed, 5, 6);
      const perLegSecond = new Map<string, number>();
      for (const sp of spawns) for (const leg of sp.legs) {
        const k = `${leg}@${Math.floor(sp.wall / 1000)}`;
        perLegSecond.set(k, (perLegSecond.get(k) ?? 0) + 1);
      }
      // A burst of one second's worth plus the refill: never more than twice the rate in one second.
      expect(Math.max(...perLegSecond.values())).toBeLessThanOrEqual(2 * DOTS_PER_LEG_PER_SECOND);
      // And it does not starve: the shared leg runs near its rate over the whole run.
      expect(spawns.filter((sp) => sp.legs.includes('ing>svc')).length).toBeGreaterThanOrEqual(5 * DOTS_PER_LEG_PER_SECOND);
    }
  });

  it('spreads the dots of one frame over that frame, as their requests were spread over simulated time', () => {
    const s = new DotSampler<R>(100, 100);
    const traces = tracesBetween(0, 1000, 1, 1);
    const spawns = s.take({ traces, simNow: 1000, wallNow: 5000, speed: 64, frameMs: 16 }, route);
    expect(spawns.length).toBeGreaterThan(5);
    for (const sp of spawns) expect(sp.wallStart).toBeGreaterThanOrEqual(5000 - 16);
    expect(new Set(spawns.map((sp) => sp.wallStart)).size).toBeGreaterThan(1);
  });

  it('takes each trace once, and none from before a jump in time', () => {
    const s = new DotSampler<R>(100, 100);
    const traces = tracesBetween(0, 500, 1, 1);
    expect(s.take({ traces, simNow: 500, wallNow: 0, speed: 1, frameMs: 16 }, route).length).toBeGreaterThan(0);
    expect(s.take({ traces, simNow: 500, wallNow: 16, speed: 1, frameMs: 16 }, route)).toEqual([]);
    const later = tracesBetween(600, 700, 1, 100);
    expect(s.take({ traces: later, simNow: 600_000, wallNow: 32, speed: 1, frameMs: 16 }, route)).toEqual([]);
  });

  it('starts over when the ids do (a new cluster)', () => {
    const s = new DotSampler<R>(100, 100);
    s.take({ traces: tracesBetween(0, 300, 1, 50), simNow: 300, wallNow: 0, speed: 1, frameMs: 16 }, route);
    expect(s.take({ traces: tracesBetween(0, 100, 1, 1), simNow: 100, wallNow: 16, speed: 1, frameMs: 16 }, route).length).toBe(1);
  });
});
