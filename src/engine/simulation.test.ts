import { describe, it, expect } from 'vitest';
import { runSimulation, allObjects, QUIET_CAP_MS } from './simulation';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
`;
const files = [{ name: 'web.yaml', text: WEB }];

describe('runSimulation', () => {
  it('applies the files at t=0 and runs until the cluster is quiet', () => {
    const r = runSimulation({ files });
    expect(r.exitCode).toBe(0);
    expect(r.applyOutput).toEqual(['deployment.apps/web created']);
    expect(r.cluster.isQuiet()).toBe(true);
    expect(r.cluster.now()).toBeLessThan(QUIET_CAP_MS);
    expect(r.cluster.api.list('Pod').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  });

  it('runs each --at command at its simulated time, even after the cluster went quiet', () => {
    const r = runSimulation({ files, at: [{ at: 120_000, command: 'kubectl scale deploy/web --replicas=3' }, { at: 5_000, command: 'kubectl get deploy web -o name' }] });
    expect(r.commands).toEqual([
      { time: 5, command: 'kubectl get deploy web -o name', exitCode: 0, output: 'deployment.apps/web\n' },
      { time: 120, command: 'kubectl scale deploy/web --replicas=3', exitCode: 0, output: 'deployment.apps/web scaled\n' },
    ]);
    expect(r.cluster.api.list('Pod')).toHaveLength(3);
  });

  it('stops at --until and reports commands scheduled after it as skipped', () => {
    const r = runSimulation({ files, until: 30_000, at: [{ at: 60_000, command: 'get pods' }] });
    expect(r.cluster.now()).toBe(30_000);
    expect(r.commands).toEqual([]);
    expect(r.skipped).toEqual([{ at: 60_000, command: 'get pods' }]);
  });

  it('applies nothing when the input is invalid and reports positions', () => {
    const r = runSimulation({ files: [{ name: 'bad.yaml', text: WEB.replace('replicas: 2', 'replicas: two') }] });
    expect(r.exitCode).toBe(2);
    expect(r.problems[0]).toMatchObject({ file: 'bad.yaml', line: 5 });
    expect(r.cluster.api.list('Deployment')).toEqual([]);
  });

  it('traces watch events from an initial listing on, interleaved in time order with cluster events', () => {
    const r = runSimulation({ files, trace: true, until: 20_000 });
    const times = r.trace.map((t) => t.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(r.trace.some((t) => t.type === 'EVENT' && t.event.reason === 'ScalingReplicaSet')).toBe(true);
    expect(r.trace.some((t) => t.type !== 'EVENT' && t.object.kind === 'Event')).toBe(false);
    const firstDeployment = r.trace.find((t) => t.type !== 'EVENT' && t.object.kind === 'Deployment');
    expect(firstDeployment).toMatchObject({ time: 0, type: 'ADDED' });
  });

  it('lists every object but events in discovery order, then namespace, then name', () => {
    const r = runSimulation({ files, until: 10_000 });
    const kinds = allObjects(r.cluster).map((o) => o.kind);
    expect(kinds).not.toContain('Event');
    expect(kinds.indexOf('Namespace')).toBeLessThan(kinds.indexOf('Node'));
    expect(kinds.indexOf('Pod')).toBeLessThan(kinds.indexOf('Deployment'));
  });

  it('is deterministic for a seed', () => {
    const a = runSimulation({ files, seed: 7, until: 60_000 });
    const b = runSimulation({ files, seed: 7, until: 60_000 });
    expect(JSON.stringify(allObjects(a.cluster))).toBe(JSON.stringify(allObjects(b.cluster)));
  });
});
