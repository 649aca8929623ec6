import type { ApiServer, WatchEvent } from '../api/apiServer';
import { ApiError } from '../api/errors';
import { controllerRef, objectKey, type KObject } from '../api/object';
import type { SimClock } from '../clock/simClock';
import type { EventRecorder } from '../events/recorder';
import type { Rng } from '../random';
import type { ClusterConfig } from '../config';
import { WorkQueue } from './workQueue';

/** What every control-plane component is handed: the API, the clock, randomness, events. */
export interface ControllerContext {
  readonly api: ApiServer;
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly recorder: EventRecorder;
  readonly config: ClusterConfig;
  /** Reports an engine bug (an unexpected exception) without stopping the simulation. */
  readonly reportError: (component: string, err: unknown) => void;
}

export interface ReconcileResult {
  /** Sync the key again after this many simulated milliseconds (client-go's AddAfter). */
  requeueAfter?: number;
  /** The requeue is a steady-state check that should not keep "run until quiet" going. */
  background?: boolean;
}

/** Reaction time of a controller: how long after a change its work queue is drained. */
export const DEFAULT_LATENCY_MS = 20;

/**
 * The shape of a kube-controller-manager controller: watch handlers enqueue keys, and a
 * level-based, idempotent `reconcile(key)` converges the world for that key. Errors from the
 * API requeue the key with back-off; a returned requeueAfter re-checks it later.
 */
export abstract class Controller {
  protected readonly queue: WorkQueue;
  protected readonly api: ApiServer;
  protected readonly clock: SimClock;

  constructor(
    /** The component name that events carry as their source ("deployment-controller"). */
    readonly name: string,
    protected readonly ctx: ControllerContext,
    latencyMs = DEFAULT_LATENCY_MS,
  ) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = new WorkQueue(ctx.clock, name, latencyMs, (key) => this.processKey(key));
  }

  protected abstract reconcile(key: string): ReconcileResult | void;

  /** Enqueue a key for reconciliation. */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Watch a kind and enqueue the object's own key on every change. */
  protected watchOwn(kind: string): void {
    this.api.watch(kind, (ev) => this.enqueue(objectKey(ev.object)));
  }

  /** Watch a kind and enqueue the key of the object's controller owner when it is of `ownerKind`. */
  protected watchOwned(kind: string, ownerKind: string, extra?: (ev: WatchEvent) => void): void {
    this.api.watch(kind, (ev) => {
      for (const o of [ev.object, ev.old]) {
        if (!o) continue;
        const ref = controllerRef(o);
        if (ref && ref.kind === ownerKind) this.enqueue(o.metadata.namespace ? `${o.metadata.namespace}/${ref.name}` : ref.name);
      }
      extra?.(ev);
    });
  }

  protected event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, this.name);
  }

  private processKey(key: string): void {
    try {
      const res = this.reconcile(key);
      this.queue.forget(key);
      if (res && res.requeueAfter !== undefined) this.queue.addAfter(key, res.requeueAfter, { background: res.background });
    } catch (err) {
      if (!(err instanceof ApiError)) this.ctx.reportError(this.name, err);
      this.queue.addRateLimited(key);
    }
  }
}
