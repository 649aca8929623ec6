import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { eventsOf, pvc } from './testSupport';

const POD = `
apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  containers:
  - name: app
    image: busybox
  volumes:
  - name: cache
    ephemeral:
      volumeClaimTemplate:
        metadata:
          labels:
            type: cache
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
`;

describe('ephemeral volume controller', () => {
  it('creates <pod>-<volume> from the template, owned by the pod, and the claim goes with the pod', () => {
    const tc = testCluster();
    tc.apply(POD);
    tc.advance('100ms');
    const pod = tc.get('Pod', 'scratch')!;
    const claim = pvc(tc, 'scratch-cache')!;
    expect(claim.metadata!.labels).toEqual({ type: 'cache' });
    expect(claim.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'scratch', uid: pod.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(claim.spec!.storageClassName).toBe('standard');
    tc.api.delete('Pod', 'default', 'scratch');
    tc.advance('1s');
    expect(pvc(tc, 'scratch-cache')).toBeUndefined();
    tc.expectNoInternalErrors();
  });

  it('reports a claim of that name that the pod does not own', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: scratch-cache
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`).apply(POD);
    tc.advance('100ms');
    expect(eventsOf(tc, 'Pod', 'scratch').filter((e) => e.startsWith('FailedBinding'))).toEqual(['FailedBinding: PVC default/scratch-cache was not created for pod default/scratch (pod is not owner)']);
    expect(pvc(tc, 'scratch-cache')!.metadata!.ownerReferences).toBeUndefined();
    tc.expectNoInternalErrors();
  });
});
