import type { Pod } from 'kubernetes-types/core/v1';
import type { TestCluster } from '../../testing/testCluster';
import { rfc3339, rfc3339Micro } from '../../time';

/**
 * Test support: a stand-in for the kubelets while the real one cannot yet run a container's
 * command to completion. Every node's kubelet is stopped, and this driver does what they would:
 * renews each node's Lease (so the control plane sees healthy nodes), starts bound pods one
 * second after binding (Running and Ready), kills deleted pods one second after their deletion
 * (Failed, exit code 137, then the final delete), and lets the test decide when and how a
 * container exits (`exit`). Writes go through the API, as a kubelet's would.
 */
export class DrivenKubelet {
  constructor(private readonly c: TestCluster) {
    const { api, clock } = c.cluster;
    for (const node of api.list('Node')) {
      c.cluster.controlPlane.nodes.stopKubelet(node.metadata.name!);
      this.renewLease(node.metadata.name!);
    }
    api.watch('Pod', (ev) => {
      if (ev.type === 'DELETED') return;
      const pod = ev.object as Pod;
      const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
      const uid = pod.metadata!.uid;
      if (pod.metadata?.deletionTimestamp && !(ev.old as Pod | undefined)?.metadata?.deletionTimestamp && pod.spec?.nodeName) {
        clock.after(1000, 'test:kubelet-kill', () => this.kill(key, uid));
      } else if (pod.spec?.nodeName && !(ev.old as Pod | undefined)?.spec?.nodeName) {
        clock.after(1000, 'test:kubelet-start', () => this.start(key, uid));
      }
    });
  }

  private current(key: string, uid?: string): Pod | undefined {
    const p = this.c.api.store.getByKey('Pod', key) as Pod | undefined;
    return p && (uid === undefined || p.metadata!.uid === uid) ? p : undefined;
  }

  private renewLease(name: string): void {
    const { api, clock } = this.c.cluster;
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
    clock.after(10_000, 'test:lease', () => this.renewLease(name), { background: true });
  }

  private start(key: string, uid: string | undefined): void {
    const p = this.current(key, uid);
    if (!p || p.metadata!.deletionTimestamp || (p.status?.phase && p.status.phase !== 'Pending')) return;
    const now = rfc3339(this.c.now);
    this.c.api.patchStatus('Pod', p.metadata!.namespace, p.metadata!.name!, (d: any) => {
      d.status ??= {};
      d.status.phase = 'Running';
      d.status.startTime = now;
      d.status.conditions = ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now }));
      d.status.containerStatuses = (p.spec!.containers ?? []).map((c) => ({ name: c.name, image: c.image, imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } }));
    });
  }

  private kill(key: string, uid: string | undefined): void {
    const p = this.current(key, uid);
    if (!p) return;
    if (p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') this.terminate(p, 137, 'Error');
    this.c.api.delete('Pod', p.metadata!.namespace, p.metadata!.name!, { gracePeriodSeconds: 0 });
  }

  private terminate(p: Pod, exitCode: number, reason: string): void {
    const now = rfc3339(this.c.now);
    this.c.api.patchStatus('Pod', p.metadata!.namespace, p.metadata!.name!, (d: any) => {
      d.status ??= {};
      d.status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
      d.status.conditions = (d.status.conditions ?? []).map((c: any) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', reason: 'PodCompleted', lastTransitionTime: now } : c));
      d.status.containerStatuses = (p.spec!.containers ?? []).map((c) => {
        const prev = (p.status?.containerStatuses ?? []).find((s) => s.name === c.name);
        return {
          name: c.name,
          image: c.image,
          imageID: '',
          ready: false,
          restartCount: prev?.restartCount ?? 0,
          started: false,
          state: { terminated: { exitCode, reason, startedAt: prev?.state?.running?.startedAt ?? now, finishedAt: now } },
        };
      });
    });
  }

  /** The pod's (only) container exits with `code`: the pod Succeeds or Fails, or restarts under OnFailure. */
  exit(name: string, code: number, namespace = 'default'): void {
    const p = this.current(`${namespace}/${name}`);
    if (!p) throw new Error(`no pod ${name}`);
    if (code !== 0 && p.spec?.restartPolicy === 'OnFailure') {
      const now = rfc3339(this.c.now);
      this.c.api.patchStatus('Pod', namespace, name, (d: any) => {
        d.status.containerStatuses = d.status.containerStatuses.map((s: any) => ({
          ...s,
          restartCount: (s.restartCount ?? 0) + 1,
          lastState: { terminated: { exitCode: code, reason: 'Error', startedAt: s.state?.running?.startedAt ?? now, finishedAt: now } },
          state: { running: { startedAt: now } },
        }));
      });
      return;
    }
    this.terminate(p, code, code === 0 ? 'Completed' : 'Error');
  }

  /** A pod failed by the system with a condition, as an eviction or preemption leaves it (DisruptionTarget). */
  disrupt(name: string, namespace = 'default'): void {
    const p = this.current(`${namespace}/${name}`);
    if (!p) throw new Error(`no pod ${name}`);
    const now = rfc3339(this.c.now);
    this.c.api.patchStatus('Pod', namespace, name, (d: any) => {
      d.status.conditions = [...(d.status.conditions ?? []), { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: now }];
    });
    this.terminate(this.current(`${namespace}/${name}`)!, 137, 'Error');
  }

  /** The running (not terminating) pods whose name starts with `prefix`, by name. */
  running(prefix: string): string[] {
    return this.c
      .pods()
      .filter((p) => p.metadata.name!.startsWith(prefix) && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name!)
      .sort();
  }
}

export function drivenKubelet(c: TestCluster): DrivenKubelet {
  return new DrivenKubelet(c);
}
