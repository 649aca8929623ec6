import { describe, expect, it } from 'vitest';
import type { ClientStats, TrafficSnapshot } from '../../../engine/network/index';
import { ClientRates, countersOf, formatRate, NO_COUNTERS, outcomeList } from './counters';

const client = (o: Partial<ClientStats> & { id: number }): ClientStats => ({ url: 'http://web.local/', from: null, rps: 10, startedAt: 0, sent: 0, responses: {}, byPod: {}, meanLatencyMs: 1, ...o });
const snap = (now: number, clients: ClientStats[], extra: Partial<TrafficSnapshot> = {}): TrafficSnapshot => ({ now, clients, servedByPod: {}, podRps: {}, edges: [], traces: [], ...extra });

describe('traffic counters', () => {
  it('counts what each pod served for traffic clients: the sum of the clients\' byPod, stopped clients included', () => {
    const c = countersOf(
      snap(5000, [
        client({ id: 1, byPod: { 'default/a': 10, 'default/b': 7 } }),
        client({ id: 2, stoppedAt: 3000, byPod: { 'default/a': 5 } }),
        client({ id: 3, from: 'default/client', byPod: { 'default/b': 1 } }),
      ], { servedByPod: { 'default/a': 16, 'default/b': 8 } }),
      new ClientRates(),
    );
    // One request from `kubectl exec curl` counted by the engine is not a traffic client's.
    expect(c.served).toEqual({ 'default/a': 15, 'default/b': 8 });
    expect(c.podClients).toEqual({ 'default/client': [3] });
    expect(c.active).toBe(true);
  });

  it('has nothing to show before any client started', () => {
    expect(countersOf(undefined, new ClientRates())).toBe(NO_COUNTERS);
    expect(countersOf(snap(0, []), new ClientRates())).toBe(NO_COUNTERS);
  });

  it('measures a client\'s rate over the last simulated second from what it sent', () => {
    const r = new ClientRates();
    expect(r.update(1000, [client({ id: 1, sent: 0 })])[1]).toBe(0);
    // One 100 ms batch more than a second's worth in a window of 1.01 s is still the client's 10 a second.
    const q = new ClientRates();
    q.update(45_095, [client({ id: 1, sent: 50 })]);
    expect(q.update(46_105, [client({ id: 1, sent: 61 })])[1]).toBe(10);
    // Far from its own rate (its pod was not running part of the time), the measurement shows.
    const h = new ClientRates();
    h.update(45_095, [client({ id: 1, sent: 50, rps: 20 })]);
    expect(h.update(46_105, [client({ id: 1, sent: 61, rps: 20 })])[1]).toBe(10.89);
    expect(r.update(1500, [client({ id: 1, sent: 5 })])[1]).toBe(10);
    expect(r.update(2000, [client({ id: 1, sent: 10 })])[1]).toBe(10);
    // Its pod stopped running: nothing more is sent, and the rate falls over the next second.
    r.update(2500, [client({ id: 1, sent: 10 })]);
    expect(r.update(3000, [client({ id: 1, sent: 10 })])[1]).toBe(0);
    // Unchanged time (paused): the last rate stays.
    expect(r.update(3000, [client({ id: 1, sent: 10 })])[1]).toBe(0);
  });

  it('formats rates as people read them and lists outcomes most frequent first', () => {
    expect([12.4, 3.33, 0.5, 0].map(formatRate)).toEqual(['12', '3.3', '0.5', '0']);
    expect(outcomeList(client({ id: 1, responses: { '503': 2, '200': 40, timeout: 2 } })).map((o) => o.outcome)).toEqual(['200', '503', 'timeout']);
  });
});
