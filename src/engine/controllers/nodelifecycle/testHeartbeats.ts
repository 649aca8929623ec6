import type { Node } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/object';
import type { TimerHandle } from '../../clock/simClock';
import type { TestCluster } from '../../testing/testCluster';
import { rfc3339, rfc3339Micro } from '../../time';
import { NODE_LEASE_NAMESPACE } from './constants';

const RENEW_INTERVAL_MS = 10_000;

/**
 * Test support standing in for the kubelet's heartbeats where the kubelet does not keep one:
 * a coordination.k8s.io/v1 Lease per node in kube-node-lease renewed every 10 s, and the node
 * status a healthy kubelet posts (Ready=True). Nodes whose kubelet already keeps a Lease are
 * left to it. stop()/start() also stop and start the node's kubelet, as `chaos node-down` does.
 */
export class TestHeartbeats {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly managed = new Set<string>();

  constructor(private readonly tc: TestCluster) {
    for (const node of tc.api.list('Node')) {
      const name = node.metadata.name!;
      if (tc.api.get('Lease', NODE_LEASE_NAMESPACE, name)) continue;
      this.managed.add(name);
      this.start(name);
    }
  }

  /** The kubelet of `name` stops: no more lease renewals or status. */
  stop(name: string): void {
    this.tc.cluster.controlPlane.nodes.stopKubelet(name);
    this.tc.cluster.clock.cancel(this.timers.get(name));
    this.timers.delete(name);
  }

  /** The kubelet comes back: it posts Ready=True at once and renews its lease again. */
  start(name: string): void {
    this.tc.cluster.controlPlane.nodes.startKubelet(name);
    if (!this.managed.has(name)) return;
    this.postReady(name);
    this.renew(name);
  }

  private renew(name: string): void {
    const api = this.tc.api;
    const node = api.get('Node', undefined, name);
    if (!node) return;
    const renewTime = rfc3339Micro(api.clock.now());
    const lease = api.get('Lease', NODE_LEASE_NAMESPACE, name);
    if (lease) {
      api.update({ ...lease, spec: { ...lease.spec, renewTime } });
    } else {
      api.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: NODE_LEASE_NAMESPACE,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
        },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
      });
    }
    this.timers.set(name, api.clock.after(RENEW_INTERVAL_MS, 'test:lease-renew', () => this.renew(name), { background: true }));
  }

  private postReady(name: string): void {
    const api = this.tc.api;
    const node = api.get('Node', undefined, name) as Node | undefined;
    if (!node) return;
    const now = rfc3339(api.clock.now());
    const cond = (type: string, status: string, reason: string, message: string) => {
      const old = node.status?.conditions?.find((c) => c.type === type);
      return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: old?.status === status ? old.lastTransitionTime : now };
    };
    api.updateStatus({
      ...(node as KObject),
      status: {
        ...node.status,
        conditions: [
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
      },
    });
  }
}

export function testHeartbeats(tc: TestCluster): TestHeartbeats {
  return new TestHeartbeats(tc);
}
