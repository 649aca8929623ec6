import { describe, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { pv, pvc, pvYaml, pvcYaml } from './testSupport';

/** A pod using the claim, bound to worker-1 as the scheduler would. */
function podUsing(tc: TestCluster, name: string, claim: string): void {
  tc.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}
`);
  tc.api.bind('default', name, 'worker-1');
}

describe('storage object in-use protection', () => {
  it('keeps a claim used by a scheduled pod Terminating until the pod is gone', () => {
    const tc = testCluster();
    tc.apply(pvYaml('vol', { size: '1Gi', cls: 'manual' }) + pvcYaml('data', { size: '1Gi', cls: 'manual' })).settle('1m');
    podUsing(tc, 'user', 'data');
    tc.advance('5s');
    tc.api.delete('PersistentVolumeClaim', 'default', 'data');
    tc.advance('1m');
    const claim = pvc(tc, 'data')!;
    expect(claim.metadata!.deletionTimestamp).toBeDefined();
    expect(claim.metadata!.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(claim.status!.phase).toBe('Bound');
    tc.api.delete('Pod', 'default', 'user', { gracePeriodSeconds: 0 });
    tc.advance('1s');
    expect(pvc(tc, 'data')).toBeUndefined();
    expect(pv(tc, 'vol')!.status!.phase).toBe('Released');
    tc.expectNoInternalErrors();
  });

  it('lets an unused claim go at once, and an unscheduled pod does not count as a user', () => {
    const tc = testCluster();
    tc.apply(pvcYaml('idle', { size: '1Gi' }));
    tc.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: waiting
spec:
  schedulerName: nobody
  containers:
  - name: app
    image: nginx
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: idle
`);
    tc.advance('1s');
    tc.api.delete('PersistentVolumeClaim', 'default', 'idle');
    tc.advance('100ms');
    expect(pvc(tc, 'idle')).toBeUndefined();
    tc.expectNoInternalErrors();
  });

  it('keeps a bound volume Terminating until it is released', () => {
    const tc = testCluster();
    tc.apply(pvYaml('vol', { size: '1Gi', cls: 'manual' }) + pvcYaml('data', { size: '1Gi', cls: 'manual' })).settle('1m');
    tc.api.delete('PersistentVolume', undefined, 'vol');
    tc.advance('1m');
    expect(pv(tc, 'vol')!.metadata!.deletionTimestamp).toBeDefined();
    expect(pv(tc, 'vol')!.metadata!.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pvc(tc, 'data')!.status!.phase).toBe('Bound');
    tc.api.delete('PersistentVolumeClaim', 'default', 'data');
    tc.advance('1s');
    expect(pv(tc, 'vol')).toBeUndefined();
    tc.expectNoInternalErrors();
  });

  it('adds the protection finalizers to objects created without them', () => {
    const tc = testCluster();
    tc.apply(pvYaml('vol', { size: '1Gi', cls: 'manual' }) + pvcYaml('data', { size: '1Gi', cls: 'manual' })).settle('1m');
    tc.api.patchMetadata('PersistentVolume', undefined, 'vol', (m) => {
      delete m.finalizers;
    });
    tc.api.patchMetadata('PersistentVolumeClaim', 'default', 'data', (m) => {
      delete m.finalizers;
    });
    tc.advance('1s');
    expect(pv(tc, 'vol')!.metadata!.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pvc(tc, 'data')!.metadata!.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    tc.expectNoInternalErrors();
  });
});
