/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { TestCluster } from '../../testing/testCluster';
import type { KObject } from '../../api/object';
import { getTargetNodeName } from './nodeAffinity';
import { workloadTestCluster } from './workloadTestCluster';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples', import.meta.url));

const LOGGER = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logger}
spec:
  selector: {matchLabels: {app: logger}}
  template:
    metadata: {labels: {app: logger}}
    spec:
      containers: [{name: c, image: nginx:1.27}]
`;

function cluster(workers = 3): TestCluster {
  return workloadTestCluster({ workers });
}

function dsPods(c: TestCluster, selector = 'app=logger', namespace = 'default'): Pod[] {
  return c.pods({ selector, namespace }).filter((p) => !p.metadata.deletionTimestamp) as Pod[];
}

function targets(pods: Pod[]): string[] {
  return pods.map((p) => getTargetNodeName(p)!).sort();
}

/** The DaemonSet saw its latest spec and every node runs an available pod of it. */
function rolledOut(c: TestCluster, name = 'logger'): boolean {
  const ds = c.get('DaemonSet', name)!;
  return ds.status?.observedGeneration === ds.metadata.generation && ds.status.updatedNumberScheduled === ds.status.desiredNumberScheduled && ds.status.numberAvailable === ds.status.desiredNumberScheduled;
}

function setImage(c: TestCluster, image: string, name = 'logger'): void {
  c.api.patch('DaemonSet', 'default', name, (d: any) => {
    d.spec.template.spec.containers[0].image = image;
  });
}

describe('DaemonSet controller', () => {
  it('runs one pod per worker and none on the control plane it does not tolerate', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    const pods = dsPods(c);
    expect(targets(pods)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(pods.every((p) => p.metadata!.name!.startsWith('logger-') && p.metadata!.name!.length === 'logger-'.length + 5)).toBe(true);
    expect(c.eventMessages('SuccessfulCreate').filter((m) => m.startsWith('Created pod: logger-'))).toHaveLength(3);
    const ds = c.get('DaemonSet', 'logger')!;
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      observedGeneration: 1,
    });
    expect(ds.status.numberUnavailable).toBeUndefined();
    c.expectNoInternalErrors();
  });

  it('runs on the control plane too when the manifest tolerates its taint (controllers/daemonset.yaml)', () => {
    const c = cluster().apply(readFileSync(`${CORPUS}/controllers/daemonset.yaml`, 'utf8')).settle('1m');
    const pods = dsPods(c, 'name=fluentd-elasticsearch', 'kube-system');
    expect(targets(pods)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(pods.every((p) => p.metadata!.name!.startsWith('fluentd-elasticsearch-'))).toBe(true);
    expect(c.get('DaemonSet', 'fluentd-elasticsearch', 'kube-system')!.status.desiredNumberScheduled).toBe(4);
    c.expectNoInternalErrors();
  });

  it('pins each pod with a matchFields node affinity instead of setting nodeName', () => {
    const c = cluster();
    const created: KObject[] = [];
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED') created.push(ev.object);
    });
    c.apply(LOGGER).settle('1m');
    expect(created).toHaveLength(3);
    for (const p of created) {
      expect(p.spec.nodeName).toBeUndefined();
      expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [getTargetNodeName(p as Pod)] }] }],
      });
    }
    // Once bound, each pod sits on the node it was pinned to.
    for (const p of dsPods(c)) expect(p.spec!.nodeName).toBe(getTargetNodeName({ ...p, spec: { ...p.spec!, nodeName: undefined } } as Pod));
    c.expectNoInternalErrors();
  });

  it('adds the daemon tolerations but not the control-plane one', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    const tols = dsPods(c)[0].spec!.tolerations!;
    expect(tols).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    c.expectNoInternalErrors();
  });

  it('tolerates network-unavailable only for hostNetwork pods', () => {
    const c = cluster().apply(LOGGER.replace('containers:', 'hostNetwork: true\n      containers:')).settle('1m');
    const keys = dsPods(c)[0].spec!.tolerations!.map((t) => t.key);
    expect(keys).toContain('node.kubernetes.io/network-unavailable');
    c.expectNoInternalErrors();
  });

  it('labels pods with the revision hash and records the revision as <ds>-<hash>', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    const revs = c.list('ControllerRevision');
    expect(revs).toHaveLength(1);
    const hash = revs[0].metadata.labels!['controller-revision-hash'];
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(revs[0].metadata.name).toBe(`logger-${hash}`);
    expect(revs[0].revision).toBe(1);
    expect(revs[0].metadata.ownerReferences![0]).toMatchObject({ kind: 'DaemonSet', name: 'logger', controller: true });
    expect(revs[0].data.spec.template.$patch).toBe('replace');
    for (const p of dsPods(c)) expect(p.metadata!.labels!['controller-revision-hash']).toBe(hash);
    c.expectNoInternalErrors();
  });

  it('creates a pod for a node that joins', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    c.cluster.controlPlane.nodes.addNode({ name: 'worker-4' });
    c.settle('1m');
    expect(targets(dsPods(c))).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4']);
    expect(c.get('DaemonSet', 'logger')!.status.desiredNumberScheduled).toBe(4);
    c.expectNoInternalErrors();
  });

  it('deletes the pod of a node whose labels stop matching the nodeSelector', () => {
    const c = cluster();
    for (const n of ['worker-1', 'worker-2', 'worker-3']) {
      c.api.patchMetadata('Node', undefined, n, (m) => {
        m.labels = { ...m.labels, disk: 'ssd' };
      });
    }
    c.apply(LOGGER.replace('containers:', 'nodeSelector: {disk: ssd}\n      containers:')).settle('1m');
    expect(dsPods(c)).toHaveLength(3);
    const onWorker2 = dsPods(c).find((p) => getTargetNodeName(p) === 'worker-2')!;
    c.api.patchMetadata('Node', undefined, 'worker-2', (m) => {
      m.labels = { ...m.labels, disk: 'hdd' };
    });
    c.settle('1m');
    expect(targets(dsPods(c))).toEqual(['worker-1', 'worker-3']);
    expect(c.eventMessages('SuccessfulDelete')).toContain(`Deleted pod: ${onWorker2.metadata!.name}`);
    expect(c.get('DaemonSet', 'logger')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
    c.expectNoInternalErrors();
  });

  it('keeps its pod on a node tainted NoSchedule but removes it for an untolerated NoExecute taint', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    c.api.patch('Node', undefined, 'worker-1', (d: any) => {
      d.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }];
    });
    c.settle('1m');
    expect(targets(dsPods(c))).toEqual(['worker-1', 'worker-2', 'worker-3']);
    // Not desired any more, but allowed to continue: counted as misscheduled.
    expect(c.get('DaemonSet', 'logger')!.status).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 1 });
    c.api.patch('Node', undefined, 'worker-1', (d: any) => {
      d.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }];
    });
    c.settle('1m');
    expect(targets(dsPods(c))).toEqual(['worker-2', 'worker-3']);
    c.expectNoInternalErrors();
  });

  it('ignores cordoning: an unschedulable node keeps and gets its daemon pod', () => {
    const c = cluster();
    c.api.patch('Node', undefined, 'worker-2', (d: any) => {
      d.spec.unschedulable = true;
      d.spec.taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];
    });
    c.apply(LOGGER).settle('1m');
    expect(targets(dsPods(c))).toEqual(['worker-1', 'worker-2', 'worker-3']);
    c.expectNoInternalErrors();
  });

  it('rolls out a new template node by node, one unavailable node at a time', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    const before = new Map(dsPods(c).map((p) => [getTargetNodeName(p)!, p.metadata!.name!]));
    const start = c.cluster.recorder.log.length;
    setImage(c, 'nginx:1.28');
    // Sample the cluster after every timer: never more than one node without an available pod.
    let worst = 0;
    c.until(() => {
      const ready = c.readyPods({ selector: 'app=logger' }).length;
      worst = Math.max(worst, 3 - ready);
      return rolledOut(c);
    }, '5m');
    expect(worst).toBe(1);
    const log = c.cluster.recorder.log.slice(start).filter((e) => e.involvedObject.name === 'logger');
    const deletions = log.filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deletions).toEqual(['worker-1', 'worker-2', 'worker-3'].map((n) => `Deleted pod: ${before.get(n)}`));
    // Each old pod goes only after the previous node's new pod was created (delete, create, delete, create …).
    expect(log.filter((e) => e.reason === 'SuccessfulDelete' || e.reason === 'SuccessfulCreate').map((e) => e.reason)).toEqual([
      'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate',
    ]);
    const revs = c.list('ControllerRevision').map((r) => r.revision).sort();
    expect(revs).toEqual([1, 2]);
    expect(dsPods(c).every((p) => p.spec!.containers[0].image === 'nginx:1.28')).toBe(true);
    c.expectNoInternalErrors();
  });

  it('rounds a percentage maxUnavailable up: 50% of 3 nodes replaces 2 at once', () => {
    const c = cluster()
      .apply(LOGGER.replace('spec:\n  selector', 'spec:\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: "50%"}}\n  selector'))
      .settle('1m');
    const start = c.cluster.recorder.log.length;
    setImage(c, 'nginx:1.28');
    c.advance('100ms');
    const firstDeletes = c.cluster.recorder.log.slice(start).filter((e) => e.reason === 'SuccessfulDelete');
    expect(firstDeletes).toHaveLength(2);
    c.settle('2m');
    expect(c.get('DaemonSet', 'logger')!.status.updatedNumberScheduled).toBe(3);
    c.expectNoInternalErrors();
  });

  it('surges with maxSurge: the new pod runs beside the old one until it is available', () => {
    const c = cluster()
      .apply(
        LOGGER.replace(
          'spec:\n  selector',
          'spec:\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  selector',
        ),
      )
      .settle('1m');
    setImage(c, 'nginx:1.28');
    let minReady = 3;
    let maxPods = 3;
    c.until(() => {
      minReady = Math.min(minReady, c.readyPods({ selector: 'app=logger' }).length);
      maxPods = Math.max(maxPods, dsPods(c).length);
      return rolledOut(c) && dsPods(c).length === 3;
    }, '5m');
    expect(minReady).toBe(3);
    expect(maxPods).toBe(4);
    c.expectNoInternalErrors();
  });

  it('leaves pods alone with OnDelete until one is deleted by hand', () => {
    const c = cluster().apply(LOGGER.replace('spec:\n  selector', 'spec:\n  updateStrategy: {type: OnDelete}\n  selector')).settle('1m');
    setImage(c, 'nginx:1.28');
    c.settle('1m');
    expect(dsPods(c).every((p) => p.spec!.containers[0].image === 'nginx:1.27')).toBe(true);
    expect(c.get('DaemonSet', 'logger')!.status.updatedNumberScheduled ?? 0).toBe(0);
    const victim = dsPods(c).find((p) => getTargetNodeName(p) === 'worker-2')!;
    c.api.delete('Pod', 'default', victim.metadata!.name!);
    c.settle('1m');
    const images = new Map(dsPods(c).map((p) => [getTargetNodeName(p)!, p.spec!.containers[0].image]));
    expect(images.get('worker-2')).toBe('nginx:1.28');
    expect(images.get('worker-1')).toBe('nginx:1.27');
    expect(c.get('DaemonSet', 'logger')!.status.updatedNumberScheduled).toBe(1);
    c.expectNoInternalErrors();
  });

  it('replaces a failed pod, backing off when the replacement fails again at once', () => {
    const c = cluster().apply(LOGGER).settle('1m');
    const failPodOn = (node: string) => {
      const p = dsPods(c).find((x) => getTargetNodeName(x) === node)!;
      c.api.patchStatus('Pod', 'default', p.metadata!.name!, (d: any) => {
        d.status.phase = 'Failed';
      });
      return p.metadata!.name!;
    };
    const first = failPodOn('worker-1');
    const t0 = c.now;
    c.advance('100ms');
    expect(c.eventsFor('logger')).toContain(`FailedDaemonPod: Found failed daemon pod default/${first} on node worker-1, will try to kill it`);
    expect(c.get('Pod', first)).toBeUndefined();
    // The replacement starts, and fails right away: the next kill waits for the 1 s back-off.
    c.until(() => c.readyPods({ selector: 'app=logger' }).length === 3, '1m');
    const second = failPodOn('worker-1');
    c.until(() => !c.get('Pod', second), '1m');
    expect(c.now - t0).toBeGreaterThanOrEqual(1000);
    c.until(() => c.readyPods({ selector: 'app=logger' }).length === 3, '1m');
    expect(targets(dsPods(c))).toEqual(['worker-1', 'worker-2', 'worker-3']);
    c.expectNoInternalErrors();
  });

  it('counts pods available only after minReadySeconds', () => {
    const c = cluster().apply(LOGGER.replace('spec:\n  selector', 'spec:\n  minReadySeconds: 30\n  selector'));
    c.until(() => c.readyPods({ selector: 'app=logger' }).length === 3, '1m');
    c.advance('100ms');
    expect(c.get('DaemonSet', 'logger')!.status).toMatchObject({ numberReady: 3, numberUnavailable: 3 });
    expect(c.get('DaemonSet', 'logger')!.status.numberAvailable).toBeUndefined();
    c.advance('40s');
    expect(c.get('DaemonSet', 'logger')!.status).toMatchObject({ numberReady: 3, numberAvailable: 3 });
    c.expectNoInternalErrors();
  });

  it('keeps only revisionHistoryLimit old revisions', () => {
    const c = cluster().apply(LOGGER.replace('spec:\n  selector', 'spec:\n  revisionHistoryLimit: 1\n  selector')).settle('1m');
    for (const tag of ['1.25', '1.26', '1.28']) {
      setImage(c, `nginx:${tag}`);
      c.settle('3m');
    }
    const revs = c.list('ControllerRevision').map((r) => r.revision).sort();
    expect(revs).toEqual([3, 4]);
    c.expectNoInternalErrors();
  });
});
