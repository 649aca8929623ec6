/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestCluster } from '../../testing/testCluster';
import { workloadTestCluster as testCluster } from '../daemonset/workloadTestCluster';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples', import.meta.url));

function webSet(opts: { replicas?: number; extraSpec?: string } = {}): string {
  return `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: ${opts.replicas ?? 3}
  selector: {matchLabels: {app: nginx}}
${opts.extraSpec ?? ''}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: registry.k8s.io/nginx-slim:0.8}]
`;
}

/** When each pod name was first ADDED, and when it first became Ready. */
function recordPodTimes(c: TestCluster) {
  const created = new Map<string, number[]>();
  const ready = new Map<string, number>();
  c.api.watch('Pod', (ev) => {
    const name = ev.object.metadata.name!;
    if (ev.type === 'ADDED') created.set(name, [...(created.get(name) ?? []), c.now]);
    const isReady = (ev.object.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True');
    if (isReady && !ready.has(name)) ready.set(name, c.now);
  });
  return { created, ready };
}

function setImage(c: TestCluster, image: string): void {
  c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
    d.spec.template.spec.containers[0].image = image;
  });
}

function images(c: TestCluster): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of c.pods({ selector: 'app=nginx' })) out[p.metadata.name!] = p.spec.containers[0].image;
  return out;
}

function statefulEvents(c: TestCluster, from = 0): string[] {
  return c.cluster.recorder.log.slice(from).filter((e) => e.involvedObject.kind === 'StatefulSet').map((e) => `${e.reason}: ${e.message}`);
}

describe('StatefulSet controller', () => {
  it('creates web-1 only after web-0 is Running and Ready (OrderedReady)', () => {
    const c = testCluster();
    const t = recordPodTimes(c);
    c.apply(webSet()).settle('2m');
    expect(c.readyPods({ selector: 'app=nginx' }).map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(t.created.get('web-1')![0]).toBeGreaterThanOrEqual(t.ready.get('web-0')!);
    expect(t.created.get('web-2')![0]).toBeGreaterThanOrEqual(t.ready.get('web-1')!);
    // ... and promptly: within a second of its predecessor turning Ready.
    expect(t.created.get('web-1')![0] - t.ready.get('web-0')!).toBeLessThan(1000);
    expect(statefulEvents(c)).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
    c.expectNoInternalErrors();
  });

  it('gives pods their stable identity: name, labels, hostname and subdomain', () => {
    const c = testCluster().apply(webSet({ replicas: 2 })).settle('2m');
    const rev = c.get('StatefulSet', 'web')!.status.updateRevision;
    expect(rev).toMatch(/^web-[456789bcdf]{1,10}$/);
    const pod = c.get('Pod', 'web-1')!;
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': rev,
    });
    expect(pod.metadata.generateName).toBeUndefined();
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.metadata.ownerReferences![0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true });
    const cr = c.get('ControllerRevision', rev)!;
    expect(cr.revision).toBe(1);
    expect(cr.metadata.labels!['controller.kubernetes.io/hash']).toBe(rev.slice('web-'.length));
    c.expectNoInternalErrors();
  });

  it('reports replicas, readiness and revisions in its status', () => {
    const c = testCluster().apply(webSet()).settle('2m');
    const s = c.get('StatefulSet', 'web')!.status;
    expect(s).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      collisionCount: 0,
    });
    expect(s.currentRevision).toBe(s.updateRevision);
    c.expectNoInternalErrors();
  });

  it('creates all pods at once with podManagementPolicy Parallel', () => {
    const c = testCluster();
    const t = recordPodTimes(c);
    c.apply(webSet({ extraSpec: '  podManagementPolicy: Parallel' })).advance('100ms');
    expect(c.pods({ selector: 'app=nginx' })).toHaveLength(3);
    const times = ['web-0', 'web-1', 'web-2'].map((n) => t.created.get(n)![0]);
    expect(new Set(times).size).toBe(1);
    c.settle('2m');
    expect(c.readyPods({ selector: 'app=nginx' })).toHaveLength(3);
    c.expectNoInternalErrors();
  });

  it('starts ordinals at spec.ordinals.start', () => {
    const c = testCluster().apply(webSet({ replicas: 2, extraSpec: '  ordinals: {start: 5}' })).settle('2m');
    expect(c.pods({ selector: 'app=nginx' }).map((p) => p.metadata.name).sort()).toEqual(['web-5', 'web-6']);
    expect(c.get('Pod', 'web-5')!.metadata.labels!['apps.kubernetes.io/pod-index']).toBe('5');
    c.expectNoInternalErrors();
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const c = testCluster().apply(webSet({ replicas: 4 })).settle('2m');
    const from = c.cluster.recorder.log.length;
    const gone = new Map<string, number>();
    const deleting = new Map<string, number>();
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'DELETED') gone.set(ev.object.metadata.name!, c.now);
      else if (ev.object.metadata.deletionTimestamp && !deleting.has(ev.object.metadata.name!)) deleting.set(ev.object.metadata.name!, c.now);
    });
    c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
      d.spec.replicas = 1;
    });
    c.settle('3m');
    expect(c.pods({ selector: 'app=nginx' }).map((p) => p.metadata.name)).toEqual(['web-0']);
    expect(statefulEvents(c, from)).toEqual([
      'SuccessfulDelete: delete Pod web-3 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
    // web-2 is asked to go only once web-3 is completely gone.
    expect(deleting.get('web-2')!).toBeGreaterThanOrEqual(gone.get('web-3')!);
    expect(deleting.get('web-1')!).toBeGreaterThanOrEqual(gone.get('web-2')!);
    c.expectNoInternalErrors();
  });

  it('does not scale up past a pod that is not Ready', () => {
    const c = testCluster().apply(webSet({ replicas: 2 })).settle('2m');
    c.cluster.controlPlane.nodes.stopKubelet(c.get('Pod', 'web-0')!.spec.nodeName);
    c.api.patchStatus('Pod', 'default', 'web-0', (d: any) => {
      d.status.conditions = d.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'False' } : x));
    });
    c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
      d.spec.replicas = 3;
    });
    c.advance('1m');
    expect(c.get('Pod', 'web-2')).toBeUndefined();
    c.api.patchStatus('Pod', 'default', 'web-0', (d: any) => {
      d.status.conditions = d.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'True' } : x));
    });
    c.advance('1m');
    expect(c.get('Pod', 'web-2')).toBeDefined();
    c.expectNoInternalErrors();
  });

  it('waits minReadySeconds of availability between pods', () => {
    const c = testCluster();
    const t = recordPodTimes(c);
    c.apply(webSet({ extraSpec: '  minReadySeconds: 10' })).settle('3m');
    expect(c.readyPods({ selector: 'app=nginx' })).toHaveLength(3);
    expect(t.created.get('web-1')![0] - t.ready.get('web-0')!).toBeGreaterThanOrEqual(10_000);
    expect(t.created.get('web-2')![0] - t.ready.get('web-1')!).toBeGreaterThanOrEqual(10_000);
    expect(c.get('StatefulSet', 'web')!.status).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
    c.expectNoInternalErrors();
  });

  it('replaces a failed pod with a new pod of the same name', () => {
    const c = testCluster().apply(webSet({ replicas: 2 })).settle('2m');
    const oldUid = c.get('Pod', 'web-1')!.metadata.uid;
    const from = c.cluster.recorder.log.length;
    c.api.patchStatus('Pod', 'default', 'web-1', (d: any) => {
      d.status.phase = 'Failed';
    });
    c.settle('2m');
    const pod = c.get('Pod', 'web-1')!;
    expect(pod.metadata.uid).not.toBe(oldUid);
    expect(pod.status.phase).toBe('Running');
    expect(statefulEvents(c, from)).toEqual([
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
    ]);
    c.expectNoInternalErrors();
  });

  it('rolls pods from the highest ordinal down, each recreated and Ready before the next', () => {
    const c = testCluster().apply(webSet()).settle('2m');
    const from = c.cluster.recorder.log.length;
    setImage(c, 'registry.k8s.io/nginx-slim:0.9');
    c.settle('5m');
    expect(images(c)).toEqual({ 'web-0': 'registry.k8s.io/nginx-slim:0.9', 'web-1': 'registry.k8s.io/nginx-slim:0.9', 'web-2': 'registry.k8s.io/nginx-slim:0.9' });
    expect(statefulEvents(c, from)).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ]);
    const s = c.get('StatefulSet', 'web')!.status;
    expect(s.currentRevision).toBe(s.updateRevision);
    expect(s).toMatchObject({ currentReplicas: 3, updatedReplicas: 3 });
    expect(c.list('ControllerRevision').map((r) => r.revision).sort()).toEqual([1, 2]);
    c.expectNoInternalErrors();
  });

  it('updates only ordinals at or above the partition (replicas 5, partition 3)', () => {
    const c = testCluster()
      .apply(webSet({ replicas: 5, extraSpec: '  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 3}}' }))
      .settle('3m');
    const before = c.get('StatefulSet', 'web')!.status.currentRevision;
    setImage(c, 'registry.k8s.io/nginx-slim:0.9');
    c.settle('5m');
    expect(images(c)).toEqual({
      'web-0': 'registry.k8s.io/nginx-slim:0.8',
      'web-1': 'registry.k8s.io/nginx-slim:0.8',
      'web-2': 'registry.k8s.io/nginx-slim:0.8',
      'web-3': 'registry.k8s.io/nginx-slim:0.9',
      'web-4': 'registry.k8s.io/nginx-slim:0.9',
    });
    let s = c.get('StatefulSet', 'web')!.status;
    expect(s.currentRevision).toBe(before);
    expect(s.updateRevision).not.toBe(before);
    expect(s).toMatchObject({ currentReplicas: 3, updatedReplicas: 2 });
    // A pod below the partition that is deleted comes back at the old revision.
    c.api.delete('Pod', 'default', 'web-1');
    c.settle('2m');
    expect(images(c)['web-1']).toBe('registry.k8s.io/nginx-slim:0.8');
    c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
      d.spec.updateStrategy.rollingUpdate.partition = 0;
    });
    c.settle('5m');
    expect(new Set(Object.values(images(c)))).toEqual(new Set(['registry.k8s.io/nginx-slim:0.9']));
    s = c.get('StatefulSet', 'web')!.status;
    expect(s.currentRevision).toBe(s.updateRevision);
    c.expectNoInternalErrors();
  });

  it('leaves pods on the old template with OnDelete until they are deleted', () => {
    const c = testCluster().apply(webSet({ extraSpec: '  updateStrategy: {type: OnDelete}' })).settle('2m');
    setImage(c, 'registry.k8s.io/nginx-slim:0.9');
    c.settle('1m');
    expect(new Set(Object.values(images(c)))).toEqual(new Set(['registry.k8s.io/nginx-slim:0.8']));
    c.api.delete('Pod', 'default', 'web-0');
    c.settle('2m');
    expect(images(c)['web-0']).toBe('registry.k8s.io/nginx-slim:0.9');
    expect(images(c)['web-2']).toBe('registry.k8s.io/nginx-slim:0.8');
    c.expectNoInternalErrors();
  });

  it('rolls two pods at a time with maxUnavailable 2', () => {
    const c = testCluster()
      .apply(webSet({ replicas: 4, extraSpec: '  podManagementPolicy: Parallel\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}' }))
      .settle('2m');
    const from = c.cluster.recorder.log.length;
    setImage(c, 'registry.k8s.io/nginx-slim:0.9');
    c.advance('100ms');
    expect(statefulEvents(c, from)).toEqual([
      'SuccessfulDelete: delete Pod web-3 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
    ]);
    c.settle('5m');
    expect(new Set(Object.values(images(c)))).toEqual(new Set(['registry.k8s.io/nginx-slim:0.9']));
    c.expectNoInternalErrors();
  });
});

describe('StatefulSet volumeClaimTemplates', () => {
  it('creates claim www-web-0 before pod web-0 and mounts it (application/web/web.yaml)', () => {
    const c = testCluster();
    const order: string[] = [];
    c.api.watchAll((ev) => {
      if (ev.type === 'ADDED' && (ev.object.kind === 'Pod' || ev.object.kind === 'PersistentVolumeClaim')) order.push(`${ev.object.kind}/${ev.object.metadata.name}`);
    });
    c.apply(readFileSync(`${CORPUS}/application/web/web.yaml`, 'utf8')).advance('100ms');
    expect(order.slice(0, 2)).toEqual(['PersistentVolumeClaim/www-web-0', 'Pod/web-0']);
    expect(statefulEvents(c).slice(0, 2)).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ]);
    const claim = c.get('PersistentVolumeClaim', 'www-web-0')!;
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    const vol = c.get('Pod', 'web-0')!.spec.volumes.find((v: any) => v.name === 'www');
    expect(vol).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    c.expectNoInternalErrors();
  });

  it('holds web-1 back while web-0 waits for its volume (controllers/statefulset.yaml)', () => {
    // Its claims ask for StorageClass "my-storage-class", which this cluster does not have.
    const c = testCluster().apply(readFileSync(`${CORPUS}/controllers/statefulset.yaml`, 'utf8')).settle('2m');
    expect(c.get('PersistentVolumeClaim', 'www-web-0')!.spec.storageClassName).toBe('my-storage-class');
    expect(c.get('Pod', 'web-0')!.status?.phase ?? 'Pending').toBe('Pending');
    expect(c.get('Pod', 'web-1')).toBeUndefined();
    expect(c.get('PersistentVolumeClaim', 'www-web-1')).toBeUndefined();
    c.expectNoInternalErrors();
  });

  // With Parallel the claims can be exercised without waiting for the pods to run (no PV controller needed).
  const parallelWeb = () =>
    readFileSync(`${CORPUS}/application/web/web.yaml`, 'utf8').replace('  serviceName: "nginx"', '  serviceName: "nginx"\n  podManagementPolicy: Parallel');

  it('keeps the claims when scaling down and reuses them when scaling up again', () => {
    const c = testCluster().apply(parallelWeb()).advance('5s');
    expect(c.list('PersistentVolumeClaim').map((p) => p.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1']);
    const uid = c.get('PersistentVolumeClaim', 'www-web-1')!.metadata.uid;
    c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
      d.spec.replicas = 1;
    });
    c.until(() => !c.get('Pod', 'web-1'), '3m');
    c.advance('5s');
    expect(c.get('PersistentVolumeClaim', 'www-web-1')!.metadata.uid).toBe(uid);
    c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
      d.spec.replicas = 2;
    });
    c.advance('5s');
    expect(c.get('Pod', 'web-1')!.spec.volumes.find((v: any) => v.name === 'www').persistentVolumeClaim.claimName).toBe('www-web-1');
    expect(c.get('PersistentVolumeClaim', 'www-web-1')!.metadata.uid).toBe(uid);
    expect(c.eventMessages('SuccessfulCreate').filter((m) => m.startsWith('create Claim www-web-1'))).toHaveLength(1);
    c.expectNoInternalErrors();
  });

  it('lets the set own its claims with whenDeleted: Delete, and a scaled-away pod own its claim with whenScaled: Delete', () => {
    const c = testCluster();
    const owners = new Map<string, any[][]>();
    c.api.watch('PersistentVolumeClaim', (ev) => {
      const name = ev.object.metadata.name!;
      owners.set(name, [...(owners.get(name) ?? []), ev.object.metadata.ownerReferences ?? []]);
    });
    c.apply(parallelWeb().replace('  serviceName: "nginx"', '  serviceName: "nginx"\n  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Delete}')).advance('5s');
    const set = c.get('StatefulSet', 'web')!;
    expect(c.get('PersistentVolumeClaim', 'www-web-1')!.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    const pod1 = c.get('Pod', 'web-1')!;
    c.api.patch('StatefulSet', 'default', 'web', (d: any) => {
      d.spec.replicas = 1;
    });
    c.advance('5s');
    // Before web-1 is deleted its claim passes from the set to the pod (the garbage collector then removes it).
    expect(owners.get('www-web-1')!.at(-1)).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: pod1.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(c.get('PersistentVolumeClaim', 'www-web-0')!.metadata.ownerReferences![0].kind).toBe('StatefulSet');
    c.expectNoInternalErrors();
  });
});
