import { Heap } from './heap';
import type { PodInfo } from './podInfo';

/** Per-pod back-off after a failed attempt: 1 s doubling to 10 s (podInitialBackoffSeconds / podMaxBackoffSeconds). */
export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration: parked pods are retried after this long regardless. */
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
/** flushUnschedulablePodsLeftover runs this often. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

export type Where = 'active' | 'backoff' | 'unschedulable' | 'gated' | 'inFlight';

/** framework.QueuedPodInfo. */
export interface QueuedPod {
  info: PodInfo;
  readonly key: string;
  /** When it last entered a queue (PrioritySort's tie-break) and a sequence for equal times. */
  timestamp: number;
  seq: number;
  attempts: number;
  /** Plugins that rejected it in its last attempt: only events they care about move it. */
  unschedulablePlugins: ReadonlySet<string>;
  where: Where;
  heapIndex: number;
}

/** calculateBackoffDuration: 1 s × 2^(attempts−1), at most 10 s. */
export function backoffDuration(attempts: number): number {
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d >= POD_MAX_BACKOFF_MS) return POD_MAX_BACKOFF_MS;
  }
  return d;
}

/**
 * The scheduling queue (pkg/scheduler/backend/queue): activeQ ordered by PrioritySort (higher
 * priority first, then the earlier to enter), backoffQ ordered by back-off expiry, parked
 * unschedulable pods waiting for a cluster event, and pods held by scheduling gates.
 */
export class SchedulingQueue {
  private readonly active = new Heap<QueuedPod>((a, b) => a.info.priority > b.info.priority || (a.info.priority === b.info.priority && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq))));
  private readonly backoff = new Heap<QueuedPod>((a, b) => this.backoffExpiry(a) < this.backoffExpiry(b) || (this.backoffExpiry(a) === this.backoffExpiry(b) && a.seq < b.seq));
  readonly unschedulable = new Map<string, QueuedPod>();
  readonly gated = new Map<string, QueuedPod>();
  private readonly byKey = new Map<string, QueuedPod>();
  private seq = 0;

  get activeCount(): number {
    return this.active.size;
  }

  get backoffCount(): number {
    return this.backoff.size;
  }

  get(key: string): QueuedPod | undefined {
    return this.byKey.get(key);
  }

  backoffExpiry(qp: QueuedPod): number {
    return qp.timestamp + backoffDuration(qp.attempts);
  }

  /** The earliest back-off expiry, if any pod is backing off. */
  nextBackoffExpiry(): number | undefined {
    const top = this.backoff.peek();
    return top ? this.backoffExpiry(top) : undefined;
  }

  /** A new pending pod: activeQ, or gated while it has scheduling gates (PreEnqueue). */
  add(info: PodInfo, now: number, gated: boolean): QueuedPod {
    const qp: QueuedPod = { info, key: info.key, timestamp: now, seq: this.seq++, attempts: 0, unschedulablePlugins: new Set(), where: 'active', heapIndex: -1 };
    this.byKey.set(info.key, qp);
    if (gated) {
      qp.where = 'gated';
      this.gated.set(qp.key, qp);
    } else this.active.push(qp);
    return qp;
  }

  pop(): QueuedPod | undefined {
    const qp = this.active.pop();
    if (qp) qp.where = 'inFlight';
    return qp;
  }

  delete(key: string): QueuedPod | undefined {
    const qp = this.byKey.get(key);
    if (!qp) return undefined;
    this.detach(qp);
    this.byKey.delete(key);
    return qp;
  }

  private detach(qp: QueuedPod): void {
    if (qp.where === 'active') this.active.remove(qp);
    else if (qp.where === 'backoff') this.backoff.remove(qp);
    else if (qp.where === 'unschedulable') this.unschedulable.delete(qp.key);
    else if (qp.where === 'gated') this.gated.delete(qp.key);
  }

  /** After a failed attempt: parked until an event may help (AddUnschedulableIfNotPresent). */
  addUnschedulable(qp: QueuedPod, now: number, plugins: ReadonlySet<string>): void {
    this.detach(qp);
    qp.timestamp = now;
    qp.seq = this.seq++;
    qp.unschedulablePlugins = plugins;
    qp.where = 'unschedulable';
    this.unschedulable.set(qp.key, qp);
  }

  /** After an error (not a rejection): retried once its back-off expires. */
  addBackoff(qp: QueuedPod, now: number): void {
    this.detach(qp);
    qp.timestamp = now;
    qp.seq = this.seq++;
    qp.where = 'backoff';
    this.backoff.push(qp);
  }

  /** A parked or gated pod moves on: to backoffQ while still backing off, else to activeQ. */
  moveToActiveOrBackoff(qp: QueuedPod, now: number): void {
    if (qp.where === 'active' || qp.where === 'backoff' || qp.where === 'inFlight') return;
    this.detach(qp);
    if (qp.attempts > 0 && this.backoffExpiry(qp) > now) {
      qp.where = 'backoff';
      this.backoff.push(qp);
    } else {
      qp.where = 'active';
      qp.seq = this.seq++;
      this.active.push(qp);
    }
  }

  /** The pod was updated: a new version replaces the queued one (and a parked pod is retried). */
  update(qp: QueuedPod, info: PodInfo, now: number, gated: boolean): void {
    qp.info = info;
    if (qp.where === 'gated') {
      if (!gated) this.moveToActiveOrBackoff(qp, now);
      return;
    }
    if (gated && qp.where !== 'inFlight') {
      this.detach(qp);
      qp.where = 'gated';
      this.gated.set(qp.key, qp);
      return;
    }
    if (qp.where === 'unschedulable') this.moveToActiveOrBackoff(qp, now);
  }

  /** flushBackoffQCompleted: pods whose back-off has expired go to activeQ. */
  flushBackoff(now: number): number {
    let moved = 0;
    for (;;) {
      const top = this.backoff.peek();
      if (!top || this.backoffExpiry(top) > now) break;
      this.backoff.pop();
      top.where = 'active';
      this.active.push(top);
      moved++;
    }
    return moved;
  }

  /** flushUnschedulablePodsLeftover: pods parked for longer than 5 minutes are retried anyway. */
  flushUnschedulableLeftover(now: number): number {
    let moved = 0;
    for (const qp of [...this.unschedulable.values()]) {
      if (now - qp.timestamp > POD_MAX_IN_UNSCHEDULABLE_MS) {
        this.moveToActiveOrBackoff(qp, now);
        moved++;
      }
    }
    return moved;
  }

  /** Parked pods, in the order they were parked. */
  parked(): QueuedPod[] {
    return [...this.unschedulable.values()];
  }

  /** Forget a popped pod that was bound (or dropped). */
  done(qp: QueuedPod): void {
    if (this.byKey.get(qp.key) === qp && qp.where === 'inFlight') this.byKey.delete(qp.key);
  }
}
