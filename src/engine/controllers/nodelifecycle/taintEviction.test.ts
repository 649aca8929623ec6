import { describe, expect, it } from 'vitest';
import type { Taint } from 'kubernetes-types/core/v1';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { testHeartbeats } from './testHeartbeats';
import { matchingTolerations, minTolerationMs } from './taintEviction';

const DEFAULT_TOLERATIONS = `
  - key: node.kubernetes.io/not-ready
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 300
  - key: node.kubernetes.io/unreachable
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 300`;

/** What the DaemonSet controller adds: not-ready and unreachable tolerated forever. */
const DAEMON_TOLERATIONS = `
  - key: node.kubernetes.io/not-ready
    operator: Exists
    effect: NoExecute
  - key: node.kubernetes.io/unreachable
    operator: Exists
    effect: NoExecute`;

function podOn(tc: TestCluster, name: string, nodeName: string, tolerations = DEFAULT_TOLERATIONS): void {
  tc.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
  tolerations:
${tolerations}
`);
  tc.api.bind('default', name, nodeName);
}

const deleted = (tc: TestCluster, name: string) => tc.get('Pod', name)?.metadata.deletionTimestamp !== undefined || !tc.get('Pod', name);
const hasNoExecute = (tc: TestCluster, node: string) => (tc.api.get('Node', undefined, node)!.spec?.taints ?? []).some((t: Taint) => t.effect === 'NoExecute');

function taintNode(tc: TestCluster, node: string, taint: Taint): void {
  tc.api.patch('Node', undefined, node, (d: any) => {
    d.spec.taints = [...(d.spec.taints ?? []), taint];
  });
}

/** The whole-cluster test needs the real kubelet (node status, leases) and the ReplicaSet controller. */
function withKubeletAndReplicaSets(): boolean {
  const tc = testCluster();
  tc.advance('5s');
  return tc.cluster.controlPlane.controllers.has('replicaset-controller') && tc.api.get('Node', undefined, 'worker-1')?.status?.allocatable !== undefined;
}

describe('taint eviction controller', () => {
  it('follows the node-down vector: NotReady ~50 s, taint, pods deleted 300 s after the taint; daemon pods stay', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    podOn(tc, 'web-1', 'worker-1');
    podOn(tc, 'web-2', 'worker-1');
    podOn(tc, 'agent', 'worker-1', DAEMON_TOLERATIONS);
    podOn(tc, 'elsewhere', 'worker-2');
    tc.advance('35s');
    hb.stop('worker-1');
    const stoppedAt = tc.now;
    tc.until(() => hasNoExecute(tc, 'worker-1'), '2m');
    const taintedAt = tc.now;
    expect(taintedAt - stoppedAt).toBeGreaterThan(45_000);
    expect(taintedAt - stoppedAt).toBeLessThanOrEqual(55_200);
    expect(tc.until(() => deleted(tc, 'web-1'), '10m')).toBe(true);
    expect(tc.now - taintedAt).toBeGreaterThanOrEqual(300_000);
    expect(tc.now - taintedAt).toBeLessThan(300_100);
    expect(tc.now - stoppedAt).toBeGreaterThan(345_000);
    expect(tc.now - stoppedAt).toBeLessThanOrEqual(355_200);
    tc.advance('1s');
    expect(deleted(tc, 'web-2')).toBe(true);
    expect(tc.eventsFor('web-1')).toContain('TaintManagerEviction: Marking for deletion Pod default/web-1');
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'TaintManagerEviction')!;
    expect(ev.source.component).toBe('taint-eviction-controller');
    // The kubelet on the dead node cannot finish them: they stay Terminating.
    tc.advance('30m');
    const web1 = tc.get('Pod', 'web-1')!;
    expect(web1.metadata.deletionTimestamp).toBeDefined();
    const disruption = web1.status.conditions.find((c: any) => c.type === 'DisruptionTarget');
    expect(disruption).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(tc.get('Pod', 'agent')!.metadata.deletionTimestamp).toBeUndefined();
    expect(tc.get('Pod', 'elsewhere')!.metadata.deletionTimestamp).toBeUndefined();
    expect(tc.eventsFor('agent').filter((e) => e.startsWith('TaintManagerEviction'))).toEqual([]);
    tc.expectNoInternalErrors();
  });

  it('honours a shorter tolerationSeconds in the pod', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    podOn(tc, 'quick', 'worker-1', `
  - key: node.kubernetes.io/unreachable
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 60`);
    tc.advance('35s');
    hb.stop('worker-1');
    tc.until(() => hasNoExecute(tc, 'worker-1'), '2m');
    const taintedAt = tc.now;
    tc.until(() => deleted(tc, 'quick'), '10m');
    expect(tc.now - taintedAt).toBeGreaterThanOrEqual(60_000);
    expect(tc.now - taintedAt).toBeLessThan(60_100);
    tc.expectNoInternalErrors();
  });

  it('deletes at once the pods that do not tolerate a NoExecute taint', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    podOn(tc, 'plain', 'worker-3', '    []');
    podOn(tc, 'tolerant', 'worker-3', `
  - key: dedicated
    operator: Equal
    value: db
    effect: NoExecute`);
    tc.advance('5s');
    taintNode(tc, 'worker-3', { key: 'dedicated', value: 'db', effect: 'NoExecute' });
    const taintedAt = tc.now;
    tc.until(() => deleted(tc, 'plain'), '1m');
    expect(tc.now - taintedAt).toBeLessThan(100);
    tc.advance('2m');
    expect(tc.get('Pod', 'tolerant')!.metadata.deletionTimestamp).toBeUndefined();
    tc.expectNoInternalErrors();
  });

  it('counts tolerationSeconds from when a pod lands on an already tainted node', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    taintNode(tc, 'worker-2', { key: 'maintenance', effect: 'NoExecute' });
    tc.advance('10s');
    podOn(tc, 'late', 'worker-2', `
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 30`);
    const boundAt = tc.now;
    tc.until(() => deleted(tc, 'late'), '5m');
    expect(tc.now - boundAt).toBeGreaterThanOrEqual(30_000);
    expect(tc.now - boundAt).toBeLessThan(30_100);
    tc.expectNoInternalErrors();
  });

  it('cancels a pending eviction when the taint is removed', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    podOn(tc, 'p', 'worker-1', `
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 120`);
    tc.advance('2s');
    taintNode(tc, 'worker-1', { key: 'maintenance', effect: 'NoExecute' });
    tc.advance('60s');
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => {
      delete d.spec.taints;
    });
    tc.advance('5m');
    expect(tc.get('Pod', 'p')!.metadata.deletionTimestamp).toBeUndefined();
    expect(tc.eventsFor('p')).toContain('TaintManagerEviction: Cancelling deletion of Pod default/p');
    tc.expectNoInternalErrors();
  });

  it.skipIf(!withKubeletAndReplicaSets())(
    'lets the ReplicaSet replace evicted pods on the healthy nodes (needs the kubelet and replicaset slices)',
    () => {
      const tc = testCluster();
      const hb = testHeartbeats(tc);
      tc.apply(`
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
`);
      tc.advance('35s');
      const victim = tc.pods({ selector: 'app=web' })[0].spec.nodeName as string;
      hb.stop(victim);
      tc.advance('7m');
      const live = tc.pods({ selector: 'app=web' }).filter((p) => !p.metadata.deletionTimestamp);
      expect(live).toHaveLength(6);
      expect(live.every((p) => p.spec.nodeName !== victim)).toBe(true);
      tc.expectNoInternalErrors();
    },
  );
});

describe('node-down story with the real kubelet (needs the kubelet, scheduler and replicaset slices)', () => {
  it.skipIf(!withKubeletAndReplicaSets())('settles through NotReady, the taint and the evictions, then stops', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
`).settle('5m');
    const victim = tc.pods({ selector: 'app=web' })[0];
    const node = victim.spec.nodeName as string;
    const stoppedAt = tc.now;
    tc.cluster.controlPlane.nodes.stopKubelet(node);
    // The stopped kubelet keeps the run going until its consequences have played out.
    tc.settle('15m');
    const notReady = tc.cluster.recorder.log.find((e) => e.reason === 'NodeNotReady' && e.involvedObject.name === node)!;
    expect(notReady.time - stoppedAt).toBeGreaterThan(40_000);
    expect(notReady.time - stoppedAt).toBeLessThanOrEqual(55_000);
    const eviction = tc.cluster.recorder.log.find((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === victim.metadata.name)!;
    expect(eviction.time - stoppedAt).toBeGreaterThan(340_000);
    expect(eviction.time - stoppedAt).toBeLessThanOrEqual(360_000);
    expect(tc.now - stoppedAt).toBeLessThan(10 * 60_000);
    // The evicted pod stays Terminating on the dead node; its replacement runs elsewhere.
    expect(tc.get('Pod', victim.metadata.name!)!.metadata.deletionTimestamp).toBeDefined();
    const live = tc.pods({ selector: 'app=web' }).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((p) => p.spec.nodeName !== node)).toBe(true);
    tc.expectNoInternalErrors();
  });
});

describe('toleration matching', () => {
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  it('needs a toleration for every taint and uses the first that matches', () => {
    const tols = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }];
    expect(matchingTolerations([unreachable], tols)).toEqual({ all: true, used: tols });
    expect(matchingTolerations([unreachable, { key: 'x', effect: 'NoExecute' }], tols).all).toBe(false);
  });
  it('takes the shortest tolerationSeconds; none means forever; zero or less means now', () => {
    expect(minTolerationMs([{ tolerationSeconds: 300 }, { tolerationSeconds: 60 }])).toBe(60_000);
    expect(minTolerationMs([{ operator: 'Exists' }])).toBe(-1);
    expect(minTolerationMs([{ tolerationSeconds: -5 }, { tolerationSeconds: 60 }])).toBe(0);
  });
});
