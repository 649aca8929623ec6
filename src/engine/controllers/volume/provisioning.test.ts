import { describe, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { schedulerCluster } from '../../scheduler/testing';
import { corpus, eventsOf, pv, pvc, pvcYaml } from './testSupport';

const EXTERNAL_PROVISIONING = (p: string) =>
  `ExternalProvisioning: Waiting for a volume to be created either by the external provisioner '${p}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;

/** What the scheduler's VolumeBinding plugin writes on a WaitForFirstConsumer claim for the node it chose. */
function selectNode(tc: TestCluster, claim: string, node: string): void {
  tc.api.patchMetadata('PersistentVolumeClaim', 'default', claim, (m) => {
    m.annotations = { ...(m.annotations ?? {}), 'volume.kubernetes.io/selected-node': node };
  });
}

const sources = (tc: TestCluster, name: string) => [...new Set(tc.cluster.recorder.log.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason} ${e.source.component}`))];

describe('dynamic provisioning with kind\'s local-path provisioner', () => {
  it('waits for the first consumer, then provisions pvc-<uid> on the selected node and binds it', () => {
    const tc = testCluster();
    tc.apply(pvcYaml('data', { size: '2Gi' })).settle('1m');
    const uid = pvc(tc, 'data')!.metadata!.uid!;
    expect(pvc(tc, 'data')!.spec!.storageClassName).toBe('standard');
    expect(pvc(tc, 'data')!.status!.phase).toBe('Pending');
    expect(tc.api.list('PersistentVolume')).toEqual([]);
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'data')).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);

    selectNode(tc, 'data', 'worker-2');
    const selectedAt = tc.now;
    tc.until(() => pvc(tc, 'data')!.status!.phase === 'Bound', '1m');
    // The helper pod takes about a second to make the directory.
    expect(tc.now - selectedAt).toBeGreaterThanOrEqual(1000);
    expect(tc.now - selectedAt).toBeLessThan(1100);

    const claim = pvc(tc, 'data')!;
    expect(claim.spec!.volumeName).toBe(`pvc-${uid}`);
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(claim.metadata!.annotations).toEqual({
      'volume.kubernetes.io/selected-node': 'worker-2',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'pv.kubernetes.io/bind-completed': 'yes',
    });
    const volume = pv(tc, `pvc-${uid}`)!;
    expect(volume.metadata!.annotations).toEqual({ 'local.path.provisioner/selected-node': 'worker-2', 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(volume.metadata!.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(volume.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
      hostPath: { path: `/var/local-path-provisioner/pvc-${uid}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-2'] }] }] } },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    });
    expect(volume.spec!.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid });
    expect(volume.status!.phase).toBe('Bound');

    const events = eventsOf(tc, 'PersistentVolumeClaim', 'data');
    // The binder syncs the claim again after annotating it for the provisioner, hence twice.
    expect(events.slice(1)).toEqual([
      EXTERNAL_PROVISIONING('rancher.io/local-path'),
      EXTERNAL_PROVISIONING('rancher.io/local-path'),
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume pvc-${uid}`,
    ]);
    const [, ext, prov] = sources(tc, 'data');
    expect(sources(tc, 'data')).toHaveLength(4);
    expect(ext).toBe('ExternalProvisioning persistentvolume-controller');
    expect(prov).toMatch(/^Provisioning rancher\.io\/local-path_local-path-provisioner-[4-9bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}_[0-9a-f-]{36}$/);
    tc.expectNoInternalErrors();
  });

  it('provisions an Immediate class at once; local-path then fails for want of a node, as on kind', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-immediate
provisioner: rancher.io/local-path
volumeBindingMode: Immediate
`).apply(pvcYaml('now', { size: '1Gi', cls: 'local-immediate' }));
    tc.advance('100ms');
    expect(pvc(tc, 'now')!.metadata!.annotations!['volume.kubernetes.io/storage-provisioner']).toBe('rancher.io/local-path');
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'now')).toEqual([
      EXTERNAL_PROVISIONING('rancher.io/local-path'),
      EXTERNAL_PROVISIONING('rancher.io/local-path'),
      'Provisioning: External provisioner is provisioning volume for claim "default/now"',
      'ProvisioningFailed: failed to provision volume with StorageClass "local-immediate": configuration error, no node was specified',
    ]);
    // The failure is retried after the library's back-off (15 s, 30 s, …) without keeping the cluster busy.
    tc.settle('10m');
    expect(tc.now).toBeLessThan(1000);
    tc.advance('50s');
    const failed = tc.cluster.recorder.log.filter((e) => e.reason === 'ProvisioningFailed');
    // Each retry also waits for the provisioner's 20 ms reaction.
    expect(failed.map((e) => [e.time, e.count])).toEqual([[20, 1], [15_040, 2], [45_060, 3]]);
    expect(pvc(tc, 'now')!.status!.phase).toBe('Pending');
    tc.expectNoInternalErrors();
  });

  it('hands a claim of another provisioner\'s class to that provisioner and waits', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: nfs
provisioner: example.com/nfs
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp2
provisioner: kubernetes.io/aws-ebs
`).apply(pvcYaml('shared', { size: '1Gi', cls: 'nfs', modes: ['ReadWriteMany'] }) + pvcYaml('ebs', { size: '1Gi', cls: 'gp2' }));
    tc.settle('1m');
    expect(pvc(tc, 'shared')!.status!.phase).toBe('Pending');
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'shared')[0]).toBe(EXTERNAL_PROVISIONING('example.com/nfs'));
    // CSI migration: the in-tree EBS name is served by the EBS CSI driver.
    expect(pvc(tc, 'ebs')!.metadata!.annotations!['volume.kubernetes.io/storage-provisioner']).toBe('ebs.csi.aws.com');
    tc.expectNoInternalErrors();
  });

  it('names the unscheduled pods a WaitForFirstConsumer claim is waiting for', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  schedulerName: nobody
  containers:
  - name: app
    image: nginx
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`).apply(pvcYaml('data', { size: '1Gi' }));
    tc.advance('1s');
    expect(eventsOf(tc, 'PersistentVolumeClaim', 'data')).toEqual(['WaitForPodScheduled: waiting for pod user to be scheduled']);
    tc.expectNoInternalErrors();
  });

  it('assigns the default class to a class-less claim once a default class appears', () => {
    const tc = testCluster();
    tc.api.patchMetadata('StorageClass', undefined, 'standard', (m) => {
      delete m.annotations;
    });
    tc.apply(pvcYaml('late', { size: '1Gi' }));
    tc.advance('1s');
    expect(pvc(tc, 'late')!.spec!.storageClassName).toBeUndefined();
    tc.api.patchMetadata('StorageClass', undefined, 'standard', (m) => {
      m.annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
    });
    tc.until(() => pvc(tc, 'late')!.spec!.storageClassName === 'standard', '1m');
    // The class appeared with a claim waiting: the next re-sync tick picks it up.
    expect(tc.now).toBe(15_000 + 5);
    tc.expectNoInternalErrors();
  });
});

describe('provisioning for pods (needs the scheduler slice)', () => {
  it('binds a pod\'s claim on the node the scheduler picked, then binds the pod there', () => {
    const tc = schedulerCluster();
    tc.apply(corpus('pods/storage/pv-pod.yaml').replace('task-pv-claim', 'www')).apply(pvcYaml('www', { size: '1Gi' })).settle('2m');
    const pod = tc.get('Pod', 'task-pv-pod')!;
    expect(pod.spec.nodeName).toMatch(/^worker-\d$/);
    const claim = pvc(tc, 'www')!;
    expect(claim.status!.phase).toBe('Bound');
    expect(claim.metadata!.annotations!['volume.kubernetes.io/selected-node']).toBe(pod.spec.nodeName);
    expect(pv(tc, claim.spec!.volumeName!)!.spec!.nodeAffinity!.required!.nodeSelectorTerms[0].matchExpressions![0].values).toEqual([pod.spec.nodeName]);
    tc.expectNoInternalErrors();
  });

  it('gives each StatefulSet replica its own bound claim (needs the statefulset slice too)', () => {
    const tc = schedulerCluster();
    tc.apply(corpus('application/web/web.yaml'));
    expect(tc.until(() => ['www-web-0', 'www-web-1'].every((n) => pvc(tc, n)?.status?.phase === 'Bound') && tc.readyPods({ selector: 'app=nginx' }).length === 2, '5m')).toBe(true);
    for (const i of [0, 1]) {
      const claim = pvc(tc, `www-web-${i}`)!;
      const node = tc.get('Pod', `web-${i}`)!.spec.nodeName;
      expect(claim.status!.capacity).toEqual({ storage: '1Gi' });
      expect(pv(tc, claim.spec!.volumeName!)!.metadata!.annotations!['local.path.provisioner/selected-node']).toBe(node);
    }
    tc.expectNoInternalErrors();
  });
});
