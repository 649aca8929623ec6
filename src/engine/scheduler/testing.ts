import type { Taint } from 'kubernetes-types/core/v1';
import type { KObject } from '../api/object';
import type { ClusterOptions } from '../cluster';
import { testCluster, type TestCluster } from '../testing/testCluster';
import type { Scheduler } from './index';

export interface TestNodeOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

/**
 * A test cluster whose nodes report allocatable resources, whichever kubelet is plugged in:
 * the scheduler's tests depend on binding only.
 */
export function schedulerCluster(opts: ClusterOptions = {}): TestCluster {
  const tc = testCluster(opts);
  const cfg = tc.cluster.config;
  for (const n of tc.api.list('Node')) {
    if (n.status?.allocatable) continue;
    setNodeStatus(tc, n.metadata.name!, { cpu: cfg.nodeCpu, memory: cfg.nodeMemory, pods: cfg.nodePods });
  }
  return tc;
}

export function schedulerOf(tc: TestCluster): Scheduler {
  return tc.cluster.controlPlane.scheduler;
}

export function setNodeStatus(tc: TestCluster, name: string, o: TestNodeOptions): KObject {
  return tc.api.patchStatus('Node', undefined, name, (d: any) => {
    d.status ??= {};
    const alloc = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: String(o.pods ?? 110) };
    d.status.capacity = alloc;
    d.status.allocatable = alloc;
    if (o.images) d.status.images = o.images;
  });
}

/** Registers a node as a kubelet would: the Node, then its status with allocatable resources. */
export function addNode(tc: TestCluster, name: string, o: TestNodeOptions = {}): KObject {
  tc.api.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
  });
  return setNodeStatus(tc, name, o);
}

/** The node a pod was bound to ('' while pending). */
export function nodeOf(tc: TestCluster, name: string, namespace = 'default'): string {
  return tc.get('Pod', name, namespace)?.spec?.nodeName ?? '';
}

/** A minimal pod manifest. */
export function podYaml(name: string, extra: { cpu?: string; memory?: string; labels?: Record<string, string>; spec?: string; namespace?: string } = {}): string {
  const labels = Object.entries(extra.labels ?? {}).map(([k, v]) => `    ${k}: "${v}"`).join('\n');
  const res = extra.cpu || extra.memory ? `\n    resources:\n      requests:${extra.cpu ? `\n        cpu: "${extra.cpu}"` : ''}${extra.memory ? `\n        memory: "${extra.memory}"` : ''}` : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${extra.namespace ?? 'default'}${labels ? `\n  labels:\n${labels}` : ''}
spec:${extra.spec ? `\n${extra.spec}` : ''}
  containers:
  - name: app
    image: nginx:1.27${res}
`;
}
