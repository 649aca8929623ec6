import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { TestPodLifecycle } from './testPodLifecycle';

/** The docs' controllers/replication.yaml. */
const RC = `
apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`;

describe('ReplicationController', () => {
  it('runs the docs\' replication.yaml: 3 pods owned by the ReplicationController, events from replication-controller', () => {
    const c = testCluster();
    new TestPodLifecycle(c, { readyAfterMs: 1000 });
    c.apply(RC);
    expect(c.until(() => (c.get('ReplicationController', 'nginx')?.status?.readyReplicas ?? 0) === 3, '10s')).toBe(true);
    const rc = c.get('ReplicationController', 'nginx')!;
    const pods = c.pods({ selector: 'app=nginx' });
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const events = c.cluster.recorder.log.filter((e) => e.involvedObject.name === 'nginx' && e.involvedObject.kind === 'ReplicationController');
    expect(events.map((e) => `${e.source.component} ${e.reason}`)).toEqual(Array(3).fill('replication-controller SuccessfulCreate'));
    // A ReplicationController's status has no terminatingReplicas.
    expect(rc.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    c.expectNoInternalErrors();
  });

  it('selects with equality on every key of its selector map', () => {
    const c = testCluster();
    new TestPodLifecycle(c);
    c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'half-match', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'full-match', labels: { app: 'nginx', tier: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    c.apply(RC.replace('  selector:\n    app: nginx\n', '  selector:\n    app: nginx\n    tier: web\n').replace('      labels:\n        app: nginx\n', '      labels:\n        app: nginx\n        tier: web\n'));
    c.advance(100);
    expect(c.get('Pod', 'half-match')!.metadata.ownerReferences).toBeUndefined();
    expect(c.get('Pod', 'full-match')!.metadata.ownerReferences?.[0]?.kind).toBe('ReplicationController');
    expect(c.pods({ selector: 'app=nginx,tier=web' })).toHaveLength(3);
  });

  it('uses the template labels when the selector is omitted (its defaulting)', () => {
    const c = testCluster();
    new TestPodLifecycle(c);
    c.apply(RC.replace('  selector:\n    app: nginx\n', ''));
    c.advance(100);
    expect(c.pods({ selector: 'app=nginx' })).toHaveLength(3);
  });

  it('is not confused with a ReplicaSet selecting the same pods: each keeps its own', () => {
    const c = testCluster();
    new TestPodLifecycle(c);
    c.apply(RC);
    c.advance(100);
    c.apply(`
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs-nginx}
spec:
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: nginx}]}
`);
    c.advance(100);
    const pods = c.pods({ selector: 'app=nginx' });
    expect(pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicationController')).toHaveLength(3);
    expect(pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet')).toHaveLength(1);
    c.expectNoInternalErrors();
  });
});
