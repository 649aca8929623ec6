import { describe, expect, it } from 'vitest';
import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { testHeartbeats } from '../nodelifecycle/testHeartbeats';

const DEMO = `
apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: demo
data:
  mode: fast
`;

function podIn(tc: TestCluster, name: string, namespace = 'demo'): void {
  tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
  tc.api.bind(namespace, name, 'worker-1');
}

const conditions = (tc: TestCluster, ns = 'demo') =>
  Object.fromEntries(((tc.api.get('Namespace', undefined, ns)?.status?.conditions ?? []) as NamespaceCondition[]).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));

describe('namespace controller', () => {
  it('deletes the pods first, reports what remains, then everything else, then the namespace', () => {
    const tc = testCluster();
    testHeartbeats(tc);
    tc.apply(DEMO);
    podIn(tc, 'a');
    podIn(tc, 'b');
    tc.advance('5s');
    tc.api.delete('Namespace', undefined, 'demo');
    expect(tc.api.get('Namespace', undefined, 'demo')!.status.phase).toBe('Terminating');
    tc.advance('4s');
    expect(tc.get('Pod', 'a', 'demo')!.metadata.deletionTimestamp).toBeUndefined();
    tc.advance('1020ms');
    expect(tc.get('Pod', 'a', 'demo')!.metadata.deletionTimestamp).toBeDefined();
    // Ordered deletion: nothing else is touched while pods remain.
    expect(tc.get('ConfigMap', 'settings', 'demo')).toBeDefined();
    expect(conditions(tc)).toEqual({
      NamespaceDeletionDiscoveryFailure: 'False ResourcesDiscovered: All resources successfully discovered',
      NamespaceDeletionGroupVersionParsingFailure: 'False ParsedGroupVersions: All legacy kube types successfully parsed',
      NamespaceDeletionContentFailure: 'False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      NamespaceContentRemaining: 'True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances',
      NamespaceFinalizersRemaining: 'False ContentRemoved: All content successfully removed',
    });
    expect(tc.until(() => !tc.api.get('Namespace', undefined, 'demo'), '2m')).toBe(true);
    expect(tc.api.list('ConfigMap', 'demo')).toEqual([]);
    expect(tc.api.list('Pod', 'demo')).toEqual([]);
    tc.expectNoInternalErrors();
  });

  it('stays Terminating while a pod on a dead node cannot finish, and says so', () => {
    const tc = testCluster();
    const hb = testHeartbeats(tc);
    tc.apply(DEMO);
    podIn(tc, 'stuck');
    tc.advance('5s');
    hb.stop('worker-1');
    tc.api.delete('Namespace', undefined, 'demo');
    tc.advance('3m');
    const ns = tc.api.get('Namespace', undefined, 'demo')!;
    expect(ns.status.phase).toBe('Terminating');
    expect(conditions(tc).NamespaceDeletionContentFailure).toBe(
      'True ContentDeletionFailed: Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: demo for gvr: /v1, Resource=pods',
    );
    expect(conditions(tc).NamespaceContentRemaining).toBe('True SomeResourcesRemain: Some resources are remaining: pods. has 1 resource instances');
    expect(tc.get('ConfigMap', 'settings', 'demo')).toBeDefined();
    // What an admin does: kubectl delete pod stuck -n demo --grace-period=0 --force
    tc.api.delete('Pod', 'demo', 'stuck', { gracePeriodSeconds: 0 });
    expect(tc.until(() => !tc.api.get('Namespace', undefined, 'demo'), '2m')).toBe(true);
    tc.expectNoInternalErrors();
  });

  it('reports objects held by finalizers and finishes once they are released', () => {
    const tc = testCluster();
    tc.apply(DEMO);
    tc.api.patchMetadata('ConfigMap', 'demo', 'settings', (m) => {
      m.finalizers = ['example.com/hold'];
    });
    tc.api.delete('Namespace', undefined, 'demo');
    tc.advance('6s');
    expect(conditions(tc).NamespaceContentRemaining).toBe('True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances');
    expect(conditions(tc).NamespaceFinalizersRemaining).toBe('True SomeFinalizerRemain: Some finalizers are remaining: example.com/hold in 1 resource instances');
    tc.advance('2m');
    expect(tc.api.get('Namespace', undefined, 'demo')).toBeDefined();
    tc.api.patchMetadata('ConfigMap', 'demo', 'settings', (m) => {
      delete m.finalizers;
    });
    expect(tc.until(() => !tc.api.get('Namespace', undefined, 'demo'), '1m')).toBe(true);
    tc.expectNoInternalErrors();
  });

  it('empties a namespace whose claim is protected while its pod runs, and the provisioned volume goes too', () => {
    const tc = testCluster();
    tc.apply(DEMO);
    tc.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: demo
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`);
    tc.api.patchMetadata('PersistentVolumeClaim', 'demo', 'data', (m) => {
      m.annotations = { 'volume.kubernetes.io/selected-node': 'worker-1' };
    });
    tc.until(() => tc.api.get('PersistentVolumeClaim', 'demo', 'data')?.status?.phase === 'Bound', '1m');
    const volume = tc.api.get('PersistentVolumeClaim', 'demo', 'data')!.spec.volumeName;
    tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user', namespace: 'demo' }, spec: { containers: [{ name: 'app', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    tc.api.bind('demo', 'user', 'worker-1');
    tc.advance('5s');
    tc.api.delete('Namespace', undefined, 'demo');
    expect(tc.until(() => !tc.api.get('Namespace', undefined, 'demo'), '5m')).toBe(true);
    expect(tc.until(() => !tc.api.get('PersistentVolume', undefined, volume), '1m')).toBe(true);
    tc.expectNoInternalErrors();
  });
});
