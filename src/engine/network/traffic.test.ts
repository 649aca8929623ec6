import { describe, it, expect } from 'vitest';
import { clientPod, network, testCluster, web } from './testing';
import { TRACE_CAPACITY } from './traffic';

describe('traffic clients', () => {
  it('sends the requested rate and spreads it over the ready pods', () => {
    const tc = testCluster().apply(web('web', 3, 'type: NodePort\nports: [{port: 80, nodePort: 30080}]')).settle();
    const t = network(tc).traffic;
    t.start('http://worker-1:30080/', 30);
    tc.advance('20s');
    const [c] = t.list();
    expect(c.sent).toBe(600);
    expect(c.responses).toEqual({ 200: 600 });
    const counts = Object.values(c.byPod);
    expect(counts).toHaveLength(3);
    for (const n of counts) expect(Math.abs(n - 200)).toBeLessThan(5 * Math.sqrt(600 * (1 / 3) * (2 / 3)));
    tc.expectNoInternalErrors();
  });

  it('never reaches a pod that is not ready, and stops reaching one whose readiness fails', () => {
    const gated = (name: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: web}}
spec:
  containers:
  - name: nginx
    image: nginx
    readinessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 1}
`;
    const tc = testCluster()
      .apply(gated('a'))
      .apply(gated('b'))
      .apply(gated('c'))
      .apply(clientPod())
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n`)
      .settle('20s');
    const nodes = tc.cluster.controlPlane.nodes;
    nodes.exec('default', 'a', undefined, ['touch', '/tmp/ready']);
    nodes.exec('default', 'b', undefined, ['touch', '/tmp/ready']);
    tc.advance('3s');
    const t = network(tc).traffic;
    t.start('http://web', 50, { namespace: 'default', name: 'client' });
    tc.advance('10s');
    const mid = t.list()[0].byPod;
    expect(Object.keys(mid).sort()).toEqual(['default/a', 'default/b']);
    nodes.exec('default', 'b', undefined, ['rm', '/tmp/ready']);
    tc.advance('5s');
    const before = t.list()[0].byPod['default/b'];
    tc.advance('10s');
    const after = t.list()[0];
    expect(after.byPod['default/b']).toBe(before);
    expect(after.byPod['default/c']).toBeUndefined();
    expect(after.responses).toEqual({ 200: after.sent });
  });

  it('shifts to the new pods during a rolling update; a preStop pause avoids the refused connections', () => {
    const rollout = (preStop: boolean) => {
      const tc = testCluster().apply(web('web', 3, 'ports: [{port: 80}]')).apply(clientPod()).settle();
      if (preStop) {
        tc.api.patch('Deployment', 'default', 'web', (d: any) => void (d.spec.template.spec.containers[0].lifecycle = { preStop: { exec: { command: ['sleep', '5'] } } }));
        tc.settle();
      }
      const t = network(tc).traffic;
      t.start('http://web.default.svc.cluster.local', 50, { namespace: 'default', name: 'client' });
      tc.advance('5s');
      const oldPods = Object.keys(t.list()[0].byPod);
      tc.api.patch('Deployment', 'default', 'web', (d: any) => void (d.spec.template.spec.containers[0].image = 'nginx:1.28'));
      tc.advance('90s');
      const before = t.list()[0];
      tc.advance('10s');
      const after = t.list()[0];
      const recent = Object.keys(after.byPod).filter((p) => after.byPod[p] !== before.byPod[p]);
      expect(recent).toHaveLength(3);
      for (const p of recent) expect(oldPods).not.toContain(p);
      return after.responses;
    };
    // nginx stops listening at once on SIGQUIT, before every kube-proxy has dropped the pod.
    const plain = rollout(false);
    expect(plain['connection refused']).toBeGreaterThan(0);
    expect(Object.keys(rollout(true))).toEqual(['200']);
  });

  it('stops on `stop`, and a client whose pod is gone stops on its own', () => {
    const tc = testCluster().apply(web('web', 1, 'ports: [{port: 80}]')).apply(clientPod()).settle();
    const t = network(tc).traffic;
    t.start('http://web', 10, { namespace: 'default', name: 'client' });
    const outside = t.start('http://web', 10);
    tc.advance('2s');
    expect(t.stop(outside.id)).toBe(1);
    tc.advance('2s');
    expect(t.list()[1]).toMatchObject({ sent: 20, responses: { NXDOMAIN: 20 }, stoppedAt: 2000 + t.list()[1].startedAt });
    tc.api.delete('Pod', 'default', 'client', { gracePeriodSeconds: 0 });
    tc.advance('1s');
    expect(t.list()[0].stopReason).toBe('pod default/client is gone');
    expect(t.running()).toBe(false);
  });

  it('feeds each pod its request rate as CPU (the HPA walkthrough php-apache)', () => {
    const tc = testCluster()
      .apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: php-apache}
spec:
  selector: {matchLabels: {run: php-apache}}
  template:
    metadata: {labels: {run: php-apache}}
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports: [{containerPort: 80}]
        resources: {limits: {cpu: 500m}, requests: {cpu: 200m}}
---
apiVersion: v1
kind: Service
metadata: {name: php-apache}
spec: {ports: [{port: 80}], selector: {run: php-apache}}
`)
      .apply(clientPod('load-generator'))
      .settle();
    const pod = tc.pods({ selector: 'run=php-apache' })[0].metadata.name!;
    const idle = tc.cluster.controlPlane.nodes.podMetrics('default', pod)!.containers[0].cpuMilli;
    network(tc).traffic.start('http://php-apache', 10, { namespace: 'default', name: 'load-generator' });
    tc.advance('5s');
    const busy = tc.cluster.controlPlane.nodes.podMetrics('default', pod)!.containers[0].cpuMilli;
    expect(idle).toBeLessThan(10);
    expect(busy).toBeGreaterThan(150);
    expect(network(tc).snapshot().podRps[`default/${pod}`]).toBeCloseTo(10, 0);
  });

  it('exposes edge rates and a bounded ring of sampled traces for the canvas', () => {
    const tc = testCluster().apply(web('web', 2, 'type: NodePort\nports: [{port: 80, nodePort: 30080}]')).settle();
    const net = network(tc);
    net.traffic.start('http://worker-2:30080/', 40);
    tc.advance('60s');
    const snap = net.snapshot();
    expect(snap.traces).toHaveLength(TRACE_CAPACITY);
    const last = snap.traces[snap.traces.length - 1];
    expect(last.t).toBeLessThanOrEqual(snap.now);
    expect(last.hops.map((h) => h.kind)).toEqual(['client', 'node', 'service', 'pod']);
    expect(last.hops.map((h) => h.at)).toEqual([...last.hops.map((h) => h.at)].sort((a, b) => a - b));
    const edges = Object.fromEntries(snap.edges.map((e) => [`${e.from.kind}>${e.to.kind}:${e.to.name}`, e.rps]));
    expect(edges['Outside>Node:worker-2']).toBeCloseTo(40, 0);
    expect(edges['Node>Service:web']).toBeCloseTo(40, 0);
    expect(Object.values(snap.servedByPod).reduce((a, b) => a + b, 0)).toBe(2400);
  });

  it('tells the same story for the same seed', () => {
    const run = () => {
      const tc = testCluster({ seed: 5 }).apply(web('web', 3, 'type: NodePort\nports: [{port: 80, nodePort: 30080}]')).settle();
      network(tc).traffic.start('http://worker-3:30080/', 25);
      tc.advance('8s');
      return JSON.stringify(network(tc).snapshot());
    };
    expect(run()).toBe(run());
  });
});
