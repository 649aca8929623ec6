import { describe, expect, it } from 'vitest';
import { SimulationDriver } from '../../../store/driver';
import { takeSnapshot } from '../../../store/snapshot';
import { INITIAL_CANVAS, snapshotToFlow } from '../model/canvasFlow';
import { ClientRates, countersOf } from './counters';
import { buildLanes, latestRoutes } from './lanes';
import { makeLocator } from './locate';

/** A Deployment behind a Service, an Ingress and a NodePort, as a learner would write them. */
const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 20, periodSeconds: 2}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, nodePort: 30080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: web.local
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;

function cluster() {
  const d = new SimulationDriver({ seed: 1, workers: 3 });
  d.apply(APP);
  d.skipUntilQuiet();
  d.run('traffic http://web.local/ 10');
  d.run('traffic http://worker-1:30080 4');
  d.advance(2000);
  return d;
}

describe('traffic on the canvas, from a real cluster', () => {
  it('draws each client\'s requests through objects that are on the canvas, and Ingress traffic around the Service', () => {
    const d = cluster();
    const snap = takeSnapshot(d.cluster, d.version);
    const frame = snapshotToFlow(snap, INITIAL_CANVAS);
    const ids = new Set(frame.nodes.map((n) => n.id));
    const routes = latestRoutes(snap.traffic!, makeLocator(frame));
    expect([...routes.keys()].sort()).toEqual([1, 2]);
    for (const r of routes.values()) for (const s of r.stops) expect(ids.has(s.id.replace(/~ep$/, ''))).toBe(true);
    const ingress = routes.get(1)!;
    expect(ingress.stops.map((s) => s.id.split(':')[0] + (s.shape === 'outline' ? '~outline' : ''))).toEqual(['client', 'ing', 'svc~outline', 'pod']);
    const nodePort = routes.get(2)!;
    expect(nodePort.stops.map((s) => s.id.split(':')[0])).toEqual(['client', 'node', 'svc', 'pod']);
    expect(frame.nodes.filter((n) => n.type === 'client').map((n) => n.data)).toEqual([
      { id: 1, url: 'http://web.local/', rps: 10 },
      { id: 2, url: 'http://worker-1:30080', rps: 4 },
    ]);
  });

  it('labels the lanes with the last second\'s rates, which add up to what the clients send', () => {
    const d = cluster();
    const snap = takeSnapshot(d.cluster, d.version);
    const frame = snapshotToFlow(snap, INITIAL_CANVAS);
    const counters = countersOf(snap.traffic, new ClientRates());
    const lanes = buildLanes(snap.traffic, makeLocator(frame), { 1: 10, 2: 4 }, { aggregatePods: false, podNode: () => undefined });
    // Each Service → pod rate once (a Service reached both ways has two lanes with one rate).
    const toPods = new Map(lanes.filter((l) => l.to.id.startsWith('pod:')).map((l) => [`${l.from.id.replace(/~ep$/, '')}>${l.to.id}`, l.rps]));
    expect([...toPods.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(14, 0);
    expect(lanes.find((l) => l.from.id.startsWith('client:1'))?.rps).toBe(10);
    expect(Object.values(counters.served).reduce((a, b) => a + b, 0)).toBe(snap.traffic!.clients.reduce((n, c) => n + c.sent, 0));
  });

  it('stops counting for a pod that is no longer ready, while the others keep serving', () => {
    const d = cluster();
    const served = () => countersOf(takeSnapshot(d.cluster, d.version).traffic, new ClientRates()).served;
    const victim = Object.keys(served())[0];
    d.run(`chaos kill ${victim.split('/')[1]}`);
    d.advance(2000);
    const before = served();
    d.advance(10_000);
    const after = served();
    expect(after[victim]).toBe(before[victim]);
    for (const pod of Object.keys(after)) if (pod !== victim) expect(after[pod]).toBeGreaterThan(before[pod]);
  });
});
