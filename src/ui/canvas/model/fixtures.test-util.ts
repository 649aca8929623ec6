import type { KObject } from '../../../engine/api/object';
import type { ClusterSnapshot } from '../../../store/snapshot';

/** Builders of real-shaped objects for the canvas model's tests. */

let seq = 0;
const uid = (p: string) => `${p}-${++seq}`;
const ts = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function node(name: string, opts: { controlPlane?: boolean; ready?: 'True' | 'False' | 'Unknown'; cordoned?: boolean } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-${name}`, labels: { 'kubernetes.io/hostname': name, ...(opts.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
    spec: opts.cordoned ? { unschedulable: true } : {},
    status: {
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }],
    },
  };
}

export interface PodOpts {
  node?: string;
  labels?: Record<string, string>;
  owner?: KObject;
  ready?: boolean;
  created?: number;
  phase?: string;
  claim?: string;
  namespace?: string;
  deleting?: boolean;
}

export function pod(name: string, o: PodOpts = {}): KObject {
  const running = o.node && o.ready !== false && (o.phase ?? 'Running') === 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `pod-${name}`,
      creationTimestamp: ts(o.created ?? 0),
      labels: o.labels ?? {},
      ...(o.deleting ? { deletionTimestamp: ts(60), deletionGracePeriodSeconds: 30 } : {}),
      ownerReferences: o.owner ? [{ apiVersion: o.owner.apiVersion, kind: o.owner.kind, name: o.owner.metadata.name!, uid: o.owner.metadata.uid!, controller: true }] : undefined,
    },
    spec: {
      nodeName: o.node,
      containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
      volumes: o.claim ? [{ name: 'data', persistentVolumeClaim: { claimName: o.claim } }] : undefined,
    },
    status: o.node
      ? {
          phase: o.phase ?? 'Running',
          conditions: [{ type: 'Ready', status: running ? 'True' : 'False' }],
          containerStatuses: [{ name: 'app', image: 'nginx:1.27', imageID: '', restartCount: 0, ready: !!running, started: !!running, state: running ? { running: { startedAt: ts(1) } } : { waiting: { reason: 'ContainerCreating' } } }],
        }
      : { phase: 'Pending' },
  };
}

export function deployment(name: string, replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: uid(`deploy-${name}`) },
    spec: { replicas, selector: { matchLabels: { app: name } } },
    status: { replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas },
  };
}

export function replicaSet(name: string, owner: KObject | undefined, revision: number, replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: uid(`rs-${name}`),
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true }] : undefined,
    },
    spec: { replicas },
    status: { replicas, readyReplicas: replicas },
  };
}

export function service(name: string, selector: Record<string, string>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: uid(`svc-${name}`) },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector, ports: [{ port: 80, protocol: 'TCP' }] },
  };
}

export function snapshot(objs: KObject[], time = 0, version = 1): ClusterSnapshot {
  const byKind = new Map<string, KObject[]>();
  for (const o of objs) {
    const list = byKind.get(o.kind) ?? [];
    list.push(o);
    byKind.set(o.kind, list);
  }
  return { version, time, byKind };
}

export function cluster(workers: number): KObject[] {
  return [node('control-plane', { controlPlane: true }), ...Array.from({ length: workers }, (_, i) => node(`worker-${i + 1}`))];
}
