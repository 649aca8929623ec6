import { describe, it, expect } from 'vitest';
import { addNode, nodeOf, podYaml, schedulerCluster, schedulerOf } from './testing';
import { defaultSelector } from './plugins/podTopologySpread';
import { selectorToString } from '../api/selectors';

const CP = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

describe('node affinity', () => {
  it('places a pod by nodeSelector', () => {
    const tc = schedulerCluster();
    tc.api.patch('Node', undefined, 'worker-3', (d: any) => void (d.metadata.labels.disktype = 'ssd'));
    tc.apply(podYaml('db', { spec: '  nodeSelector:\n    disktype: ssd' })).advance('1s');
    expect(nodeOf(tc, 'db')).toBe('worker-3');
  });

  it('places a pod by required node affinity (docs example pods/pod-with-node-affinity.yaml shape)', () => {
    const tc = schedulerCluster();
    tc.api.patch('Node', undefined, 'worker-2', (d: any) => void (d.metadata.labels['topology.kubernetes.io/zone'] = 'antarctica-east1'));
    tc.apply(`apiVersion: v1
kind: Pod
metadata:
  name: with-node-affinity
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: topology.kubernetes.io/zone
            operator: In
            values:
            - antarctica-east1
            - antarctica-west1
  containers:
  - name: with-node-affinity
    image: registry.k8s.io/pause:3.8
`).advance('1s');
    expect(nodeOf(tc, 'with-node-affinity')).toBe('worker-2');
  });

  it('prefers nodes matching preferred terms', () => {
    const tc = schedulerCluster();
    tc.api.patch('Node', undefined, 'worker-1', (d: any) => void (d.metadata.labels.tier = 'gold'));
    for (let i = 0; i < 3; i++) {
      tc.apply(podYaml(`pref-${i}`, { spec: '  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 80\n        preference:\n          matchExpressions:\n          - key: tier\n            operator: In\n            values: [gold]' }));
    }
    tc.advance('1s');
    for (let i = 0; i < 3; i++) expect(nodeOf(tc, `pref-${i}`)).toBe('worker-1');
    const d = schedulerOf(tc).lastDecision('default', 'pref-0')!;
    expect(d.perNode.find((v) => v.node === 'worker-1')!.scores!.NodeAffinity).toBe(200);
    expect(d.perNode.find((v) => v.node === 'worker-2')!.scores!.NodeAffinity).toBe(0);
  });

  it('sends a DaemonSet-style pod (matchFields metadata.name) only to its node, counting the others as not considered', () => {
    const tc = schedulerCluster();
    const ds = (name: string, node: string, cpu: string) =>
      podYaml(name, { cpu, spec: `  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchFields:\n          - key: metadata.name\n            operator: In\n            values: [${node}]` });
    tc.apply(ds('agent-a', 'worker-2', '100m')).advance('1s');
    expect(nodeOf(tc, 'agent-a')).toBe('worker-2');
    expect(schedulerOf(tc).lastDecision('default', 'agent-a')!.nodesEvaluated).toBe(1);
    tc.apply(ds('agent-b', 'worker-2', '4')).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
  });
});

describe('spreading', () => {
  it('spreads pods selected by a Service evenly over the workers (default topology spread + least allocated)', () => {
    const tc = schedulerCluster({ workers: 3 });
    tc.apply('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    for (let i = 0; i < 9; i++) tc.apply(podYaml(`web-${i}`, { labels: { app: 'web' } }));
    tc.advance('1s');
    expect(countBy(Array.from({ length: 9 }, (_, i) => nodeOf(tc, `web-${i}`)))).toEqual({ 'worker-1': 3, 'worker-2': 3, 'worker-3': 3 });
  });

  it('spreads a ReplicaSet-like group on six workers two by two', () => {
    const tc = schedulerCluster({ workers: 6 });
    for (let i = 0; i < 12; i++) tc.apply(podYaml(`api-${i}`, { labels: { app: 'api' }, cpu: '100m', memory: '64Mi' }));
    tc.advance('1s');
    const per = countBy(Array.from({ length: 12 }, (_, i) => nodeOf(tc, `api-${i}`)));
    expect(Object.values(per)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('derives the default spreading selector from the pod’s ReplicaSet and the Services that select it', () => {
    const tc = schedulerCluster();
    tc.apply('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    const rs = tc.api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d4f', namespace: 'default' }, spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5d4f' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    const pod: any = { metadata: { name: 'x', namespace: 'default', labels: { app: 'web', 'pod-template-hash': '5d4f' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f', uid: rs.metadata.uid, controller: true }] }, spec: {} };
    expect(selectorToString(defaultSelector(tc.api, pod))).toBe('app=web,app=web,pod-template-hash=5d4f');
    const lonely: any = { metadata: { name: 'y', namespace: 'default', labels: { run: 'y' } }, spec: {} };
    expect(defaultSelector(tc.api, lonely).requirements).toEqual([]);
  });

  it('enforces DoNotSchedule topology spread over zones, and needs the topology label on the node', () => {
    const tc = schedulerCluster({ workers: 0 });
    addNode(tc, 'a-1', { labels: { 'topology.kubernetes.io/zone': 'a' } });
    addNode(tc, 'a-2', { labels: { 'topology.kubernetes.io/zone': 'a' } });
    addNode(tc, 'b-1', { labels: { 'topology.kubernetes.io/zone': 'b' } });
    addNode(tc, 'nolabel');
    const spread = '  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: topology.kubernetes.io/zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: zoned';
    for (let i = 0; i < 4; i++) tc.apply(podYaml(`z-${i}`, { labels: { app: 'zoned' }, spec: spread }));
    tc.advance('1s');
    const zones = Array.from({ length: 4 }, (_, i) => nodeOf(tc, `z-${i}`)[0]);
    expect(countBy(zones)).toEqual({ a: 2, b: 2 });
    tc.api.patch('Node', undefined, 'b-1', (d: any) => void (d.spec.unschedulable = true));
    tc.apply(podYaml('z-4', { labels: { app: 'zoned' }, spec: spread })).advance('1s');
    tc.apply(podYaml('z-5', { labels: { app: 'zoned' }, spec: spread })).advance('1s');
    expect(nodeOf(tc, 'z-4')[0]).toBe('a');
    expect(tc.eventMessages('FailedScheduling').at(-1)).toBe(
      "0/5 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod topology spread constraints. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.".replace(
        /: (.*)\. preemption/,
        (_m, list: string) => `: ${list.split(', ').sort().join(', ')}. preemption`,
      ),
    );
  });
});

describe('inter-pod affinity', () => {
  const anti = (app: string) =>
    `  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector:\n          matchLabels:\n            app: ${app}\n        topologyKey: kubernetes.io/hostname`;

  it('keeps replicas with required anti-affinity on different nodes, and explains when none is left', () => {
    const tc = schedulerCluster();
    for (let i = 0; i < 3; i++) tc.apply(podYaml(`db-${i}`, { labels: { app: 'db' }, spec: anti('db') }));
    tc.advance('1s');
    expect(new Set([0, 1, 2].map((i) => nodeOf(tc, `db-${i}`))).size).toBe(3);
    tc.apply(podYaml('db-3', { labels: { app: 'db' }, spec: anti('db') })).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      `0/4 nodes are available: 1 ${CP}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    );
  });

  it("respects existing pods' anti-affinity symmetrically", () => {
    const tc = schedulerCluster({ workers: 2 });
    tc.apply(podYaml('loner', { labels: { app: 'loner' }, spec: anti('noisy') })).advance('1s');
    const lonerNode = nodeOf(tc, 'loner');
    for (let i = 0; i < 3; i++) tc.apply(podYaml(`noisy-${i}`, { labels: { app: 'noisy' } }));
    tc.advance('1s');
    for (let i = 0; i < 3; i++) expect(nodeOf(tc, `noisy-${i}`)).not.toBe(lonerNode);
    const d = schedulerOf(tc).lastDecision('default', 'noisy-0')!;
    expect(d.perNode.find((v) => v.node === lonerNode)!.filter).toBe("node(s) didn't satisfy existing pods anti-affinity rules");
  });

  it('co-locates a pod with required affinity, and lets the first of a self-affine group start anywhere', () => {
    const tc = schedulerCluster();
    const aff = (app: string) =>
      `  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector:\n          matchLabels:\n            app: ${app}\n        topologyKey: kubernetes.io/hostname`;
    tc.apply(podYaml('web', { labels: { app: 'web' }, spec: aff('cache') })).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      `0/4 nodes are available: 1 ${CP}, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    tc.apply(podYaml('cache', { labels: { app: 'cache' }, spec: aff('cache') })).advance('5s');
    expect(nodeOf(tc, 'cache')).toMatch(/^worker-/);
    expect(nodeOf(tc, 'web')).toBe(nodeOf(tc, 'cache'));
  });
});

describe('host ports', () => {
  it('places two pods with the same host port on different nodes', () => {
    const tc = schedulerCluster({ workers: 1 });
    const hp = '\n    ports:\n    - containerPort: 80\n      hostPort: 8080';
    const withPort = (name: string) => podYaml(name).replace('image: nginx:1.27', `image: nginx:1.27${hp}`);
    tc.apply(withPort('a')).advance('1s');
    tc.apply(withPort('b')).advance('1s');
    expect(nodeOf(tc, 'a')).toBe('worker-1');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      `0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 ${CP}. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`,
    );
  });
});

describe('preemption', () => {
  const classes = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: low
value: 100
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-polite
value: 1000
preemptionPolicy: Never
`;
  const prio = (cls: string, value: number) => `  priorityClassName: ${cls}\n  priority: ${value}\n  terminationGracePeriodSeconds: 0`;

  it('evicts the fewest lower-priority pods needed, nominates the node, and binds once they are gone', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.apply(classes);
    for (let i = 0; i < 4; i++) tc.apply(podYaml(`low-${i}`, { cpu: '1', spec: prio('low', 100) }));
    tc.advance('1s');
    tc.apply(podYaml('vip', { cpu: '3', spec: prio('high', 1000) })).advance('50ms');
    const preempted = tc.cluster.recorder.log.filter((e) => e.reason === 'Preempted');
    expect(preempted).toHaveLength(3);
    const vip = tc.get('Pod', 'vip')!;
    for (const e of preempted) expect(e.message).toBe(`Preempted by pod ${vip.metadata.uid} on node worker-1`);
    // Upper case sorts first, as Go's sort.Strings does: "1 Insufficient cpu" before "1 node(s) …".
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(`0/2 nodes are available: 1 Insufficient cpu, 1 ${CP}.`);
    tc.advance('2s');
    expect(nodeOf(tc, 'vip')).toBe('worker-1');
    expect(tc.pods().filter((p) => p.metadata.name!.startsWith('low-'))).toHaveLength(1);
  });

  it('does not preempt for a pod with preemptionPolicy Never', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.apply(classes);
    tc.apply(podYaml('low', { cpu: '3', spec: prio('low', 100) })).advance('1s');
    tc.apply(podYaml('polite', { cpu: '3', spec: `${prio('high-polite', 1000)}\n  preemptionPolicy: Never` })).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(`0/2 nodes are available: 1 Insufficient cpu, 1 ${CP}. preemption: not eligible due to preemptionPolicy=Never.`);
    expect(nodeOf(tc, 'low')).toBe('worker-1');
  });

  it('prefers evicting pods that no PodDisruptionBudget protects', () => {
    const tc = schedulerCluster({ workers: 2 });
    tc.apply(classes);
    tc.apply(podYaml('guarded', { cpu: '3', labels: { app: 'guarded' }, spec: `${prio('low', 100)}\n  nodeSelector:\n    kubernetes.io/hostname: worker-1` }));
    tc.apply(podYaml('free', { cpu: '3', labels: { app: 'free' }, spec: `${prio('low', 100)}\n  nodeSelector:\n    kubernetes.io/hostname: worker-2` }));
    tc.apply('apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: guarded\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: guarded\n');
    tc.api.patchStatus('PodDisruptionBudget', 'default', 'guarded', (d: any) => void (d.status = { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 }));
    tc.advance('1s');
    tc.apply(podYaml('vip', { cpu: '3', spec: prio('high', 1000) })).advance('2s');
    expect(tc.get('Pod', 'guarded')).toBeDefined();
    expect(tc.get('Pod', 'free')).toBeUndefined();
    expect(nodeOf(tc, 'vip')).toBe('worker-2');
  });
});

describe('volume binding', () => {
  const claimPod = (name: string, claim: string) => podYaml(name, { spec: `  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: ${claim}` });

  it('waits for a missing claim', () => {
    const tc = schedulerCluster();
    tc.apply(claimPod('app', 'data')).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      '0/4 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('waits for an unbound claim of an Immediate class', () => {
    const tc = schedulerCluster();
    tc.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: manual\nprovisioner: example.com/nobody\nvolumeBindingMode: Immediate\n');
    tc.apply('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: manual\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    tc.apply(claimPod('app', 'data')).advance('1s');
    expect(tc.eventMessages('FailedScheduling')[0]).toBe(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('picks a node for a WaitForFirstConsumer claim, annotates it, and binds the pod once the claim is bound', () => {
    const tc = schedulerCluster();
    tc.apply('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: standard\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    tc.apply(claimPod('app', 'data')).advance('50ms');
    const selected = tc.get('PersistentVolumeClaim', 'data')!.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(selected).toMatch(/^worker-/);
    if (!tc.get('PersistentVolumeClaim', 'data')!.spec.volumeName) {
      expect(nodeOf(tc, 'app')).toBe('');
      // Stand in for the PV controller: provision on the selected node and bind the claim.
      tc.api.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-data' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'standard', hostPath: { path: '/data' } } });
      tc.api.patch('PersistentVolumeClaim', 'default', 'data', (d: any) => void (d.spec.volumeName = 'pv-data'));
      tc.api.patchStatus('PersistentVolumeClaim', 'default', 'data', (d: any) => void (d.status = { phase: 'Bound' }));
    }
    tc.advance('5s');
    expect(nodeOf(tc, 'app')).toBe(selected);
  });

  it('follows the node affinity of an already bound volume', () => {
    const tc = schedulerCluster();
    tc.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-pv' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
        local: { path: '/mnt/disks/1' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-3'] }] }] } },
      },
    });
    tc.apply('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: local\n  volumeName: local-pv\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    tc.api.patchStatus('PersistentVolumeClaim', 'default', 'data', (d: any) => void (d.status = { phase: 'Bound' }));
    tc.apply(claimPod('app', 'data')).advance('1s');
    expect(nodeOf(tc, 'app')).toBe('worker-3');
  });
});
