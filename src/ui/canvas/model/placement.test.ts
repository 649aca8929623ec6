import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../engine/api/object';
import type { TrafficSnapshot } from '../../../engine/network/index';
import { buildClusterModel } from './clusterModel';
import { cluster, pod, service, snapshot } from './fixtures.test-util';
import { placeCluster } from './placement';
import { updateSlots, EMPTY_SLOTS } from './slots';

const ingress: KObject = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default', uid: 'ing-web' }, spec: { rules: [{ host: 'web.local' }] } };
const traffic = (clients: { id: number; from: string | null; stoppedAt?: number }[]): TrafficSnapshot => ({
  now: 0,
  clients: clients.map((c) => ({ url: `http://c${c.id}/`, rps: 5, startedAt: 0, sent: 0, responses: {}, byPod: {}, meanLatencyMs: 0, ...c })),
  servedByPod: {},
  podRps: {},
  edges: [],
  traces: [],
});

describe('placeCluster', () => {
  it('starts the Service column right of the waiting area in the heat map', () => {
    const m = buildClusterModel(snapshot([...cluster(2), pod('a'), service('web', { app: 'web' })]));
    const p = placeCluster(m, updateSlots(m, EMPTY_SLOTS), 'heat');
    const svc = [...p.services.values()][0];
    expect(svc.x).toBeGreaterThan(p.unscheduled.x + p.unscheduled.w);
  });

  it('puts the running outside traffic clients under the Ingresses, at the right edge', () => {
    const snap = { ...snapshot([...cluster(2), service('web', { app: 'web' }), ingress]), traffic: traffic([{ id: 1, from: null }, { id: 2, from: 'default/client' }, { id: 3, from: null, stoppedAt: 5 }, { id: 4, from: null }]) };
    const m = buildClusterModel(snap);
    expect(m.clients.map((c) => c.id)).toEqual([1, 4]);
    const p = placeCluster(m, updateSlots(m, EMPTY_SLOTS), 'detailed');
    const ing = p.ingresses.get('ing-web')!;
    const [c1, c4] = [p.clients.get(1)!, p.clients.get(4)!];
    expect(c1.x).toBe(ing.x);
    expect(c1.y).toBeGreaterThan(ing.y + ing.h);
    expect(c4.y).toBeGreaterThan(c1.y + c1.h);
    const rightmost = Math.max(...[...p.services.values(), ...p.nodes.values()].map((b) => b.x + b.w));
    expect(c1.x).toBeGreaterThan(rightmost);
  });
});
