import { describe, expect, it } from 'vitest';
import { apiErr } from '../../api/errors';
import type { KObject } from '../../api/object';
import { ALPHANUMS } from '../../random';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { TestPodLifecycle } from './testPodLifecycle';

/** The docs' controllers/frontend.yaml with a chosen size. */
const frontend = (replicas: number, extra = '') => `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  replicas: ${replicas}${extra}
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: gcr.io/google_samples/gb-frontend:v3
`;

function driven(opts: ConstructorParameters<typeof TestPodLifecycle>[1] = {}): { c: TestCluster; life: TestPodLifecycle } {
  const c = testCluster();
  return { c, life: new TestPodLifecycle(c, opts) };
}

const rs = (c: TestCluster, name = 'frontend'): any => c.get('ReplicaSet', name)!;
const livePods = (c: TestCluster, selector = 'tier=frontend'): any[] => c.pods({ selector }).filter((p) => !p.metadata.deletionTimestamp);

/** Counts pod creations attempted (admitted or refused) per controller sync instant. */
function countCreateAttempts(c: TestCluster, refuse: (attempt: number) => boolean): number[][] {
  const byInstant: number[][] = [];
  let attempt = 0;
  let lastInstant = -1;
  c.api.registerAdmission({
    name: 'TestCountCreates',
    kinds: ['Pod'],
    validate: (op, obj) => {
      if (op !== 'CREATE') return;
      attempt++;
      if (c.now !== lastInstant) {
        byInstant.push([]);
        lastInstant = c.now;
      }
      const ok = !refuse(attempt);
      byInstant.at(-1)!.push(ok ? 1 : 0);
      if (!ok) throw apiErr.forbidden('pods', obj.metadata.name!, 'exceeded quota: pods-quota, requested: pods=1, used: pods=2, limited: pods=2');
    },
  });
  return byInstant;
}

describe('ReplicaSet: creating pods', () => {
  it('creates the missing pods, named <rs>-<5 random chars>, owned by the ReplicaSet, with one SuccessfulCreate event each', () => {
    const { c, life } = driven({ readyAfterMs: 1000 });
    c.apply(frontend(3));
    expect(c.until(() => (rs(c).status?.readyReplicas ?? 0) === 3, '10s')).toBe(true);
    const pods = livePods(c);
    expect(pods).toHaveLength(3);
    const set = rs(c);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^frontend-[${ALPHANUMS}]{5}$`));
      expect(p.metadata.generateName).toBe('frontend-');
      expect(p.metadata.labels).toEqual({ tier: 'frontend' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(c.eventsFor('frontend').sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(c.cluster.recorder.log.filter((e) => e.reason === 'SuccessfulCreate').every((e) => e.source.component === 'replicaset-controller')).toBe(true);
    expect(life.nodes.length).toBeGreaterThan(0);
    c.expectNoInternalErrors();
  });

  it('reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, terminatingReplicas and observedGeneration', () => {
    const { c } = driven({ readyAfterMs: 1000 });
    c.apply(frontend(3));
    expect(c.until(() => (rs(c).status?.availableReplicas ?? 0) === 3, '10s')).toBe(true);
    expect(rs(c).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, terminatingReplicas: 0, observedGeneration: 1 });
  });

  it('creates in slow-start batches of 1, 2, 4, … and stops at the first batch with a failure', () => {
    const { c } = driven();
    // The third attempt overall is refused (think: a quota that runs out).
    const attempts = countCreateAttempts(c, (n) => n === 3);
    c.apply(frontend(10));
    c.advance(15);
    // One sync: a batch of 1 (ok), then a batch of 2 (one ok, one refused) — and no batch of 4.
    expect(attempts[0]).toEqual([1, 1, 0]);
    expect(livePods(c)).toHaveLength(2);
    // The failure requeues the ReplicaSet with back-off; the next sync starts over at 1, 2, 4, 1.
    expect(c.until(() => livePods(c).length === 10, '5s')).toBe(true);
    expect(attempts.slice(1).flat()).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    c.expectNoInternalErrors();
  });

  it('creates at most 500 pods per sync (burstReplicas)', () => {
    const { c } = driven();
    const attempts = countCreateAttempts(c, () => false);
    c.apply(frontend(600));
    c.advance(15);
    expect(livePods(c)).toHaveLength(500);
    expect(attempts[0]).toHaveLength(500);
    expect(c.until(() => livePods(c).length === 600, '5s')).toBe(true);
    c.expectNoInternalErrors();
  });

  it('records FailedCreate "Error creating: <err>" and a ReplicaFailure condition when creation is refused, and clears it once it succeeds', () => {
    const { c } = driven({ readyAfterMs: 500 });
    let refuse = true;
    countCreateAttempts(c, () => refuse);
    c.apply(frontend(2));
    c.advance(100);
    const failed = c.eventsFor('frontend').filter((e) => e.startsWith('FailedCreate'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatch(new RegExp(`^FailedCreate: Error creating: pods "frontend-[${ALPHANUMS}]{5}" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=2, limited: pods=2$`));
    expect(c.cluster.recorder.log.find((e) => e.reason === 'FailedCreate')!.type).toBe('Warning');
    const cond = rs(c).status.conditions[0];
    expect([cond.type, cond.status, cond.reason]).toEqual(['ReplicaFailure', 'True', 'FailedCreate']);
    expect(cond.message).toMatch(/is forbidden: exceeded quota: pods-quota/);
    refuse = false;
    expect(c.until(() => livePods(c).length === 2, '30s')).toBe(true);
    c.advance(100);
    expect(rs(c).status.conditions).toBeUndefined();
  });

  it('replaces a deleted pod while the deleted one is still Terminating', () => {
    const { c, life } = driven({ readyAfterMs: 500 });
    c.apply(frontend(2));
    expect(c.until(() => (rs(c).status?.readyReplicas ?? 0) === 2, '10s')).toBe(true);
    const victim = livePods(c)[0];
    c.api.delete('Pod', 'default', victim.metadata.name);
    c.advance(50);
    expect(c.get('Pod', victim.metadata.name)!.metadata.deletionTimestamp).toBeDefined();
    expect(livePods(c)).toHaveLength(2);
    expect(rs(c).status.terminatingReplicas).toBe(1);
    life.finishTerminating();
    c.advance(50);
    expect(rs(c).status.terminatingReplicas).toBe(0);
    c.expectNoInternalErrors();
  });

  it('counts availableReplicas only after minReadySeconds, without needing another pod event', () => {
    const { c } = driven({ readyAfterMs: 1000 });
    c.apply(frontend(2, '\n  minReadySeconds: 10'));
    expect(c.until(() => (rs(c).status?.readyReplicas ?? 0) === 2, '10s')).toBe(true);
    const readyAt = c.now;
    expect(rs(c).status.availableReplicas).toBeUndefined();
    expect(c.until(() => (rs(c).status?.availableReplicas ?? 0) === 2, '30s')).toBe(true);
    expect(c.now - readyAt).toBeGreaterThanOrEqual(8_000);
    expect(c.now - readyAt).toBeLessThanOrEqual(11_000);
  });
});

describe('ReplicaSet: deleting pods', () => {
  it('deletes the surplus with SuccessfulDelete "Deleted pod: <name>", not-ready pods first', () => {
    const { c, life } = driven();
    c.apply(frontend(3));
    c.advance(100);
    const pods = livePods(c);
    life.readyPod(pods[0]);
    life.readyPod(pods[2]);
    const notReady = pods[1].metadata.name;
    c.api.patch('ReplicaSet', 'default', 'frontend', (d: any) => {
      d.spec.replicas = 2;
    });
    c.advance(100);
    expect(c.get('Pod', notReady)!.metadata.deletionTimestamp).toBeDefined();
    expect(livePods(c)).toHaveLength(2);
    expect(c.eventsFor('frontend').at(-1)).toBe(`SuccessfulDelete: Deleted pod: ${notReady}`);
  });

  it('deletes an unscheduled pod before a running one, and the lower pod-deletion-cost first', () => {
    const { c, life } = driven({ readyAfterMs: 100 });
    c.apply(frontend(3));
    expect(c.until(() => (rs(c).status?.readyReplicas ?? 0) === 3, '10s')).toBe(true);
    const [a, b] = livePods(c);
    c.api.patchMetadata('Pod', 'default', a.metadata.name, (m) => {
      m.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '100' };
    });
    c.api.patchMetadata('Pod', 'default', b.metadata.name, (m) => {
      m.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '-100' };
    });
    c.api.patch('ReplicaSet', 'default', 'frontend', (d: any) => {
      d.spec.replicas = 2;
    });
    c.advance(50);
    expect(c.get('Pod', b.metadata.name)!.metadata.deletionTimestamp).toBeDefined();
    expect(livePods(c).map((p) => p.metadata.name)).toContain(a.metadata.name);
    expect(life.finishTerminating()).toBe(1);
  });

  it('deletes everything when scaled to zero and keeps status.replicas at 0 (not omitted)', () => {
    const { c, life } = driven({ readyAfterMs: 100, terminateAfterMs: 300 });
    c.apply(frontend(3));
    expect(c.until(() => (rs(c).status?.readyReplicas ?? 0) === 3, '10s')).toBe(true);
    c.api.patch('ReplicaSet', 'default', 'frontend', (d: any) => {
      d.spec.replicas = 0;
    });
    expect(c.until(() => c.pods({ selector: 'tier=frontend' }).length === 0, '10s')).toBe(true);
    c.advance(50);
    expect(rs(c).status).toEqual({ replicas: 0, terminatingReplicas: 0, observedGeneration: 2 });
    expect(life.nodes).toHaveLength(3);
  });
});

describe('ReplicaSet: owning pods', () => {
  const orphan = (name: string, labels: Record<string, string>): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });

  it('adopts a matching orphan pod instead of creating one', () => {
    const { c } = driven();
    c.api.create(orphan('stray', { tier: 'frontend' }));
    c.apply(frontend(2));
    c.advance(100);
    const stray = c.get('Pod', 'stray')!;
    expect(stray.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs(c).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(livePods(c)).toHaveLength(2);
    expect(c.eventsFor('frontend').filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(1);
  });

  it('adopts an orphan that appears later, and scales down to stay at its size', () => {
    const { c } = driven();
    c.apply(frontend(2));
    c.advance(100);
    c.api.create(orphan('late', { tier: 'frontend' }));
    c.advance(100);
    expect(c.get('Pod', 'late')!.metadata.ownerReferences?.[0]?.name).toBe('frontend');
    expect(livePods(c)).toHaveLength(2);
  });

  it('leaves pods alone that another controller owns or that do not match', () => {
    const { c } = driven();
    c.api.create(orphan('other-app', { tier: 'backend' }));
    c.api.create({ ...orphan('owned', { tier: 'frontend' }), metadata: { name: 'owned', labels: { tier: 'frontend' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'job-uid', controller: true }] } });
    c.apply(frontend(1));
    c.advance(100);
    expect(c.get('Pod', 'other-app')!.metadata.ownerReferences).toBeUndefined();
    expect(c.get('Pod', 'owned')!.metadata.ownerReferences?.[0]?.kind).toBe('Job');
    expect(c.pods({ selector: 'tier=frontend' }).filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet')).toHaveLength(1);
  });

  it('releases a pod whose labels stop matching and creates a replacement', () => {
    const { c } = driven();
    c.apply(frontend(2));
    c.advance(100);
    const [p] = livePods(c);
    c.api.patchMetadata('Pod', 'default', p.metadata.name, (m) => {
      m.labels = { tier: 'debug' };
    });
    c.advance(100);
    expect(c.get('Pod', p.metadata.name)!.metadata.ownerReferences).toBeUndefined();
    expect(livePods(c)).toHaveLength(2);
    expect(livePods(c).map((x) => x.metadata.name)).not.toContain(p.metadata.name);
  });

  it('creates no pods while the ReplicaSet is being deleted', () => {
    const { c } = driven();
    c.apply(frontend(2));
    c.advance(100);
    const created: string[] = [];
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED') created.push(ev.object.metadata.name!);
    });
    c.api.delete('ReplicaSet', 'default', 'frontend', { propagationPolicy: 'Foreground' });
    if (c.get('ReplicaSet', 'frontend')) {
      for (const p of livePods(c)) c.api.delete('Pod', 'default', p.metadata.name, { gracePeriodSeconds: 0 });
    }
    c.advance('1s');
    expect(created).toEqual([]);
    c.expectNoInternalErrors();
  });

  it('a ReplicaSet no one owns ranks every pod 0 for crowding, so the pod Ready for the shortest time goes first', () => {
    const { c, life } = driven({ nodes: ['worker-1', 'worker-1', 'worker-2'] });
    c.apply(frontend(3));
    c.advance(100);
    life.readyAll((p) => p.spec.nodeName === 'worker-1');
    c.advance('20s');
    life.readyAll();
    c.advance('1s');
    c.api.patch('ReplicaSet', 'default', 'frontend', (d: any) => {
      d.spec.replicas = 2;
    });
    c.advance(50);
    const deleted = c.pods({ selector: 'tier=frontend' }).filter((p) => p.metadata.deletionTimestamp);
    expect(deleted.map((p) => p.spec.nodeName)).toEqual(['worker-2']);
  });
});
