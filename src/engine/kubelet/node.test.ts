import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/testCluster';
import { boundPod, nodeAgents } from './testing';

describe('node registration and heartbeats', () => {
  it('registers each node as a kind kubelet does', () => {
    const c = testCluster({ workers: 2 });
    const cp = c.get('Node', 'control-plane', '')!;
    const w = c.get('Node', 'worker-1', '')!;
    expect(cp.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'control-plane',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(cp.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(cp.spec.podCIDR).toBe('10.244.0.0/24');
    expect(w.spec).toMatchObject({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], providerID: 'kind://docker/kind/worker-1' });
    expect(w.spec.taints).toBeUndefined();
    expect(w.metadata.annotations!['volumes.kubernetes.io/controller-managed-attach-detach']).toBe('true');
    expect(w.status.capacity).toEqual({ cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8388608Ki', pods: '110' });
    expect(w.status.allocatable).toEqual(w.status.capacity);
    expect(w.status.conditions.map((x: any) => [x.type, x.status, x.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    expect(w.status.conditions[3].message).toBe('kubelet is posting ready status');
    expect(w.status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
    expect(w.status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(w.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.36.0', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://2.1.3' });
    expect(w.status.nodeInfo.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(w.status.nodeInfo.bootID).not.toBe(cp.status.nodeInfo.bootID);
    expect(w.status.images.some((i: any) => i.names.includes('registry.k8s.io/pause:3.10.1'))).toBe(true);
    const events = c.cluster.recorder.log.filter((e) => e.involvedObject.name === 'worker-1').map((e) => `${e.reason}: ${e.message}`);
    expect(events).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node worker-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node worker-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node worker-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node worker-1 status is now: NodeReady',
      ...events.slice(6),
    ]);
    c.expectNoInternalErrors();
  });

  it('renews its Lease every 10 s in the background: an idle cluster is quiet', () => {
    const c = testCluster();
    const lease = c.get('Lease', 'worker-1', 'kube-node-lease')!;
    expect(lease.spec).toMatchObject({ holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' });
    expect(lease.metadata.ownerReferences![0]).toMatchObject({ apiVersion: 'v1', kind: 'Node', name: 'worker-1' });
    c.settle('10m');
    expect(c.now).toBeLessThan(1000);
    c.advance('35s');
    expect(c.get('Lease', 'worker-1', 'kube-node-lease')!.spec.renewTime).toBe('2026-01-01T00:00:30.000000Z');
  });

  it('lists pulled images in the node status with their sizes', () => {
    const c = testCluster();
    c.apply(boundPod('web', '  - {name: n, image: "nginx:1.27"}')).advance('30s');
    const img = c.get('Node', 'worker-1', '')!.status.images.find((i: any) => i.names.includes('docker.io/library/nginx:1.27'));
    expect(img.names[0]).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(img.sizeBytes).toBeGreaterThan(60_000_000);
  });
});

describe('chaos on nodes and pods', () => {
  it('node-down: no more heartbeats, pods keep their status, deletions wait; node-up reconciles', () => {
    const c = testCluster();
    c.apply(boundPod('web', '  - {name: n, image: "nginx:1.27"}')).apply(boundPod('doomed', '  - {name: n, image: "nginx:1.27"}')).advance('30s');
    const agents = nodeAgents(c);
    agents.stopKubelet('worker-1');
    expect(agents.isRunning('worker-1')).toBe(false);
    const renew = c.get('Lease', 'worker-1', 'kube-node-lease')!.spec.renewTime;
    c.api.delete('Pod', 'default', 'doomed');
    c.advance('40s');
    expect(c.get('Lease', 'worker-1', 'kube-node-lease')!.spec.renewTime).toBe(renew);
    expect(c.get('Pod', 'web')!.status.phase).toBe('Running');
    expect(c.get('Pod', 'doomed')!.metadata.deletionTimestamp).toBeDefined();
    expect(agents.podMetrics('default', 'web')).toBeUndefined();
    agents.startKubelet('worker-1');
    expect(c.eventsFor('worker-1').filter((e) => e.startsWith('Starting'))).toHaveLength(2);
    c.advance('35s');
    expect(c.get('Pod', 'doomed')).toBeUndefined();
    expect(c.get('Pod', 'web')!.status.phase).toBe('Running');
    expect(c.get('Lease', 'worker-1', 'kube-node-lease')!.spec.renewTime).not.toBe(renew);
    expect(c.get('Node', 'worker-1', '')!.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('True');
    c.expectNoInternalErrors();
  });

  it('node-down keeps the cluster busy until the node is NotReady and its pods are marked for deletion', () => {
    const c = testCluster();
    c.apply(boundPod('web', '  - {name: n, image: "nginx:1.27"}')).advance('30s');
    nodeAgents(c).stopKubelet('worker-1');
    const t0 = c.now;
    expect(nodeAgents(c).busyReporter.busy()).toBe(true);
    c.settle('30m');
    // The node lifecycle controller notices after its grace period and evicts after the 300 s toleration.
    expect(c.get('Node', 'worker-1', '')!.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('Unknown');
    expect(c.get('Pod', 'web')!.metadata.deletionTimestamp).toBeDefined();
    expect(nodeAgents(c).busyReporter.busy()).toBe(false);
    expect(c.now - t0).toBeLessThan(10 * 60_000);
    // The pod stays Terminating: nothing on the node can finish its deletion.
    c.advance('5m');
    expect(c.get('Pod', 'web')).toBeDefined();
  });

  it('chaos kill: every container dies with 137 and restartPolicy brings it back', () => {
    const c = testCluster();
    c.apply(boundPod('web', '  - {name: n, image: "nginx:1.27"}\n  - {name: s, image: "busybox:1.36", command: ["sleep", "3600"]}')).advance('30s');
    expect(nodeAgents(c).killPod('default', 'web')).toBe(true);
    c.advance('100ms');
    const killed = c.get('Pod', 'web')!.status.containerStatuses;
    expect(killed.map((s: any) => s.state.terminated)).toMatchObject([
      { exitCode: 137, reason: 'Error' },
      { exitCode: 137, reason: 'Error' },
    ]);
    c.advance('10s');
    const back = c.get('Pod', 'web')!.status.containerStatuses;
    expect(back.map((s: any) => [s.restartCount, !!s.state.running])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(nodeAgents(c).killPod('default', 'nothere')).toBe(false);
  });

  it('keeps the previous run of a container for logs --previous', () => {
    const c = testCluster();
    c.apply(boundPod('counter', '  - {name: count, image: "busybox:1.36", command: ["sh", "-c", "i=0; while true; do echo \\"$i: $(date)\\"; i=$((i+1)); sleep 1; done"]}')).advance('10s');
    const logs = nodeAgents(c).containerLogs('default', 'counter')!;
    expect(logs[0]).toMatch(/^0: Thu Jan {2}1 00:00:0\d UTC 2026$/);
    expect(logs.length).toBeGreaterThanOrEqual(8);
    nodeAgents(c).killPod('default', 'counter');
    c.advance('3s');
    expect(nodeAgents(c).containerLogs('default', 'counter', 'count', { previous: true })).toEqual(logs.concat(nodeAgents(c).containerLogs('default', 'counter', 'count', { previous: true })!.slice(logs.length)));
    expect(nodeAgents(c).containerLogs('default', 'counter')![0]).toMatch(/^0: /);
  });

  it('reports usage for kubectl top from what the programs do', () => {
    const c = testCluster();
    c.apply('{apiVersion: v1, kind: Namespace, metadata: {name: cpu-example}}');
    c.apply(boundPod('idle', '  - {name: n, image: "nginx:1.27"}'));
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: cpu-demo, namespace: cpu-example}
spec:
  nodeName: worker-1
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources: {limits: {cpu: "1"}, requests: {cpu: "0.5"}}
    args: ["-cpus", "2"]
`).advance('30s');
    const idle = nodeAgents(c).podMetrics('default', 'idle')!.containers[0];
    expect(idle.cpuMilli).toBeLessThan(5);
    expect(idle.memoryBytes).toBeGreaterThan(2 * 1024 * 1024);
    const busy = nodeAgents(c).podMetrics('cpu-example', 'cpu-demo')!.containers[0];
    expect(busy.cpuMilli).toBe(1000);
    const node = nodeAgents(c).nodeMetrics('worker-1')!;
    expect(node.cpuMilli).toBeGreaterThan(1000);
  });
});

describe('determinism', () => {
  it('tells the same story twice with the same seed', () => {
    const run = () => {
      const c = testCluster({ seed: 7 });
      const trace: string[] = [];
      c.api.watchAll((ev) => trace.push(`${c.now} ${ev.type} ${ev.object.kind} ${ev.object.metadata.name} ${JSON.stringify(ev.object.status ?? ev.object.spec ?? {})}`));
      c.apply(boundPod('a', '  - {name: n, image: "nginx:1.27"}\n  - {name: s, image: "busybox:1.36", command: ["sh", "-c", "sleep 5; exit 2"]}'));
      c.apply(boundPod('b', '  - {name: n, image: "nginx:1.161"}', '', 'worker-2'));
      c.advance('2m');
      c.api.delete('Pod', 'default', 'a');
      c.advance('1m');
      return trace.join('\n');
    };
    const first = run();
    expect(first.length).toBeGreaterThan(1000);
    expect(run()).toBe(first);
  });
});
