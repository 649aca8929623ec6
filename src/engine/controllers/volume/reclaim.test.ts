import { describe, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { eventsOf, pv, pvc, pvYaml, pvcYaml } from './testSupport';

/** A provisioned, bound claim on worker-1 (standing in for the scheduler's node choice). */
function provisioned(tc: TestCluster, name: string): string {
  tc.apply(pvcYaml(name, { size: '1Gi' }));
  tc.advance('1s');
  tc.api.patchMetadata('PersistentVolumeClaim', 'default', name, (m) => {
    m.annotations = { ...(m.annotations ?? {}), 'volume.kubernetes.io/selected-node': 'worker-1' };
  });
  tc.until(() => pvc(tc, name)!.status!.phase === 'Bound', '1m');
  return pvc(tc, name)!.spec!.volumeName!;
}

describe('reclaiming released volumes', () => {
  it('Delete: a provisioned volume is Released when its claim goes, then removed by the provisioner', () => {
    const tc = testCluster();
    const volume = provisioned(tc, 'scratch');
    const phases: string[] = [];
    tc.api.watch('PersistentVolume', (ev) => phases.push(`${ev.type} ${ev.object.status?.phase}${ev.object.metadata.deletionTimestamp ? ' terminating' : ''}`));
    tc.api.delete('PersistentVolumeClaim', 'default', 'scratch');
    const deletedAt = tc.now;
    tc.until(() => !pv(tc, volume), '1m');
    expect(tc.now - deletedAt).toBeGreaterThanOrEqual(1000);
    expect(tc.now - deletedAt).toBeLessThan(1100);
    expect(pvc(tc, 'scratch')).toBeUndefined();
    // Released, then deleted: pv-protection holds it only until the finalizer sees it unbound.
    expect(phases).toEqual(['MODIFIED Released', 'MODIFIED Released terminating', 'DELETED Released terminating']);
    tc.expectNoInternalErrors();
  });

  it('Retain: the volume stays Released with its claimRef and is not bound again', () => {
    const tc = testCluster();
    tc.apply(pvYaml('keep', { size: '1Gi', cls: 'manual' }) + pvcYaml('first', { size: '1Gi', cls: 'manual' })).settle('1m');
    const uid = pvc(tc, 'first')!.metadata!.uid;
    tc.api.delete('PersistentVolumeClaim', 'default', 'first');
    tc.settle('1m');
    const volume = pv(tc, 'keep')!;
    expect(volume.status!.phase).toBe('Released');
    expect(volume.spec!.claimRef).toMatchObject({ name: 'first', uid });
    tc.apply(pvcYaml('second', { size: '1Gi', cls: 'manual' })).advance('1m');
    expect(pvc(tc, 'second')!.status!.phase).toBe('Pending');
    // An admin clears the claimRef: the volume is Available and the waiting claim takes it.
    tc.api.patch('PersistentVolume', undefined, 'keep', (d: any) => {
      delete d.spec.claimRef;
    });
    tc.settle('1m');
    expect(pvc(tc, 'second')!.spec!.volumeName).toBe('keep');
    tc.expectNoInternalErrors();
  });

  it('Delete on a manual hostPath volume: only /tmp can be deleted, anything else fails', () => {
    const tc = testCluster();
    tc.apply(pvYaml('tmp-pv', { size: '1Gi', cls: 'a', reclaim: 'Delete', path: '/tmp/data' }) + pvYaml('mnt-pv', { size: '1Gi', cls: 'b', reclaim: 'Delete', path: '/mnt/web-data' }));
    tc.apply(pvcYaml('a', { size: '1Gi', cls: 'a' }) + pvcYaml('b', { size: '1Gi', cls: 'b' })).settle('1m');
    tc.api.delete('PersistentVolumeClaim', 'default', 'a');
    tc.api.delete('PersistentVolumeClaim', 'default', 'b');
    tc.settle('1m');
    expect(pv(tc, 'tmp-pv')).toBeUndefined();
    const failed = pv(tc, 'mnt-pv')!;
    expect(failed.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/web-data' });
    expect(eventsOf(tc, 'PersistentVolume', 'mnt-pv')).toEqual(['VolumeFailedDelete: host_path deleter only supports /tmp/.+ but received provided /mnt/web-data']);
    tc.expectNoInternalErrors();
  });

  it('Recycle: a hostPath volume is scrubbed and Available again', () => {
    const tc = testCluster();
    tc.apply(pvYaml('reuse', { size: '1Gi', cls: 'manual', reclaim: 'Recycle' }) + pvcYaml('one', { size: '1Gi', cls: 'manual' })).settle('1m');
    tc.api.delete('PersistentVolumeClaim', 'default', 'one');
    tc.settle('1m');
    expect(pv(tc, 'reuse')!.status!.phase).toBe('Available');
    expect(pv(tc, 'reuse')!.spec!.claimRef).toBeUndefined();
    expect(eventsOf(tc, 'PersistentVolume', 'reuse')).toEqual(['VolumeRecycled: Volume recycled']);
    tc.expectNoInternalErrors();
  });
});
