import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/object';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { testHeartbeats } from '../nodelifecycle/testHeartbeats';
import { PodGcController } from './podGc';

/** A pod bound to `node` as the scheduler would (whether or not that node exists). */
function podOn(tc: TestCluster, name: string, node: string): void {
  tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
  tc.api.bind('default', name, node);
}

/** A finished pod nobody schedules (schedulerName: nobody), as a completed Job leaves behind. */
function finishedPod(tc: TestCluster, name: string, phase: 'Succeeded' | 'Failed', reason?: string): void {
  tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { schedulerName: 'nobody', containers: [{ name: 'app', image: 'busybox' }] } });
  tc.api.patchStatus<KObject>('Pod', 'default', name, (d) => {
    d.status.phase = phase;
    if (reason) d.status.reason = reason;
  });
}

const exists = (tc: TestCluster, name: string) => tc.get('Pod', name) !== undefined;

describe('pod garbage collector', () => {
  it('force-deletes the pods of a deleted node after the 40 s quarantine, at a 20 s pass', () => {
    const tc = testCluster();
    podOn(tc, 'a', 'worker-3');
    podOn(tc, 'b', 'worker-3');
    podOn(tc, 'elsewhere', 'worker-1');
    tc.advance('5s');
    const seen: KObject[] = [];
    tc.api.watch('Pod', (ev) => {
      if (ev.object.metadata.name === 'a') seen.push(ev.object);
    });
    tc.api.delete('Node', undefined, 'worker-3');
    tc.until(() => !exists(tc, 'a'), '5m');
    // Found missing at the pass at 20 s, still missing at the pass 40 s later.
    expect(tc.now).toBe(60_000);
    expect(exists(tc, 'b')).toBe(false);
    expect(exists(tc, 'elsewhere')).toBe(true);
    // Marked Failed with the DisruptionTarget condition, then deleted with no grace period.
    const failed = seen.find((p) => p.status.phase === 'Failed')!;
    expect(failed.status.conditions.find((c: { type: string }) => c.type === 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
      lastProbeTime: null,
      lastTransitionTime: '2026-01-01T00:01:00Z',
    });
    tc.expectNoInternalErrors();
  });

  it('spares the pods of a node that comes back within the quarantine', () => {
    const tc = testCluster();
    podOn(tc, 'a', 'worker-2');
    tc.advance('1s');
    tc.api.delete('Node', undefined, 'worker-2');
    tc.advance('30s');
    tc.cluster.controlPlane.nodes.addNode({ name: 'worker-2' });
    tc.advance('2m');
    expect(exists(tc, 'a')).toBe(true);
    tc.expectNoInternalErrors();
  });

  it('deletes a pod bound to a node that never existed', () => {
    const tc = testCluster();
    podOn(tc, 'lost', 'ghost');
    tc.until(() => !exists(tc, 'lost'), '5m');
    expect(tc.now).toBe(20_000 + 40_000);
    tc.expectNoInternalErrors();
  });

  it('keeps terminated pods under the threshold, deleting the evicted and then the oldest beyond it', () => {
    const tc = testCluster();
    new PodGcController(tc.cluster.ctx, { terminatedPodThreshold: 2 });
    finishedPod(tc, 'oldest', 'Succeeded');
    tc.advance('1s');
    finishedPod(tc, 'older', 'Failed');
    tc.advance('1s');
    finishedPod(tc, 'evicted', 'Failed', 'Evicted');
    tc.advance('1s');
    finishedPod(tc, 'newest', 'Succeeded');
    tc.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: running\nspec:\n  schedulerName: nobody\n  containers:\n  - name: app\n    image: nginx\n');
    tc.until(() => tc.pods().length === 3, '1m');
    expect(tc.now).toBe(20_000);
    tc.settle('1m');
    expect(tc.pods().map((p) => p.metadata.name).sort()).toEqual(['newest', 'older', 'running']);
    tc.expectNoInternalErrors();
  });

  it('leaves terminated pods alone under the default threshold of 12500', () => {
    const tc = testCluster();
    for (let i = 0; i < 5; i++) finishedPod(tc, `done-${i}`, 'Succeeded');
    tc.advance('1m');
    expect(tc.pods()).toHaveLength(5);
  });

  it('force-deletes terminating pods on a NotReady node tainted out-of-service', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    podOn(tc, 'stuck', 'worker-1');
    tc.advance('35s');
    hb.stop('worker-1');
    tc.until(() => tc.api.get('Node', undefined, 'worker-1')!.status.conditions.find((c: { type: string }) => c.type === 'Ready').status === 'Unknown', '2m');
    tc.api.delete('Pod', 'default', 'stuck');
    tc.advance('1m');
    // The dead kubelet never finishes the graceful deletion.
    expect(tc.get('Pod', 'stuck')!.metadata.deletionTimestamp).toBeDefined();
    // What an admin does once the node is known to be shut down.
    tc.api.patch('Node', undefined, 'worker-1', (d: KObject) => {
      d.spec.taints = [...(d.spec.taints ?? []), { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }];
    });
    const taintedAt = tc.now;
    tc.until(() => !exists(tc, 'stuck'), '1m');
    expect(tc.now - taintedAt).toBeLessThanOrEqual(20_000);
    expect(tc.now % 20_000).toBe(0);
    tc.expectNoInternalErrors();
  });

  it('marks Failed a never-scheduled pod held in deletion by a finalizer', () => {
    const tc = testCluster();
    tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] }, spec: { schedulerName: 'nobody', containers: [{ name: 'app', image: 'nginx' }] } });
    tc.api.delete('Pod', 'default', 'held');
    tc.advance('25s');
    expect(tc.get('Pod', 'held')!.status.phase).toBe('Failed');
    tc.expectNoInternalErrors();
  });
});
