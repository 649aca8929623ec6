import { describe, it, expect } from 'vitest';
import { addNode, nodeOf, podYaml, schedulerCluster, schedulerOf, setNodeStatus } from './testing';

const CONTROL_PLANE_TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('binding', () => {
  it('binds a pod and records Scheduled from default-scheduler', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('web', { cpu: '250m' })).advance('1s');
    const node = nodeOf(tc, 'web');
    expect(node).toMatch(/^worker-\d$/);
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'web')!;
    expect(ev.message).toBe(`Successfully assigned default/web to ${node}`);
    expect(ev.source.component).toBe('default-scheduler');
    expect(ev.type).toBe('Normal');
    const cond = tc.get('Pod', 'web')!.status.conditions.find((c: any) => c.type === 'PodScheduled');
    expect(cond.status).toBe('True');
    tc.expectNoInternalErrors();
  });

  it('keeps pods off the tainted control-plane node', () => {
    const tc = schedulerCluster();
    for (let i = 0; i < 12; i++) tc.apply(podYaml(`p${i}`));
    tc.advance('1s');
    for (let i = 0; i < 12; i++) expect(nodeOf(tc, `p${i}`)).not.toBe('control-plane');
  });

  it('lets a pod that tolerates the control-plane taint land there', () => {
    const tc = schedulerCluster({ workers: 0 });
    tc.apply(podYaml('admin', { spec: '  tolerations:\n  - key: node-role.kubernetes.io/control-plane\n    operator: Exists\n    effect: NoSchedule' })).advance('1s');
    expect(nodeOf(tc, 'admin')).toBe('control-plane');
  });

  it('ignores pods for another scheduler', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('other', { spec: '  schedulerName: my-scheduler' })).advance('5s');
    expect(nodeOf(tc, 'other')).toBe('');
    expect(tc.eventsFor('other')).toEqual([]);
  });
});

describe('FailedScheduling', () => {
  it('explains the issue example: control-plane taint and insufficient cpu, then the preemption summary', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('huge', { cpu: '3' }));
    for (let i = 1; i <= 3; i++) tc.apply(podYaml(`filler-${i}`, { cpu: '2' }));
    tc.advance('1s');
    tc.apply(podYaml('late', { cpu: '2500m' })).advance('1s');
    const msg =
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. ` +
      'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'late')!;
    expect(ev.message).toBe(msg);
    expect(ev.type).toBe('Warning');
    const cond = tc.get('Pod', 'late')!.status.conditions.find((c: any) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
  });

  it('calls a request bigger than any node unresolvable, so preemption is not helpful anywhere', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('giant', { cpu: '64' })).advance('1s');
    expect(tc.eventMessages('FailedScheduling')).toContain(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it('lists both cpu and memory when both are short, counted per node', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('greedy', { cpu: '5', memory: '10Gi' })).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it('reports a node selector nobody matches', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('picky', { spec: '  nodeSelector:\n    disktype: ssd' })).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it('says no nodes are available when the cluster has none', () => {
    const tc = schedulerCluster({ workers: 0 });
    tc.api.delete('Node', undefined, 'control-plane');
    tc.apply(podYaml('alone')).advance('1s');
    expect(tc.eventMessages('FailedScheduling')).toEqual(['no nodes available to schedule pods']);
    addNode(tc, 'late-node');
    tc.advance('2s');
    expect(nodeOf(tc, 'alone')).toBe('late-node');
  });

  it('re-emits FailedScheduling on each attempt, aggregated into one Event per message with a count', () => {
    const tc = schedulerCluster();
    for (let i = 1; i <= 3; i++) tc.apply(podYaml(`f${i}`, { cpu: '1' }));
    tc.advance('1s');
    tc.apply(podYaml('stuck', { cpu: '3500m' }));
    // Parked pods are retried once they have waited 5 minutes (checked every 30 s): ~1 s, ~5.5 min, ~11 min.
    tc.advance('12m');
    const attempts = tc.cluster.recorder.log.filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'stuck');
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    const stored = tc.api.list('Event').filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'stuck');
    expect(stored.length).toBeLessThan(attempts.length);
    expect(stored.reduce((n, e) => n + e.count, 0)).toBe(attempts.length);
  });
});

describe('requeueing', () => {
  it('schedules a pending pod when a node is added', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('waiting', { spec: '  nodeSelector:\n    pool: gpu' })).advance('1s');
    expect(nodeOf(tc, 'waiting')).toBe('');
    addNode(tc, 'gpu-1', { labels: { pool: 'gpu' } });
    tc.advance('2s');
    expect(nodeOf(tc, 'waiting')).toBe('gpu-1');
  });

  it('schedules a pending pod when another pod frees resources', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.apply(podYaml('first', { cpu: '3' })).advance('1s');
    tc.apply(podYaml('second', { cpu: '3' })).advance('1s');
    expect(nodeOf(tc, 'second')).toBe('');
    tc.api.delete('Pod', 'default', 'first', { gracePeriodSeconds: 0 });
    tc.advance('2s');
    expect(nodeOf(tc, 'second')).toBe('worker-1');
  });

  it('schedules a pending pod when a node grows its allocatable', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.apply(podYaml('big', { cpu: '6' })).advance('1s');
    setNodeStatus(tc, 'worker-1', { cpu: '8' });
    tc.advance('2s');
    expect(nodeOf(tc, 'big')).toBe('worker-1');
  });

  it('does not retry a pod for unrelated events (queueing hints)', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('picky', { spec: '  nodeSelector:\n    pool: gpu' })).advance('1s');
    tc.apply(podYaml('other')).advance('5s');
    expect(tc.eventMessages('FailedScheduling')).toHaveLength(1);
  });

  it('lets the cluster go quiet while a pod waits, and retries it every 5 minutes', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('picky', { spec: '  nodeSelector:\n    pool: gpu' }));
    tc.settle('1h');
    expect(tc.cluster.isQuiet()).toBe(true);
    expect(tc.now).toBeLessThan(60_000);
    tc.advance('12m');
    expect(tc.cluster.recorder.log.filter((e) => e.reason === 'FailedScheduling').length).toBeGreaterThanOrEqual(3);
  });

  it('honours cordon: unschedulable nodes take no new pods until uncordoned', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => void (d.spec.unschedulable = true));
    tc.apply(podYaml('web')).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      `0/2 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.`,
    );
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => void delete d.spec.unschedulable);
    // The retry may wait out the pod's back-off (2 s after a second failure).
    tc.advance('5s');
    expect(nodeOf(tc, 'web')).toBe('worker-1');
  });

  it('schedules once a taint is removed', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => void (d.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]));
    tc.apply(podYaml('app')).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toContain('1 node(s) had untolerated taint {dedicated: db}');
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => void (d.spec.taints = []));
    tc.advance('2s');
    expect(nodeOf(tc, 'app')).toBe('worker-1');
  });
});

describe('scheduling gates', () => {
  it('holds a gated pod with PodScheduled=False SchedulingGated, and schedules it once the gates are gone', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('gated', { spec: '  schedulingGates:\n  - name: example.com/foo' })).advance('5s');
    expect(nodeOf(tc, 'gated')).toBe('');
    const cond = tc.get('Pod', 'gated')!.status.conditions.find((c: any) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' });
    expect(tc.eventMessages('FailedScheduling')).toEqual([]);
    tc.api.patch('Pod', 'default', 'gated', (d: any) => void (d.spec.schedulingGates = []));
    tc.advance('1s');
    expect(nodeOf(tc, 'gated')).toMatch(/^worker-/);
  });
});

describe('lastDecision', () => {
  it('records per-node verdicts and weighted scores for a scheduled pod', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('web', { cpu: '500m' })).advance('1s');
    const d = schedulerOf(tc).lastDecision('default', 'web')!;
    expect(d.outcome).toBe('Scheduled');
    expect(d.node).toBe(nodeOf(tc, 'web'));
    expect(d.nodesEvaluated).toBe(4);
    const cp = d.perNode.find((v) => v.node === 'control-plane')!;
    expect(cp.filter).toBe(CONTROL_PLANE_TAINT);
    const chosen = d.perNode.find((v) => v.node === d.node)!;
    expect(chosen.filter).toBe('passed');
    expect(chosen.scores).toMatchObject({ TaintToleration: 300, NodeResourcesFit: expect.any(Number), NodeResourcesBalancedAllocation: expect.any(Number) });
    const totals = d.perNode.filter((v) => v.total !== undefined).map((v) => v.total!);
    expect(chosen.total).toBe(Math.max(...totals));
  });

  it('records why a pod is pending', () => {
    const tc = schedulerCluster();
    tc.apply(podYaml('huge', { cpu: '10' })).advance('1s');
    const d = schedulerOf(tc).lastDecision('default', 'huge')!;
    expect(d.outcome).toBe('Unschedulable');
    expect(d.message).toBe(tc.eventMessages('FailedScheduling')[0]);
    expect(d.perNode.map((v) => v.filter).sort()).toEqual([CONTROL_PLANE_TAINT, 'Insufficient cpu', 'Insufficient cpu', 'Insufficient cpu'].sort());
  });
});

describe('determinism', () => {
  it('places the same pods on the same nodes for the same seed', () => {
    const run = (seed: number) => {
      const tc = schedulerCluster({ seed, workers: 5 });
      for (let i = 0; i < 20; i++) tc.apply(podYaml(`p${i}`, { cpu: '100m' }));
      tc.advance('2s');
      return Array.from({ length: 20 }, (_, i) => nodeOf(tc, `p${i}`));
    };
    expect(run(42)).toEqual(run(42));
  });
});
