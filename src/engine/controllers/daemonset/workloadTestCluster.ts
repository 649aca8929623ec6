import type { Node, Pod } from 'kubernetes-types/core/v1';
import { controllerRef, objectKey, type KObject } from '../../api/object';
import type { ClusterOptions } from '../../cluster';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { rfc3339, rfc3339Micro } from '../../time';
import { getTargetNodeName } from './nodeAffinity';

/**
 * Test support for the workload controllers' tests (DaemonSet, StatefulSet, Job, CronJob), standing
 * in for two parts of the cluster that other components own and that may still be placeholders:
 *
 * - the kubelet's node registration and heartbeats: a node without status.allocatable gets the
 *   status a healthy kubelet posts (capacity, allocatable, Ready=True) and a Lease in
 *   kube-node-lease renewed every 10 s, so a scheduler can place pods and the node lifecycle
 *   controller sees healthy nodes. Nodes that already have allocatable are left alone.
 * - the default scheduler's NodeAffinity filter for DaemonSet pods: if a probe shows the
 *   scheduler does not bind a pod to the node its matchFields term names, DaemonSet pods are
 *   bound to that node (the one thing the real scheduler guarantees for them).
 *
 * Neither changes what the controllers under test decide.
 */
export function workloadTestCluster(opts: ClusterOptions = {}): TestCluster {
  const c = testCluster(opts);
  standInForNodeHeartbeats(c);
  if (!schedulerHonoursMatchFields()) bindDaemonPodsToTheirNodes(c);
  return c;
}

const RENEW_MS = 10_000;

function standInForNodeHeartbeats(c: TestCluster): void {
  const { api, clock } = c.cluster;
  const cfg = c.cluster.config;
  const managed = new Set<string>();
  const post = (node: KObject) => {
    const now = rfc3339(clock.now());
    const capacity = { cpu: cfg.nodeCpu, memory: cfg.nodeMemory, pods: String(cfg.nodePods), 'ephemeral-storage': '100Gi' };
    const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now });
    api.patchStatus('Node', undefined, node.metadata.name!, (d: any) => {
      d.status ??= {};
      d.status.capacity ??= capacity;
      d.status.allocatable ??= capacity;
      d.status.conditions ??= [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ];
    });
  };
  const renew = (name: string) => {
    const node = api.get('Node', undefined, name);
    if (!node) return;
    const renewTime = rfc3339Micro(clock.now());
    const lease = api.get('Lease', 'kube-node-lease', name);
    if (lease) api.update({ ...lease, spec: { ...lease.spec, renewTime } });
    else {
      api.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
      });
    }
    clock.after(RENEW_MS, 'test:node-lease', () => renew(name), { background: true });
  };
  const adopt = (node: KObject) => {
    const name = node.metadata.name!;
    if (managed.has(name) || (node as Node).status?.allocatable) return;
    managed.add(name);
    post(node);
    if (!api.get('Lease', 'kube-node-lease', name)) renew(name);
  };
  for (const node of api.list('Node')) adopt(node);
  api.watch('Node', (ev) => {
    if (ev.type === 'ADDED') clock.after(0, 'test:node-status', () => {
      const n = api.get('Node', undefined, ev.object.metadata.name!);
      if (n) adopt(n);
    });
  });
}

let honoured: boolean | undefined;

/** Whether the cluster's scheduler binds a pod to the node its matchFields term names. */
function schedulerHonoursMatchFields(): boolean {
  if (honoured !== undefined) return honoured;
  const probe = testCluster({ workers: 3 });
  standInForNodeHeartbeats(probe);
  probe.apply(`
apiVersion: v1
kind: Pod
metadata: {name: probe}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [worker-3]}]}]
  containers: [{name: c, image: nginx}]
`);
  probe.advance('5s');
  honoured = probe.get('Pod', 'probe')?.spec?.nodeName === 'worker-3';
  return honoured;
}

function bindDaemonPodsToTheirNodes(c: TestCluster): void {
  const { api, clock } = c.cluster;
  api.watch('Pod', (ev) => {
    if (ev.type !== 'ADDED') return;
    const pod = ev.object as Pod;
    if (pod.spec?.nodeName || controllerRef(ev.object)?.kind !== 'DaemonSet') return;
    const node = getTargetNodeName(pod);
    if (!node) return;
    const key = objectKey(ev.object);
    clock.after(0, 'test:bind-daemon-pod', () => {
      const p = api.store.getByKey('Pod', key);
      if (!p || p.spec?.nodeName || p.metadata.deletionTimestamp || !api.get('Node', undefined, node)) return;
      api.bind(p.metadata.namespace!, p.metadata.name!, node);
    });
  });
}
