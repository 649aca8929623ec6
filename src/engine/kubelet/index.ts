import type { ControllerContext } from '../controllers/controller';
import type { BusyReporter } from '../cluster';
import { rfc3339 } from '../time';
import { objectKey, type KObject } from '../api/object';

export interface NodeOptions {
  name: string;
  controlPlane?: boolean;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
}

/** Placeholder node agents: pods bound to a node become Running and Ready one second later. Replaced by the real kubelet. */
export class NodeAgents {
  private readonly stopped = new Set<string>();
  constructor(private readonly ctx: ControllerContext) {
    ctx.api.watch('Pod', (ev) => {
      if (ev.type === 'DELETED') return;
      const pod = ev.object;
      const node = pod.spec?.nodeName;
      if (!node || this.stopped.has(node)) return;
      const key = objectKey(pod);
      if (pod.metadata.deletionTimestamp) {
        ctx.clock.after(1000, 'kubelet:kill', () => {
          const p = ctx.api.store.getByKey('Pod', key);
          if (p && p.metadata.uid === pod.metadata.uid) ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
        });
      } else if (!pod.status?.phase || pod.status.phase === 'Pending') {
        if (ev.old?.spec?.nodeName === node) return;
        ctx.clock.after(1000, 'kubelet:start', () => {
          const p = ctx.api.store.getByKey('Pod', key);
          if (!p || p.metadata.uid !== pod.metadata.uid || p.metadata.deletionTimestamp) return;
          const now = rfc3339(ctx.clock.now());
          ctx.api.patchStatus('Pod', p.metadata.namespace, p.metadata.name!, (d: any) => {
            d.status.phase = 'Running';
            d.status.startTime = now;
            d.status.conditions = [
              { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
              { type: 'Initialized', status: 'True', lastTransitionTime: now },
              { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
              { type: 'Ready', status: 'True', lastTransitionTime: now },
            ];
            d.status.containerStatuses = (p.spec.containers ?? []).map((c: any) => ({ name: c.name, image: c.image, ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } }));
          });
        });
      }
    });
  }

  addNode(opts: NodeOptions): KObject {
    const labels: Record<string, string> = { 'kubernetes.io/hostname': opts.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...(opts.labels ?? {}) };
    if (opts.controlPlane) labels['node-role.kubernetes.io/control-plane'] = '';
    return this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: opts.name, labels },
      spec: opts.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
      status: {},
    });
  }

  stopKubelet(name: string): void {
    this.stopped.add(name);
  }

  startKubelet(name: string): void {
    this.stopped.delete(name);
  }

  isRunning(name: string): boolean {
    return !this.stopped.has(name);
  }

  /** chaos kill: the pod's containers die with exit code 137. Returns false when the pod is not running on a live kubelet. */
  killPod(_namespace: string, _name: string): boolean {
    return false;
  }

  /** What `kubectl logs` shows for a container (previous: the last terminated instance). */
  containerLogs(_namespace: string, _pod: string, _container?: string, _opts: { previous?: boolean } = {}): string[] | undefined {
    return undefined;
  }

  /** metrics-server's view of a pod (what `kubectl top pod` shows). */
  podMetrics(_namespace: string, _pod: string): PodMetrics | undefined {
    return undefined;
  }

  nodeMetrics(_node: string): { cpuMilli: number; memoryBytes: number } | undefined {
    return undefined;
  }
}

export interface PodMetrics {
  containers: { name: string; cpuMilli: number; memoryBytes: number }[];
}

export function startNodeAgents(ctx: ControllerContext, _registerBusy: (r: BusyReporter) => void): NodeAgents {
  return new NodeAgents(ctx);
}
