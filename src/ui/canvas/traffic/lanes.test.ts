import { describe, expect, it } from 'vitest';
import type { EdgeRate, HopRef, RequestTrace, TrafficSnapshot } from '../../../engine/network/index';
import type { Stop } from './geometry';
import { buildLanes, LABEL_H, placeLabels } from './lanes';
import type { Locator } from './route';

/** Objects in columns, as the canvas lays them out: pods left, Services, Ingresses, clients right. */
const X: Record<string, number> = { Pod: 0, Node: 0, Service: 700, Ingress: 1000, client: 1300 };
const boxOf = (kind: string, i: number) => ({ x: X[kind], y: i * 120, w: 200, h: 80 });
const order = new Map<string, number>();
const idx = (k: string) => order.get(k) ?? (order.set(k, order.size), order.size - 1);
const locate: Locator = {
  object: (r: HopRef): Stop | undefined => (r.name === 'kube-dns' ? undefined : { id: `${r.kind}:${r.name}`, box: boxOf(r.kind, idx(r.name)), shape: r.kind === 'Pod' ? 'end' : 'card' }),
  client: (id) => ({ id: `client:${id}`, box: boxOf('client', id), shape: 'end' }),
};
const ref = (kind: string, name: string): HopRef => ({ kind, namespace: 'default', name });
const edge = (from: EdgeRate['from'], to: HopRef, rps: number): EdgeRate => ({ from, to, rps });
const outside = { kind: 'Outside' as const, name: 'outside' as const };
const dns = { kind: 'Service', namespace: 'kube-system', name: 'kube-dns' };

function traffic(edges: EdgeRate[], traces: RequestTrace[], clients: { id: number; from: string | null }[]): TrafficSnapshot {
  return {
    now: 10_000,
    clients: clients.map((c) => ({ ...c, url: 'http://x/', rps: 10, startedAt: 0, sent: 100, responses: {}, byPod: {}, meanLatencyMs: 1 })),
    servedByPod: {},
    podRps: {},
    edges,
    traces,
  };
}
const ingressTrace: RequestTrace = {
  id: 1, client: 1, t: 9900, outcome: '200', latencyMs: 1,
  hops: [
    { kind: 'client', name: 'outside', at: 0 },
    { kind: 'ingress', name: 'ingress-nginx', ref: ref('Ingress', 'web'), at: 1 },
    { kind: 'service', name: 'default/web', ref: ref('Service', 'web'), at: 1 },
    { kind: 'pod', name: 'default/a', ref: ref('Pod', 'a'), at: 2 },
  ],
};
const podTrace: RequestTrace = {
  id: 2, client: 2, t: 9900, outcome: '200', latencyMs: 1,
  hops: [
    { kind: 'client', name: 'default/client', ref: ref('Pod', 'client'), at: 0 },
    { kind: 'dns', name: 'kube-dns', ref: dns, at: 0.5 },
    { kind: 'service', name: 'default/web', ref: ref('Service', 'web'), at: 1 },
    { kind: 'pod', name: 'default/b', ref: ref('Pod', 'b'), at: 2 },
  ],
};
const opts = { aggregatePods: false, podNode: () => undefined };
const byKey = (lanes: ReturnType<typeof buildLanes>) => Object.fromEntries(lanes.map((l) => [l.key, { rps: l.rps, via: l.via, labelled: !!l.label }]));

describe('buildLanes', () => {
  it('draws Ingress traffic to the pods from the Service\'s outline, with the engine\'s rates and the client\'s own', () => {
    const t = traffic([edge(outside, ref('Ingress', 'web'), 10), edge(ref('Ingress', 'web'), ref('Service', 'web'), 10), edge(ref('Service', 'web'), ref('Pod', 'a'), 6), edge(ref('Service', 'web'), ref('Pod', 'b'), 4)], [ingressTrace], [{ id: 1, from: null }]);
    expect(byKey(buildLanes(t, locate, { 1: 9.5 }, opts))).toEqual({
      'client:1>Ingress:web': { rps: 9.5, via: 'client', labelled: true },
      'Ingress:web>Service:web~ep': { rps: 10, via: 'endpoints', labelled: true },
      'Service:web~ep>Pod:a': { rps: 6, via: 'endpoints', labelled: true },
      'Service:web~ep>Pod:b': { rps: 4, via: 'endpoints', labelled: true },
    });
  });

  it('leaves DNS lookups out, starts an in-cluster client\'s lane at its pod, and labels shared Service → pod rates once', () => {
    const t = traffic(
      [
        edge(ref('Ingress', 'web'), ref('Service', 'web'), 10),
        edge(ref('Pod', 'client'), dns, 5),
        edge(dns, ref('Service', 'web'), 5),
        edge(ref('Service', 'web'), ref('Pod', 'a'), 15),
      ],
      [ingressTrace, podTrace],
      [{ id: 1, from: null }, { id: 2, from: 'default/client' }],
    );
    const lanes = byKey(buildLanes(t, locate, { 1: 10, 2: 5 }, opts));
    expect(lanes['Pod:client>Service:web']).toEqual({ rps: 5, via: 'client', labelled: true });
    expect(lanes['Service:web>Pod:a']).toEqual({ rps: 15, via: 'proxy', labelled: true });
    expect(lanes['Service:web~ep>Pod:a']).toEqual({ rps: 15, via: 'endpoints', labelled: false });
    expect(Object.keys(lanes).some((k) => k.includes('dns'))).toBe(false);
  });

  it('sums lanes to the pods of one node when pods are drawn by node', () => {
    const node: Stop = { id: 'node:w1', box: { x: 0, y: 0, w: 600, h: 200 }, shape: 'edge' };
    const t = traffic([edge(ref('Node', 'w1'), ref('Service', 'np'), 8), edge(ref('Service', 'np'), ref('Pod', 'a'), 5), edge(ref('Service', 'np'), ref('Pod', 'b'), 3)], [], [{ id: 1, from: null }]);
    const lanes = byKey(buildLanes(t, locate, {}, { aggregatePods: true, podNode: () => node }));
    expect(lanes['Service:np>node:w1']).toEqual({ rps: 8, via: 'proxy', labelled: true });
  });

  it('has no lanes without traffic', () => {
    expect(buildLanes(undefined, locate, {}, opts)).toEqual([]);
  });
});

describe('placeLabels', () => {
  const lane = (y: number) => ({ points: [{ x: 0, y }, { x: 400, y }], width: 60 });

  it('puts a label in the middle of its lane when that is free', () => {
    expect(placeLabels([lane(0)], [], 10)).toEqual([{ x: 200, y: 0 }]);
  });

  it('moves a label along its lane to clear another label or a card, and leaves it out when nowhere is free', () => {
    const [a, b] = placeLabels([lane(0), lane(5)], [], 10);
    expect(a).toEqual({ x: 200, y: 0 });
    expect(Math.abs(b!.x - 200)).toBeGreaterThanOrEqual(60);
    const blocked = placeLabels([lane(0)], [{ x: -10, y: -LABEL_H, w: 500, h: 2 * LABEL_H }], 10);
    expect(blocked).toEqual([undefined]);
  });

  it('draws at most the given number of labels', () => {
    expect(placeLabels([lane(0), lane(100), lane(200)], [], 2).filter(Boolean)).toHaveLength(2);
  });
});
