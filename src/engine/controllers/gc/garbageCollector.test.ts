import { describe, expect, it } from 'vitest';
import type { KObject, OwnerReference } from '../../api/object';
import { testCluster, type TestCluster } from '../../testing/testCluster';

/** An owner reference as controllers write them. */
function ref(owner: KObject, blockOwnerDeletion = true): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion };
}

function configMap(tc: TestCluster, name: string, namespace = 'default', owners: OwnerReference[] = []): KObject {
  return tc.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(owners.length ? { ownerReferences: owners } : {}) }, data: {} });
}

function secret(tc: TestCluster, name: string, owners: OwnerReference[]): KObject {
  return tc.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default', ownerReferences: owners }, type: 'Opaque' });
}

/** A pod bound to worker-1, so its deletion is graceful (the kubelet finishes it). */
function boundPod(tc: TestCluster, name: string, owners: OwnerReference[]): KObject {
  tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ownerReferences: owners }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
  return tc.api.bind('default', name, 'worker-1');
}

const exists = (tc: TestCluster, kind: string, name: string, ns = 'default') => tc.api.get(kind, ns, name) !== undefined;

describe('garbage collector', () => {
  it('deletes dependents in the background after their owner is gone, down the chain', () => {
    const tc = testCluster();
    const owner = configMap(tc, 'owner');
    const mid = secret(tc, 'mid', [ref(owner)]);
    boundPod(tc, 'leaf', [ref(mid)]);
    tc.advance('3s');
    tc.api.delete('ConfigMap', 'default', 'owner');
    expect(exists(tc, 'ConfigMap', 'owner')).toBe(false);
    tc.advance('100ms');
    expect(exists(tc, 'Secret', 'mid')).toBe(false);
    expect(tc.get('Pod', 'leaf')?.metadata.deletionTimestamp).toBeDefined();
    tc.advance('5s');
    expect(exists(tc, 'Pod', 'leaf')).toBe(false);
    tc.expectNoInternalErrors();
  });

  it('keeps a dependent that still has another owner, dropping the reference to the one gone', () => {
    const tc = testCluster();
    const a = configMap(tc, 'a');
    const b = configMap(tc, 'b');
    secret(tc, 'shared', [ref(a), { ...ref(b), controller: false }]);
    tc.api.delete('ConfigMap', 'default', 'a');
    tc.advance('1s');
    const s = tc.get('Secret', 'shared')!;
    expect(s.metadata.ownerReferences!.map((r) => r.name)).toEqual(['b']);
    tc.expectNoInternalErrors();
  });

  it('deletes a dependent created with an owner that does not exist', () => {
    const tc = testCluster();
    secret(tc, 'stray', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '6f1c2d3e-0000-4000-8000-000000000000' }]);
    tc.advance('1s');
    expect(exists(tc, 'Secret', 'stray')).toBe(false);
    tc.expectNoInternalErrors();
  });

  it('treats an owner in another namespace as absent and reports OwnerRefInvalidNamespace', () => {
    const tc = testCluster();
    tc.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    const foreign = configMap(tc, 'owner', 'other');
    const clusterOwner = tc.api.get('Namespace', undefined, 'default')!;
    configMap(tc, 'crosses', 'default', [ref(foreign)]);
    configMap(tc, 'cluster-owned', 'default', [ref(clusterOwner, false)]);
    tc.advance('1s');
    expect(exists(tc, 'ConfigMap', 'crosses')).toBe(false);
    expect(exists(tc, 'ConfigMap', 'cluster-owned')).toBe(true);
    expect(exists(tc, 'ConfigMap', 'owner', 'other')).toBe(true);
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'OwnerRefInvalidNamespace')!;
    expect(ev.type).toBe('Warning');
    expect(ev.source.component).toBe('garbage-collector-controller');
    expect(ev.involvedObject.name).toBe('crosses');
    expect(ev.message).toBe(`ownerRef [v1/ConfigMap, namespace: default, name: owner, uid: ${foreign.metadata.uid}] does not exist in namespace "default"`);
    tc.expectNoInternalErrors();
  });

  it('never collects a cluster-scoped dependent of a namespaced owner', () => {
    const tc = testCluster();
    const owner = configMap(tc, 'owner');
    tc.api.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1', ownerReferences: [ref(owner)] }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/pv1' } } });
    tc.api.delete('ConfigMap', 'default', 'owner');
    tc.advance('1s');
    expect(tc.api.get('PersistentVolume', undefined, 'pv1')).toBeDefined();
    expect(tc.eventMessages('OwnerRefInvalidNamespace')).toHaveLength(1);
    tc.expectNoInternalErrors();
  });

  it('deletes in the foreground: the owner stays, with its finalizer, until its blocking dependents are gone', () => {
    const tc = testCluster();
    const owner = configMap(tc, 'owner');
    const mid = secret(tc, 'mid', [ref(owner)]);
    boundPod(tc, 'leaf', [ref(mid)]);
    const loose = secret(tc, 'loose', [ref(owner, false)]);
    tc.advance('3s');
    tc.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    tc.advance('100ms');
    const o = tc.get('ConfigMap', 'owner')!;
    expect(o.metadata.deletionTimestamp).toBeDefined();
    expect(o.metadata.finalizers).toEqual(['foregroundDeletion']);
    // The middle dependent has dependents itself, so it is deleted in the foreground too.
    expect(tc.get('Secret', 'mid')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(tc.get('Pod', 'leaf')!.metadata.deletionTimestamp).toBeDefined();
    expect(exists(tc, 'Secret', 'loose')).toBe(false);
    expect(loose.metadata.uid).toBeDefined();
    tc.until(() => !exists(tc, 'ConfigMap', 'owner'), '1m');
    expect(exists(tc, 'Pod', 'leaf')).toBe(false);
    expect(exists(tc, 'Secret', 'mid')).toBe(false);
    tc.expectNoInternalErrors();
  });

  it('orphans the dependents: their references go, then the owner', () => {
    const tc = testCluster();
    const owner = configMap(tc, 'owner');
    const other = configMap(tc, 'other');
    secret(tc, 'kept', [ref(owner)]);
    secret(tc, 'two-owners', [ref(owner), { ...ref(other), controller: false }]);
    tc.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    expect(tc.get('ConfigMap', 'owner')!.metadata.finalizers).toEqual(['orphan']);
    tc.advance('1s');
    expect(exists(tc, 'ConfigMap', 'owner')).toBe(false);
    expect(tc.get('Secret', 'kept')!.metadata.ownerReferences).toBeUndefined();
    expect(tc.get('Secret', 'two-owners')!.metadata.ownerReferences!.map((r) => r.name)).toEqual(['other']);
    tc.expectNoInternalErrors();
  });
});

/** Whole-chain tests need the deployment and replicaset controllers (other slices). */
function withWorkloadControllers(): boolean {
  const c = testCluster().cluster.controlPlane.controllers;
  return c.has('deployment-controller') && c.has('replicaset-controller');
}

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
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
`;

describe.skipIf(!withWorkloadControllers())('garbage collector with a Deployment (needs the workload slices)', () => {
  it('background: the ReplicaSet goes, then its pods, Terminating for their grace', () => {
    const tc = testCluster();
    tc.apply(DEPLOYMENT).settle('2m');
    expect(tc.list('ReplicaSet')).toHaveLength(1);
    tc.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Background' });
    tc.advance('200ms');
    expect(tc.list('ReplicaSet')).toHaveLength(0);
    expect(tc.pods({ selector: 'app=web' }).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    tc.settle('2m');
    expect(tc.pods({ selector: 'app=web' })).toHaveLength(0);
    tc.expectNoInternalErrors();
  });

  it('foreground: the Deployment is visible with foregroundDeletion until the pods and the ReplicaSet are gone', () => {
    const tc = testCluster();
    tc.apply(DEPLOYMENT).settle('2m');
    const gone: string[] = [];
    tc.api.watchAll((ev) => {
      if (ev.type === 'DELETED' && ev.object.kind !== 'Event') gone.push(ev.object.kind);
    });
    tc.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(tc.get('Deployment', 'web')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    tc.settle('2m');
    expect(tc.get('Deployment', 'web')).toBeUndefined();
    expect(gone).toEqual(['Pod', 'Pod', 'Pod', 'ReplicaSet', 'Deployment']);
    tc.expectNoInternalErrors();
  });

  it('orphan: the ReplicaSet and its pods stay, without the reference to the Deployment', () => {
    const tc = testCluster();
    tc.apply(DEPLOYMENT).settle('2m');
    tc.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Orphan' });
    tc.settle('2m');
    expect(tc.get('Deployment', 'web')).toBeUndefined();
    const rs = tc.list('ReplicaSet');
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
    expect(tc.pods({ selector: 'app=web' })).toHaveLength(3);
    tc.expectNoInternalErrors();
  });
});
