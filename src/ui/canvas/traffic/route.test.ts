import { describe, expect, it } from 'vitest';
import type { HopRef, RequestTrace } from '../../../engine/network/index';
import type { Stop } from './geometry';
import { droppedBy, outcomeKind, routeOf, type Locator } from './route';

const box = { x: 0, y: 0, w: 10, h: 10 };
/** Every object is drawn, except those named "hidden". */
const locate: Locator = {
  object: (r: HopRef): Stop | undefined =>
    r.name === 'hidden' ? undefined : { id: `${r.kind}:${r.name}`, box, shape: r.kind === 'Pod' ? 'end' : r.kind === 'Node' ? 'edge' : 'card' },
  client: (id) => (id === 9 ? undefined : { id: `client:${id}`, box, shape: 'end' }),
};
const ids = (t: RequestTrace) => routeOf(t, locate)?.stops.map((s) => s.id);
const pod = (name: string): HopRef => ({ kind: 'Pod', namespace: 'default', name });
const svc = (name: string): HopRef => ({ kind: 'Service', namespace: 'default', name });

/** Traces as the engine records them (captured from `traffic` runs on the default cluster). */
const ingressTrace: RequestTrace = {
  id: 86, client: 1, t: 29298, outcome: '200', latencyMs: 1.35, pod: 'default/web-a',
  hops: [
    { kind: 'client', name: 'outside', at: 0 },
    { kind: 'ingress', name: 'ingress-nginx', at: 0.8, ref: { kind: 'Ingress', namespace: 'default', name: 'web' }, note: 'web.local/' },
    { kind: 'service', name: 'default/web', ref: svc('web'), at: 0.8, note: 'endpoints → 10.244.3.3:80' },
    { kind: 'pod', name: 'default/web-a', ref: pod('web-a'), at: 1.35, note: '200' },
  ],
};
const nodePortTrace: RequestTrace = {
  id: 84, client: 2, t: 29198, outcome: '200', latencyMs: 0.75,
  hops: [
    { kind: 'client', name: 'outside', at: 0 },
    { kind: 'node', name: 'worker-1', ref: { kind: 'Node', name: 'worker-1' }, at: 0.3, note: 'NodePort 30080' },
    { kind: 'service', name: 'default/webnp', ref: svc('webnp'), at: 0.4, note: 'worker-1:30080 → 10.244.1.2:80' },
    { kind: 'pod', name: 'default/web-b', ref: pod('web-b'), at: 0.75, note: '200' },
  ],
};
const inClusterTrace: RequestTrace = {
  id: 85, client: 3, t: 29198, outcome: '200', latencyMs: 1.05,
  hops: [
    { kind: 'client', name: 'default/client', ref: pod('client'), at: 0 },
    { kind: 'dns', name: 'kube-dns', ref: { kind: 'Service', namespace: 'kube-system', name: 'kube-dns' }, at: 0.4, note: 'web.default.svc.cluster.local → 10.96.150.135' },
    { kind: 'service', name: 'default/web', ref: svc('web'), at: 0.5, note: '10.96.150.135:80 → 10.244.1.2:80' },
    { kind: 'pod', name: 'default/web-b', ref: pod('web-b'), at: 1.05, note: '200' },
  ],
};

describe('routeOf', () => {
  it('classifies outcomes: answers by status class, everything else a failure', () => {
    expect(['200', '308', '404', '503', 'connection refused', 'NXDOMAIN', 'timeout'].map(outcomeKind)).toEqual(['ok', 'redirect', 'client-error', 'server-error', 'failure', 'failure', 'failure']);
  });

  it('draws an Ingress request passing the Service by its outline (ingress-nginx goes to pod IPs)', () => {
    const r = routeOf(ingressTrace, locate)!;
    expect(r.stops.map((s) => [s.id, s.shape])).toEqual([
      ['client:1', 'end'],
      ['Ingress:web', 'card'],
      ['Service:web~ep', 'outline'],
      ['Pod:web-a', 'end'],
    ]);
    expect(r.kind).toBe('ok');
    expect(r.markAt).toBe(3);
    expect(r.legs).toEqual(['client:1>Ingress:web', 'Ingress:web>Service:web~ep', 'Service:web~ep>Pod:web-a']);
  });

  it('draws a NodePort request through the node, then through the Service (kube-proxy on that node)', () => {
    expect(ids(nodePortTrace)).toEqual(['client:2', 'Node:worker-1', 'Service:webnp', 'Pod:web-b']);
    expect(routeOf(nodePortTrace, locate)!.stops[2].shape).toBe('card');
  });

  it('starts an in-cluster request at its pod and leaves the DNS lookup out', () => {
    expect(ids(inClusterTrace)).toEqual(['Pod:client', 'Service:web', 'Pod:web-b']);
  });

  it('marks NXDOMAIN where the request was: at the client', () => {
    const t: RequestTrace = {
      id: 88, client: 5, t: 1, outcome: 'NXDOMAIN', latencyMs: 1.6,
      hops: [
        { kind: 'client', name: 'default/client', ref: pod('client'), at: 0 },
        { kind: 'dns', name: 'kube-dns', ref: { kind: 'Service', namespace: 'kube-system', name: 'kube-dns' }, at: 1.6, note: 'nope: NXDOMAIN', verdict: 'nxdomain' },
      ],
    };
    const r = routeOf(t, locate)!;
    expect(r.stops.map((s) => s.id)).toEqual(['Pod:client']);
    expect(r).toMatchObject({ kind: 'failure', markAt: 0, outcome: 'NXDOMAIN' });
  });

  it('marks a NetworkPolicy drop at the pod it hit, with the policies named', () => {
    const t: RequestTrace = {
      id: 90, client: 4, t: 1, outcome: 'timeout', latencyMs: 5000,
      hops: [
        { kind: 'client', name: 'default/blocked', ref: pod('blocked'), at: 0 },
        { kind: 'service', name: 'default/web', ref: svc('web'), at: 0.5, note: '10.96.0.20:80 → 10.244.1.2:80' },
        { kind: 'pod', name: 'default/web-b', ref: pod('web-b'), at: 0.6, note: 'dropped by NetworkPolicy web-allow-client, deny (egress of the client)', verdict: 'dropped' },
      ],
    };
    const r = routeOf(t, locate)!;
    expect(r.markAt).toBe(2);
    expect(r.policies).toEqual(['web-allow-client', 'deny']);
    expect(droppedBy('dropped by NetworkPolicy allow-db')).toEqual(['allow-db']);
    expect(droppedBy('nothing listens on 80')).toBeUndefined();
  });

  it('draws only the last of ingress-nginx\'s tries', () => {
    const t: RequestTrace = {
      ...ingressTrace,
      hops: [
        ingressTrace.hops[0],
        ingressTrace.hops[1],
        { kind: 'service', name: 'default/web', ref: svc('web'), at: 0.8, note: 'endpoints → 10.244.1.9:80' },
        { kind: 'pod', name: 'default/web-x', ref: pod('web-x'), at: 1, note: 'nothing listens on 80', verdict: 'refused' },
        { kind: 'service', name: 'default/web', ref: svc('web'), at: 1, note: 'endpoints → 10.244.3.3:80' },
        { kind: 'pod', name: 'default/web-a', ref: pod('web-a'), at: 1.4, note: '200' },
      ],
    };
    const r = routeOf(t, locate)!;
    expect(r.stops.map((s) => s.id)).toEqual(['client:1', 'Ingress:web', 'Service:web~ep', 'Pod:web-a']);
    expect(r.markAt).toBe(3);
  });

  it('ends a request no Ingress matched at the control-plane node, where ingress-nginx listens', () => {
    const t: RequestTrace = { id: 1, client: 6, t: 1, outcome: '404', latencyMs: 1, hops: [{ kind: 'client', name: 'outside', at: 0 }, { kind: 'ingress', name: 'ingress-nginx', at: 0.8, note: 'no rule matches: default backend' }] };
    expect(ids(t)).toEqual(['client:6', 'Node:control-plane']);
    expect(routeOf(t, locate)!.kind).toBe('client-error');
  });

  it('skips objects that are not drawn, and requests whose client is not drawn', () => {
    const t: RequestTrace = { ...inClusterTrace, hops: inClusterTrace.hops.map((h) => (h.kind === 'service' ? { ...h, ref: svc('hidden') } : h)) };
    expect(ids(t)).toEqual(['Pod:client', 'Pod:web-b']);
    expect(routeOf({ ...nodePortTrace, client: 9 }, locate)).toBeUndefined();
  });
});
