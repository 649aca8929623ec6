import { ApiServer } from './api/apiServer';
import { registerStandardIndexes } from './api/indexes';
import { SimClock } from './clock/simClock';
import { defaultConfig, type ClusterConfig } from './config';
import type { ControllerContext } from './controllers/controller';
import { EventRecorder } from './events/recorder';
import { Rng } from './random';
import { registerApiBehaviour } from './api/registry';
import { startControlPlane, type ControlPlane } from './controlPlane';

export type ClusterOptions = Partial<ClusterConfig>;

/** A component whose consequences can still unfold without a pending timer showing it. */
export interface BusyReporter {
  /** True while the component expects the cluster to keep changing (e.g. a stopped kubelet not yet noticed). */
  busy(): boolean;
}

/**
 * One simulated cluster: API server, controllers, scheduler and a kubelet per node, sharing a
 * simulated clock and a seeded random source. Nothing here reads the wall clock, so the same
 * options and the same inputs always tell the same story.
 */
export class Cluster {
  readonly config: ClusterConfig;
  readonly clock = new SimClock();
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly recorder: EventRecorder;
  readonly ctx: ControllerContext;
  readonly controlPlane: ControlPlane;
  /** Unexpected exceptions inside components (engine bugs); tests assert this stays empty. */
  readonly internalErrors: string[] = [];
  private readonly busyReporters: BusyReporter[] = [];

  constructor(opts: ClusterOptions = {}) {
    this.config = defaultConfig(opts);
    this.rng = new Rng(this.config.seed);
    this.api = new ApiServer(this.clock, this.rng);
    registerStandardIndexes(this.api.store);
    this.recorder = new EventRecorder(this.api);
    this.ctx = {
      api: this.api,
      clock: this.clock,
      rng: this.rng,
      recorder: this.recorder,
      config: this.config,
      reportError: (component, err) => {
        const msg = err instanceof Error ? `${component}: ${err.stack ?? err.message}` : `${component}: ${String(err)}`;
        this.internalErrors.push(msg);
      },
    };
    registerApiBehaviour(this.api, this.config);
    this.controlPlane = startControlPlane(this.ctx, (r) => this.busyReporters.push(r));
    this.controlPlane.bootstrap();
    // Let the bootstrap settle (nodes register, system objects appear) before time zero ends.
    this.runUntil(0);
  }

  now(): number {
    return this.clock.now();
  }

  /** Fires every timer due at or before `ms` (simulated), then sets the clock to `ms`. */
  runUntil(ms: number): void {
    while (this.clock.fireNext(ms)) {
      /* each call fires one timer */
    }
    this.clock.advanceTo(ms);
  }

  runFor(ms: number): void {
    this.runUntil(this.clock.now() + ms);
  }

  /** Fires the next pending timer, whenever it is due. Returns false when nothing is pending. */
  step(): boolean {
    const next = this.clock.nextDue();
    if (next === undefined) return false;
    return this.clock.fireNext(next);
  }

  /** Nothing left that will change the cluster: no foreground timer, no component still busy. */
  isQuiet(): boolean {
    if (this.clock.hasForeground()) return false;
    for (const r of this.busyReporters) if (r.busy()) return false;
    return true;
  }

  /**
   * Runs until the cluster is quiet or `maxMs` of simulated time has passed, whichever first.
   * Background timers (heartbeats) fire on the way but do not keep the run going.
   */
  runUntilQuiet(maxMs: number): void {
    const limit = this.clock.now() + maxMs;
    while (!this.isQuiet()) {
      const next = this.clock.nextDue();
      if (next === undefined || next > limit) break;
      this.clock.fireNext(next);
    }
    if (!this.isQuiet()) this.clock.advanceTo(limit);
  }
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}
