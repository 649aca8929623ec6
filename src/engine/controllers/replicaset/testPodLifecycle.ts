import type { KObject } from '../../api/object';
import { objectKey } from '../../api/object';
import type { TestCluster } from '../../testing/testCluster';
import { rfc3339 } from '../../time';

/**
 * For controller tests: a stand-in for the scheduler and the kubelets that the test drives.
 * The nodes' own kubelets are stopped; each new pod is bound at once to the next node in turn,
 * and becomes Running and Ready either after `readyAfterMs` or when the test says so
 * (`readyAll`), so a test can hold the cluster between two controller syncs exactly as the
 * rollout tables of the facts sheet assume ("every pod Ready between syncs"). Deleted pods stay
 * Terminating until `terminateAfterMs` passes or `finishTerminating` is called. Tests that use
 * it should run for less simulated time than the node grace period, and avoid settle(): the
 * stopped kubelets would (rightly) make the node lifecycle controller step in.
 */
export interface PodLifecycleOptions {
  nodes?: string[];
  /** Pods become Ready this long after being bound; undefined: only through readyAll/readyPod. */
  readyAfterMs?: number | ((pod: KObject, seq: number) => number);
  /** Terminating pods disappear this long after deletion; undefined: only through finishTerminating. */
  terminateAfterMs?: number;
}

export class TestPodLifecycle {
  private next = 0;
  private seq = 0;
  readonly nodes: string[];

  constructor(
    readonly c: TestCluster,
    private readonly opts: PodLifecycleOptions = {},
  ) {
    this.nodes = opts.nodes ?? c.list('Node').map((n) => n.metadata.name!).filter((n) => n !== 'control-plane');
    for (const n of c.list('Node')) c.cluster.controlPlane.nodes.stopKubelet(n.metadata.name!);
    const clock = c.cluster.clock;
    c.api.watch('Pod', (ev) => {
      const pod = ev.object;
      const key = objectKey(pod);
      const uid = pod.metadata.uid;
      if (ev.type === 'DELETED') return;
      if (ev.type === 'ADDED' && !pod.spec?.nodeName) {
        clock.after(0, 'test:bind', () => this.withPod(key, uid, (p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && this.bind(p)));
      }
      if (pod.spec?.nodeName && !ev.old?.spec?.nodeName && this.opts.readyAfterMs !== undefined) {
        const delay = typeof this.opts.readyAfterMs === 'number' ? this.opts.readyAfterMs : this.opts.readyAfterMs(pod, this.seq++);
        clock.after(delay, 'test:ready', () => this.withPod(key, uid, (p) => this.readyPod(p)));
      }
      if (pod.metadata.deletionTimestamp && !ev.old?.metadata.deletionTimestamp && this.opts.terminateAfterMs !== undefined) {
        clock.after(this.opts.terminateAfterMs, 'test:terminate', () => this.withPod(key, uid, (p) => this.terminate(p)));
      }
    });
  }

  private withPod(key: string, uid: string | undefined, fn: (p: KObject) => unknown): void {
    const p = this.c.api.store.getByKey('Pod', key);
    if (p && p.metadata.uid === uid) fn(p);
  }

  private bind(p: KObject): void {
    const node = this.nodes[this.next++ % this.nodes.length];
    this.c.api.bind(p.metadata.namespace!, p.metadata.name!, node);
  }

  /** Marks a bound, live pod Running and Ready now (what a kubelet reports once its containers pass readiness). */
  readyPod(p: KObject): boolean {
    if (p.metadata.deletionTimestamp || !p.spec?.nodeName) return false;
    if (p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')) return false;
    const now = rfc3339(this.c.now);
    this.c.api.patchStatus('Pod', p.metadata.namespace, p.metadata.name!, (d: any) => {
      d.status.phase = 'Running';
      d.status.startTime ??= now;
      d.status.conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now }));
      d.status.containerStatuses = (p.spec.containers ?? []).map((c: any) => ({ name: c.name, image: c.image, imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } }));
    });
    return true;
  }

  /** Makes every bound, live pod (matching `filter`) Ready. Returns how many changed. */
  readyAll(filter: (p: KObject) => boolean = () => true): number {
    let n = 0;
    for (const p of this.c.pods()) if (filter(p) && this.readyPod(p)) n++;
    return n;
  }

  private terminate(p: KObject): void {
    if (p.metadata.deletionTimestamp) this.c.api.delete('Pod', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
  }

  /** Ends every Terminating pod (as a kubelet does once the containers stopped). Returns how many. */
  finishTerminating(): number {
    let n = 0;
    for (const p of this.c.pods()) {
      if (!p.metadata.deletionTimestamp) continue;
      this.terminate(p);
      n++;
    }
    return n;
  }
}
