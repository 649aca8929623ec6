import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { testHeartbeats } from './testHeartbeats';

const node = (tc: TestCluster, name: string) => tc.api.get('Node', undefined, name) as unknown as Node;
const ready = (tc: TestCluster, name: string) => node(tc, name).status?.conditions?.find((c) => c.type === 'Ready');
const taintKeys = (tc: TestCluster, name: string) => (node(tc, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

/** A pod placed on `nodeName` (bound as the scheduler would) with the given tolerations. */
function podOn(tc: TestCluster, name: string, nodeName: string, tolerations = DEFAULT_TOLERATIONS): void {
  tc.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
spec:
  containers:
  - name: app
    image: nginx
  tolerations:
${tolerations}
`);
  tc.api.bind('default', name, nodeName);
}

/** What the DefaultTolerationSeconds admission plugin adds to every pod. */
const DEFAULT_TOLERATIONS = `
  - key: node.kubernetes.io/not-ready
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 300
  - key: node.kubernetes.io/unreachable
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 300`;

describe('node lifecycle controller', () => {
  it('records RegisteredNode for every node that appears', () => {
    const tc = testCluster();
    expect(tc.eventMessages('RegisteredNode')).toEqual([
      'Node control-plane event: Registered Node control-plane in Controller',
      'Node worker-1 event: Registered Node worker-1 in Controller',
      'Node worker-2 event: Registered Node worker-2 in Controller',
      'Node worker-3 event: Registered Node worker-3 in Controller',
    ]);
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'RegisteredNode')!;
    expect(ev.source.component).toBe('node-controller');
    expect(ev.involvedObject.kind).toBe('Node');
  });

  it('leaves nodes whose heartbeats continue alone, and the cluster stays quiet', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    tc.settle('10m');
    expect(tc.now).toBeLessThan(10_000);
    tc.advance('30m');
    for (const n of ['worker-1', 'worker-2', 'worker-3']) {
      expect(ready(tc, n)?.status).toBe('True');
      expect(taintKeys(tc, n)).toEqual([]);
    }
    expect(tc.eventMessages('NodeNotReady')).toEqual([]);
    tc.expectNoInternalErrors();
  });

  it('sets the conditions Unknown within node-monitor-grace-period of the last heartbeat', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    tc.advance('35s');
    const before = ready(tc, 'worker-1')!;
    hb.stop('worker-1');
    const stoppedAt = tc.now;
    expect(tc.until(() => ready(tc, 'worker-1')?.status === 'Unknown', '2m')).toBe(true);
    const elapsed = tc.now - stoppedAt;
    expect(elapsed).toBeGreaterThan(40_000);
    expect(elapsed).toBeLessThanOrEqual(50_000);
    const r = ready(tc, 'worker-1')!;
    expect(r.reason).toBe('NodeStatusUnknown');
    expect(r.message).toBe('Kubelet stopped posting node status.');
    expect(r.lastHeartbeatTime).toBe(before.lastHeartbeatTime);
    expect(r.lastTransitionTime).not.toBe(before.lastTransitionTime);
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = node(tc, 'worker-1').status!.conditions!.find((x) => x.type === type)!;
      expect([c.status, c.reason]).toEqual(['Unknown', 'NodeStatusUnknown']);
    }
    expect(tc.eventsFor('worker-1')).toContain('NodeNotReady: Node worker-1 status is now: NodeNotReady');
    expect(ready(tc, 'worker-2')?.status).toBe('True');
    tc.expectNoInternalErrors();
  });

  it('taints a silent node unreachable: NoSchedule at once, NoExecute on the next monitor pass', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    tc.advance('35s');
    hb.stop('worker-2');
    tc.until(() => ready(tc, 'worker-2')?.status === 'Unknown', '2m');
    const unknownAt = tc.now;
    tc.advance(1000);
    expect(taintKeys(tc, 'worker-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(tc.until(() => taintKeys(tc, 'worker-2').includes('node.kubernetes.io/unreachable:NoExecute'), '1m')).toBe(true);
    expect(tc.now - unknownAt).toBe(5100);
    const taint = node(tc, 'worker-2').spec!.taints!.find((t) => t.effect === 'NoExecute')!;
    expect(taint.timeAdded).toBe('2026-01-01T00:01:25Z');
    tc.expectNoInternalErrors();
  });

  it('marks the pods of a silent node not ready, with a NodeNotReady warning on each', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    podOn(tc, 'a', 'worker-1');
    podOn(tc, 'b', 'worker-1');
    podOn(tc, 'c', 'worker-2');
    tc.advance('35s');
    expect(tc.readyPods().map((p) => p.metadata.name)).toEqual(['a', 'b', 'c']);
    hb.stop('worker-1');
    tc.until(() => ready(tc, 'worker-1')?.status === 'Unknown', '2m');
    expect(tc.readyPods().map((p) => p.metadata.name)).toEqual(['c']);
    expect(tc.eventsFor('a')).toContain('NodeNotReady: Node is not ready');
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'NodeNotReady' && e.involvedObject.name === 'b')!;
    expect(ev.type).toBe('Warning');
    expect(tc.get('Pod', 'a')!.status.phase).toBe('Running');
    tc.expectNoInternalErrors();
  });

  it('takes the taints off and cancels pending evictions when the kubelet comes back', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    podOn(tc, 'a', 'worker-1');
    tc.advance('35s');
    hb.stop('worker-1');
    tc.until(() => taintKeys(tc, 'worker-1').includes('node.kubernetes.io/unreachable:NoExecute'), '2m');
    tc.advance('60s');
    hb.start('worker-1');
    tc.advance('10s');
    expect(ready(tc, 'worker-1')?.status).toBe('True');
    expect(taintKeys(tc, 'worker-1')).toEqual([]);
    expect(tc.eventsFor('a')).toContain('TaintManagerEviction: Cancelling deletion of Pod default/a');
    tc.advance('10m');
    expect(tc.get('Pod', 'a')!.metadata.deletionTimestamp).toBeUndefined();
    tc.expectNoInternalErrors();
  });

  it('gives a node that never posted status the 60 s startup grace, then NodeStatusNeverUpdated', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    // A Node registered by a kubelet that then never posts status (nor renews a lease).
    tc.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-4', labels: { 'kubernetes.io/hostname': 'worker-4' } }, spec: {} });
    const addedAt = tc.now;
    tc.until(() => ready(tc, 'worker-4') !== undefined, '5m');
    expect(tc.now - addedAt).toBe(60_000);
    const r = ready(tc, 'worker-4')!;
    expect([r.status, r.reason, r.message]).toEqual(['Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.']);
    expect(r.lastHeartbeatTime).toBe(node(tc, 'worker-4').metadata!.creationTimestamp);
    // It never was Ready, so there is no NodeNotReady transition event, but it is tainted.
    expect(tc.eventsFor('worker-4')).not.toContain('NodeNotReady: Node worker-4 status is now: NodeNotReady');
    tc.advance('1s');
    expect(taintKeys(tc, 'worker-4')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    tc.expectNoInternalErrors();
  });

  it('turns a Ready=False posted by the kubelet into not-ready taints', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    tc.advance('21s');
    const n = node(tc, 'worker-3');
    tc.api.updateStatus({
      ...(n as any),
      status: { ...n.status, conditions: n.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down' } : c)) },
    });
    tc.advance('100ms');
    expect(taintKeys(tc, 'worker-3')).toEqual(['node.kubernetes.io/not-ready:NoSchedule']);
    tc.advance('4s');
    expect(taintKeys(tc, 'worker-3')).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    tc.expectNoInternalErrors();
  });

  it('taints a cordoned node unschedulable and untaints it when uncordoned', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => {
      d.spec.unschedulable = true;
    });
    tc.advance('1s');
    expect(taintKeys(tc, 'worker-1')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => {
      delete d.spec.unschedulable;
    });
    tc.advance('1s');
    expect(taintKeys(tc, 'worker-1')).toEqual([]);
    tc.expectNoInternalErrors();
  });

  it('adds the NoExecute taints at --node-eviction-rate: one node every 10 s', () => {
    const tc = testCluster({ workers: 6 });
    const hb = testHeartbeats(tc);
    tc.advance('35s');
    hb.stop('worker-1');
    hb.stop('worker-2');
    const tainted: Record<string, number> = {};
    tc.until(() => {
      for (const n of ['worker-1', 'worker-2']) if (!(n in tainted) && taintKeys(tc, n).includes('node.kubernetes.io/unreachable:NoExecute')) tainted[n] = tc.now;
      return Object.keys(tainted).length === 2;
    }, '3m');
    expect(Math.abs(tainted['worker-2'] - tainted['worker-1'])).toBe(10_000);
    tc.expectNoInternalErrors();
  });

  it('stops NoExecute tainting in a small zone where most nodes are silent (partial disruption)', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    tc.advance('35s');
    for (const n of ['worker-1', 'worker-2', 'worker-3']) hb.stop(n);
    tc.advance('10m');
    for (const n of ['worker-1', 'worker-2', 'worker-3']) {
      expect(ready(tc, n)?.status).toBe('Unknown');
      expect(taintKeys(tc, n)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    }
    tc.expectNoInternalErrors();
  });

  it('treats every node going silent as a full disruption and evicts nothing', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    podOn(tc, 'a', 'worker-1');
    tc.advance('35s');
    for (const n of ['control-plane', 'worker-1', 'worker-2', 'worker-3']) hb.stop(n);
    tc.advance('15m');
    expect(taintKeys(tc, 'worker-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(tc.get('Pod', 'a')!.metadata.deletionTimestamp).toBeUndefined();
    tc.expectNoInternalErrors();
  });

  it('adds the beta os and arch labels that mirror the GA ones', () => {
    const tc = testCluster();
    tc.advance('1s');
    const labels = node(tc, 'worker-1').metadata!.labels!;
    expect(labels['beta.kubernetes.io/os']).toBe('linux');
    expect(labels['beta.kubernetes.io/arch']).toBe('amd64');
  });
});
