import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { BY_NODE } from '../../api/indexes';
import { keyOf, splitKey, type KObject } from '../../api/object';
import { parseTimestamp, rfc3339 } from '../../time';
import { Controller, type ControllerContext } from '../controller';

/** gcCheckPeriod: upstream's pass runs every 20 s; work found by an event waits for the next pass. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime: how long a node must stay missing before its pods count as orphaned. */
export const QUARANTINE_MS = 40_000;
/** --terminated-pod-gc-threshold. */
export const TERMINATED_POD_GC_THRESHOLD = 12_500;
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

export interface PodGcOptions {
  terminatedPodThreshold?: number;
}

const isTerminated = (pod: KObject) => {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

/** eviction.PodIsEvicted: failed with reason Evicted (such pods go first). */
const isEvicted = (pod: Pod) => pod.status?.phase === 'Failed' && pod.status?.reason === 'Evicted';

function nodeReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

function outOfService(node: Node | undefined): boolean {
  return !!node && !nodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE);
}

/** byEvictionAndCreationTimestamp: evicted pods first, then the oldest, then by name. */
function gcOrder(a: Pod, b: Pod): number {
  const ea = isEvicted(a);
  const eb = isEvicted(b);
  if (ea !== eb) return ea ? -1 : 1;
  const ta = parseTimestamp(a.metadata!.creationTimestamp) ?? 0;
  const tb = parseTimestamp(b.metadata!.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata!.name!;
  const nb = b.metadata!.name!;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go). Upstream lists every pod
 * every 20 s; here watch events say which pods need a look, and the look happens at the next
 * 20 s pass, so a quiet cluster has no timer at all. A pass force-deletes (phase Failed first):
 * - pods bound to a node that has been missing for the quarantine (40 s), with the
 *   DisruptionTarget condition DeletionByPodGC;
 * - terminating pods on a node that is not Ready and carries node.kubernetes.io/out-of-service;
 * - terminating pods that were never scheduled;
 * - terminated pods beyond --terminated-pod-gc-threshold, evicted and oldest first.
 */
export class PodGcController extends Controller {
  private readonly threshold: number;
  /** Keys of terminated pods, counted for the threshold. */
  private readonly terminated = new Set<string>();

  constructor(ctx: ControllerContext, opts: PodGcOptions = {}) {
    super('pod-garbage-collector-controller', ctx, 0);
    this.threshold = opts.terminatedPodThreshold ?? TERMINATED_POD_GC_THRESHOLD;
    this.api.watch('Pod', (ev) => this.onPod(ev));
    this.api.watch('Node', (ev) => this.onNode(ev));
  }

  /** The delay to the next pass, counted from the controller's start at time zero. */
  private toNextPass(): number {
    const now = this.clock.now();
    return (Math.floor(now / GC_CHECK_PERIOD_MS) + 1) * GC_CHECK_PERIOD_MS - now;
  }

  private atNextPass(key: string, extra = 0): void {
    this.queue.addAfter(key, this.toNextPass() + extra);
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object;
    const key = keyOf(pod.metadata.namespace, pod.metadata.name!);
    if (ev.type === 'DELETED') {
      this.terminated.delete(key);
      return;
    }
    const old = ev.old;
    // Status churn (readiness, restarts) changes nothing this controller looks at.
    if (old && old.spec?.nodeName === pod.spec?.nodeName && old.status?.phase === pod.status?.phase && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp) return;
    if (isTerminated(pod)) {
      this.terminated.add(key);
      if (this.threshold > 0 && this.terminated.size > this.threshold) this.atNextPass('terminated');
    } else {
      this.terminated.delete(key);
    }
    const nodeName: string | undefined = pod.spec?.nodeName;
    if (nodeName) {
      const node = this.api.get('Node', undefined, nodeName) as Node | undefined;
      // Found bound to a missing node at one pass, quarantined until a later one.
      if (!node) this.atNextPass(`orphaned/${nodeName}`, QUARANTINE_MS);
      else if (pod.metadata.deletionTimestamp && outOfService(node)) this.atNextPass(`out-of-service/${nodeName}`);
    } else if (pod.metadata.deletionTimestamp) {
      this.atNextPass(`unscheduled/${key}`);
    }
  }

  private onNode(ev: WatchEvent): void {
    const name = ev.object.metadata.name!;
    if (ev.type === 'DELETED') {
      if (this.api.store.countByIndex('Pod', BY_NODE, name) > 0) this.atNextPass(`orphaned/${name}`, QUARANTINE_MS);
      return;
    }
    if (outOfService(ev.object as Node) && !outOfService(ev.old as Node | undefined)) this.atNextPass(`out-of-service/${name}`);
  }

  protected reconcile(key: string): void {
    if (key === 'terminated') this.gcTerminated();
    else if (key.startsWith('orphaned/')) this.gcOrphaned(key.slice(9));
    else if (key.startsWith('out-of-service/')) this.gcTerminating(key.slice(15));
    else if (key.startsWith('unscheduled/')) this.gcUnscheduledTerminating(key.slice(12));
  }

  private gcTerminated(): void {
    const over = this.terminated.size - this.threshold;
    if (this.threshold <= 0 || over <= 0) return;
    const pods: Pod[] = [];
    for (const key of this.terminated) {
      const p = this.api.store.getByKey('Pod', key);
      if (p) pods.push(p as Pod);
    }
    pods.sort(gcOrder);
    for (const pod of pods.slice(0, over)) this.markFailedAndDelete(pod);
  }

  private gcOrphaned(nodeName: string): void {
    if (this.api.get('Node', undefined, nodeName)) return;
    const condition: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
    for (const pod of this.api.store.byIndex('Pod', BY_NODE, nodeName) as Pod[]) this.markFailedAndDelete(pod, condition);
  }

  private gcTerminating(nodeName: string): void {
    const node = this.api.get('Node', undefined, nodeName) as Node | undefined;
    if (!outOfService(node)) return;
    const pods = (this.api.store.byIndex('Pod', BY_NODE, nodeName) as Pod[]).filter((p) => p.metadata?.deletionTimestamp);
    for (const pod of pods.sort(gcOrder)) this.markFailedAndDelete(pod);
  }

  private gcUnscheduledTerminating(podKey: string): void {
    const { namespace, name } = splitKey(podKey);
    const pod = this.api.get('Pod', namespace, name) as Pod | undefined;
    if (pod?.metadata?.deletionTimestamp && !pod.spec?.nodeName) this.markFailedAndDelete(pod);
  }

  /**
   * markFailedAndDeletePodWithCondition: a pod not yet terminal is patched to Failed (a pod
   * whose kubelet is gone would otherwise stay Running forever), then deleted with grace 0.
   */
  private markFailedAndDelete(pod: Pod, condition?: PodCondition): void {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    try {
      if (!isTerminated(pod as KObject)) {
        const now = rfc3339(this.clock.now());
        this.api.patchStatus<KObject>('Pod', ns, name, (d) => {
          d.status ??= {};
          d.status.phase = 'Failed';
          if (!condition) return;
          // apipod.UpdatePodCondition: a new transition time only when the status changes.
          const conds: Record<string, unknown>[] = (d.status.conditions ??= []);
          const i = conds.findIndex((c) => c.type === condition.type);
          const next = { ...condition, lastProbeTime: null, lastTransitionTime: now };
          if (i < 0) conds.push(next);
          else conds[i] = { ...next, lastTransitionTime: conds[i].status === condition.status ? conds[i].lastTransitionTime : now };
        });
      }
      this.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
    }
  }
}
