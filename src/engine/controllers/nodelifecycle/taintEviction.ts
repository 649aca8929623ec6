import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { ApiError } from '../../api/errors';
import { BY_NODE } from '../../api/indexes';
import { keyOf, splitKey, type KObject } from '../../api/object';
import { toleratesTaint } from '../../api/tolerations';
import type { TimerHandle } from '../../clock/simClock';
import { rfc3339 } from '../../time';
import { getNode } from './nodeConditions';
import { Controller, type ControllerContext } from '../controller';

/** One scheduled deletion (TimedWorker); `fired` keeps its key so the pod is not queued again. */
interface TimedWork {
  createdAt: number;
  fireAt: number;
  timer?: TimerHandle;
  fired: boolean;
}

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * v1helper.GetMatchingTolerations: whether every taint is tolerated, and the toleration used for
 * each (the first that matches).
 */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const tol = (tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (!tol) return { all: false, used: [] };
    used.push(tol);
  }
  return { all: true, used };
}

/** getMinTolerationTime: the shortest tolerationSeconds in ms, 0 when one is ≤ 0, -1 when all are forever. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/**
 * The taint eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
 * taints they do not tolerate are deleted at once; those that tolerate them for
 * tolerationSeconds are deleted when the shortest of those runs out, counted from when the
 * controller saw the taint. Each deletion gets the DisruptionTarget condition first and a
 * TaintManagerEviction event; an eviction cancelled by the taint going away says so too.
 */
export class TaintEvictionController extends Controller {
  /** Known NoExecute taints per node (upstream taintedNodes). */
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly work = new Map<string, TimedWork>();

  constructor(ctx: ControllerContext) {
    super('taint-eviction-controller', ctx);
    this.api.watch('Node', (ev) => this.onNode(ev));
    this.api.watch('Pod', (ev) => this.onPod(ev));
  }

  private onNode(ev: WatchEvent): void {
    const before = ev.type === 'ADDED' ? [] : noExecuteTaints(ev.old as Node | undefined);
    const after = ev.type === 'DELETED' ? [] : noExecuteTaints(ev.object as Node);
    if (ev.type === 'MODIFIED' && deepEqual(before, after)) return;
    this.enqueue(`node/${ev.object.metadata.name}`);
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    if (ev.type === 'MODIFIED') {
      const old = ev.old as Pod;
      if (old.spec?.nodeName === pod.spec?.nodeName && deepEqual(old.spec?.tolerations ?? [], pod.spec?.tolerations ?? [])) return;
    }
    this.enqueue(`pod/${keyOf(pod.metadata!.namespace, pod.metadata!.name!)}`);
  }

  protected reconcile(key: string): void {
    if (key.startsWith('node/')) this.handleNodeUpdate(key.slice(5));
    else if (key.startsWith('pod/')) this.handlePodUpdate(key.slice(4));
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = getNode(this.api, nodeName);
    if (!node) {
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    const pods = this.api.store.byIndex('Pod', BY_NODE, nodeName) as Pod[];
    if (taints.length === 0) {
      for (const p of pods) this.cancelWork(keyOf(p.metadata!.namespace, p.metadata!.name!));
      return;
    }
    const now = this.clock.now();
    for (const p of pods) this.processPodOnNode(keyOf(p.metadata!.namespace, p.metadata!.name!), p.spec?.tolerations, taints, now);
  }

  private handlePodUpdate(podKey: string): void {
    const { namespace, name } = splitKey(podKey);
    const pod = (this.api.get('Pod', namespace, name) as Pod | undefined);
    if (!pod) {
      this.cancelWork(podKey);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(podKey, pod.spec?.tolerations, taints, this.clock.now());
  }

  private processPodOnNode(podKey: string, tolerations: Toleration[] | undefined, taints: readonly Taint[], now: number): void {
    if (taints.length === 0) this.cancelWork(podKey);
    const { all, used } = matchingTolerations(taints, tolerations);
    if (!all) {
      this.cancelWork(podKey);
      this.addWork(podKey, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancelWork(podKey);
      return;
    }
    let start = now;
    const trigger = now + min;
    const scheduled = this.work.get(podKey);
    if (scheduled && !scheduled.fired) {
      start = scheduled.createdAt;
      if (start + min < trigger) return;
      this.cancelWork(podKey);
    }
    this.addWork(podKey, start, trigger);
  }

  private addWork(podKey: string, createdAt: number, fireAt: number): void {
    if (this.work.has(podKey)) return;
    const work: TimedWork = { createdAt, fireAt, fired: false };
    work.timer = this.clock.at(Math.max(fireAt, this.clock.now()), 'taint-eviction:delete', () => {
      work.fired = true;
      work.timer = undefined;
      this.deletePod(podKey);
    });
    this.work.set(podKey, work);
  }

  /** CancelWork: an eviction still pending is called off with an event; a fired one is just forgotten. */
  private cancelWork(podKey: string): void {
    const w = this.work.get(podKey);
    if (!w) return;
    this.work.delete(podKey);
    if (!w.fired) {
      this.clock.cancel(w.timer);
      this.podEvent(podKey, `Cancelling deletion of Pod ${podKey}`);
    }
  }

  /** deletePodHandler: event, DisruptionTarget condition, then an ordinary (graceful) delete. */
  private deletePod(podKey: string): void {
    this.podEvent(podKey, `Marking for deletion Pod ${podKey}`);
    const { namespace, name } = splitKey(podKey);
    const pod = (this.api.get('Pod', namespace, name) as Pod | undefined);
    if (!pod) return;
    try {
      const cond = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
      if (!cond || cond.status !== 'True' || cond.reason !== 'DeletionByTaintManager') {
        const now = rfc3339(this.clock.now());
        this.api.patchStatus<KObject>('Pod', namespace, name, (d) => {
          d.status ??= {};
          const conds = (d.status.conditions ??= []);
          const next = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
          const i = conds.findIndex((c: { type: string }) => c.type === 'DisruptionTarget');
          if (i >= 0) conds[i] = { ...next, lastTransitionTime: conds[i].status === 'True' ? conds[i].lastTransitionTime : now };
          else conds.push(next);
        });
      }
      this.api.delete('Pod', namespace, name);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Upstream's eviction events reference the pod by namespace and name only. */
  private podEvent(podKey: string, message: string): void {
    const { namespace, name } = splitKey(podKey);
    const ref = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } } as KObject;
    this.ctx.recorder.event(ref, 'Normal', 'TaintManagerEviction', message, this.name);
  }
}
