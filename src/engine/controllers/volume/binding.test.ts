import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { corpus, eventsOf, pv, pvc, pvYaml, pvcYaml } from './testSupport';

describe('persistent volume binder: which volume a claim gets', () => {
  it('binds the docs example: a 3Gi claim gets the whole 10Gi volume, both Bound', () => {
    const tc = testCluster();
    tc.apply(corpus('pods/storage/pv-volume.yaml')).apply(corpus('pods/storage/pv-claim.yaml')).settle('1m');
    const claim = pvc(tc, 'task-pv-claim')!;
    expect(claim.spec!.volumeName).toBe('task-pv-volume');
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
    expect(claim.metadata!.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const volume = pv(tc, 'task-pv-volume')!;
    expect(volume.status!.phase).toBe('Bound');
    expect(volume.status!.lastPhaseTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(volume.metadata!.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(volume.spec!.claimRef).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'task-pv-claim',
      uid: claim.metadata!.uid,
      apiVersion: 'v1',
      resourceVersion: expect.any(String),
    });
    tc.expectNoInternalErrors();
  });

  it('chooses the smallest volume that is large enough', () => {
    const tc = testCluster();
    tc.apply(pvYaml('big', { size: '20Gi', cls: 'manual' }) + pvYaml('small', { size: '1Gi', cls: 'manual' }) + pvYaml('medium', { size: '5Gi', cls: 'manual' }) + pvYaml('fits', { size: '4Gi', cls: 'manual' }));
    tc.apply(pvcYaml('data', { size: '3Gi', cls: 'manual' })).settle('1m');
    expect(pvc(tc, 'data')!.spec!.volumeName).toBe('fits');
    expect(pvc(tc, 'data')!.status!.capacity).toEqual({ storage: '4Gi' });
    for (const n of ['big', 'small', 'medium']) expect(pv(tc, n)!.status!.phase).toBe('Available');
    tc.expectNoInternalErrors();
  });

  it('matches the class exactly: "" takes only a class-less volume, a named class only its own', () => {
    const tc = testCluster();
    tc.apply(pvYaml('manual-pv', { size: '1Gi', cls: 'manual' }) + pvYaml('classless-pv', { size: '5Gi' }));
    tc.apply(pvcYaml('no-class', { size: '1Gi', cls: '' }) + pvcYaml('manual', { size: '1Gi', cls: 'manual' })).settle('1m');
    expect(pvc(tc, 'no-class')!.spec!.volumeName).toBe('classless-pv');
    expect(pvc(tc, 'manual')!.spec!.volumeName).toBe('manual-pv');
    tc.expectNoInternalErrors();
  });

  it('leaves a class-less claim Pending with FailedBinding when no volume fits', () => {
    const tc = testCluster();
    tc.apply(pvYaml('classy', { size: '5Gi', cls: 'fast' }));
    tc.apply(pvcYaml('no-class', { size: '1Gi', cls: '' })).settle('1m');
    expect(pvc(tc, 'no-class')!.status!.phase).toBe('Pending');
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'no-class')[0]).toBe('FailedBinding: no persistent volumes available for this claim and no storage class is set');
    const ev = tc.cluster.recorder.log.find((e) => e.reason === 'FailedBinding')!;
    expect([ev.type, ev.source.component]).toEqual(['Normal', 'persistentvolume-controller']);
    tc.expectNoInternalErrors();
  });

  it('needs every requested access mode and tries the smallest set of modes first', () => {
    const tc = testCluster();
    tc.apply(pvYaml('rwo-big', { size: '10Gi', cls: 'manual' }) + pvYaml('rwo-rwx-small', { size: '2Gi', cls: 'manual', modes: ['ReadWriteOnce', 'ReadWriteMany'] }) + pvYaml('rox', { size: '1Gi', cls: 'manual', modes: ['ReadOnlyMany'] }));
    tc.apply(pvcYaml('single', { size: '1Gi', cls: 'manual' }) + pvcYaml('shared', { size: '1Gi', cls: 'manual', modes: ['ReadWriteMany'] })).settle('1m');
    // ReadWriteOnce alone is a smaller set than ReadWriteOnce+ReadWriteMany, whatever the sizes.
    expect(pvc(tc, 'single')!.spec!.volumeName).toBe('rwo-big');
    expect(pvc(tc, 'shared')!.spec!.volumeName).toBe('rwo-rwx-small');
    expect(pvc(tc, 'shared')!.status!.accessModes).toEqual(['ReadWriteOnce', 'ReadWriteMany']);
    expect(pv(tc, 'rox')!.status!.phase).toBe('Available');
    tc.expectNoInternalErrors();
  });

  it('honours the claim selector and the volume mode', () => {
    const tc = testCluster();
    tc.apply(pvYaml('plain', { size: '1Gi', cls: 'manual' }) + pvYaml('ssd', { size: '8Gi', cls: 'manual', labels: { disk: 'ssd' } }));
    tc.apply(pvcYaml('fast', { size: '1Gi', cls: 'manual', selector: { disk: 'ssd' } })).settle('1m');
    expect(pvc(tc, 'fast')!.spec!.volumeName).toBe('ssd');
    tc.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: raw
spec:
  storageClassName: manual
  volumeMode: Block
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`).settle('1m');
    expect(pvc(tc, 'raw')!.status!.phase).toBe('Pending');
    expect(pv(tc, 'plain')!.status!.phase).toBe('Available');
    tc.expectNoInternalErrors();
  });

  it('keeps a volume pre-bound to a claim for that claim only', () => {
    const tc = testCluster();
    tc.apply(pvYaml('reserved', { size: '1Gi', cls: 'manual', claimRef: 'mine' }));
    tc.apply(pvcYaml('other', { size: '1Gi', cls: 'manual' })).settle('1m');
    expect(pvc(tc, 'other')!.status!.phase).toBe('Pending');
    expect(pv(tc, 'reserved')!.status!.phase).toBe('Available');
    tc.apply(pvcYaml('mine', { size: '1Gi', cls: 'manual' })).settle('1m');
    expect(pvc(tc, 'mine')!.spec!.volumeName).toBe('reserved');
    // The user made the PV side of this binding: no bound-by-controller on the volume.
    expect(pv(tc, 'reserved')!.metadata!.annotations).toBeUndefined();
    expect(pv(tc, 'reserved')!.spec!.claimRef!.uid).toBe(pvc(tc, 'mine')!.metadata!.uid);
    tc.expectNoInternalErrors();
  });

  it('binds a claim to the volume it names, and says why when that volume does not fit', () => {
    const tc = testCluster();
    tc.apply(pvYaml('small', { size: '1Gi', cls: 'manual' }) + pvYaml('chosen', { size: '50Gi', cls: 'manual' }));
    tc.apply(pvcYaml('named', { size: '1Gi', cls: 'manual', volumeName: 'chosen' }) + pvcYaml('greedy', { size: '5Gi', cls: 'manual', volumeName: 'small' })).settle('1m');
    const named = pvc(tc, 'named')!;
    expect([named.status!.phase, named.spec!.volumeName]).toEqual(['Bound', 'chosen']);
    // The user chose the volume: the claim is not marked bound-by-controller, the volume is.
    expect(named.metadata!.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(pv(tc, 'chosen')!.metadata!.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pvc(tc, 'greedy')!.status!.phase).toBe('Pending');
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'greedy')).toContain('VolumeMismatch: Cannot bind to requested volume "small": requested PV is too small');
    tc.expectNoInternalErrors();
  });

  it('binds a claim created before its volume at the next 15 s re-sync', () => {
    const tc = testCluster();
    tc.apply(corpus('pods/storage/pv-claim.yaml'));
    tc.advance('4s');
    // No class "manual" exists: the binder would have it provisioned and cannot.
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'task-pv-claim')).toEqual(['ProvisioningFailed: storageclass.storage.k8s.io "manual" not found']);
    tc.apply(corpus('pods/storage/pv-volume.yaml'));
    tc.until(() => pvc(tc, 'task-pv-claim')!.status!.phase === 'Bound', '1m');
    expect(tc.now).toBe(15_000 + 5);
    tc.expectNoInternalErrors();
  });

  it('marks a bound claim Lost when its volume disappears', () => {
    const tc = testCluster();
    tc.apply(pvYaml('gone', { size: '1Gi', cls: 'manual' }) + pvcYaml('orphan', { size: '1Gi', cls: 'manual' })).settle('1m');
    expect(pvc(tc, 'orphan')!.status!.phase).toBe('Bound');
    // What `kubectl patch pv gone -p '{"metadata":{"finalizers":null}}'` and a delete do.
    tc.api.patchMetadata('PersistentVolume', undefined, 'gone', (m) => {
      delete m.finalizers;
    });
    tc.api.delete('PersistentVolume', undefined, 'gone');
    tc.settle('1m');
    expect(pvc(tc, 'orphan')!.status).toEqual({ phase: 'Lost' });
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'orphan')).toEqual(['ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
    tc.expectNoInternalErrors();
  });

  it('keeps a quiet cluster quiet: waiting claims are re-synced in the background', () => {
    const tc = testCluster();
    tc.apply(pvcYaml('waiting', { size: '1Gi' })).settle('10m');
    expect(tc.now).toBeLessThan(1000);
    tc.advance('61s');
    // kind's default class waits for a consumer; each 15 s re-sync repeats the event.
    const ev = tc.cluster.recorder.log.filter((e) => e.reason === 'WaitForFirstConsumer');
    expect(ev.map((e) => e.count)).toEqual([1, 2, 3, 4, 5]);
    expect(ev[0].message).toBe('waiting for first consumer to be created before binding');
    tc.expectNoInternalErrors();
  });
});
