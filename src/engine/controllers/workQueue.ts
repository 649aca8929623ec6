import type { SimClock, TimerHandle } from '../clock/simClock';

/**
 * A work queue of object keys in the manner of client-go's workqueue: a key is queued at most
 * once, delayed adds keep the earliest due time, and failures back off per key (5ms doubling
 * to 1000s, as the default controller rate limiter). Queued keys are handed to the owner in
 * batches: the first add arms a drain `latencyMs` later on the simulated clock, which models
 * a controller's reaction time and lets a burst of changes collapse into one sync.
 */
export class WorkQueue {
  private queued = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: TimerHandle }>();
  private readonly failures = new Map<string, number>();
  private drainTimer: TimerHandle | undefined;

  constructor(
    private readonly clock: SimClock,
    private readonly label: string,
    private readonly latencyMs: number,
    private readonly process: (key: string) => void,
  ) {}

  get length(): number {
    return this.queued.size;
  }

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.arm();
  }

  /** Adds the key after `delayMs`; an earlier pending add of the same key wins. */
  addAfter(key: string, delayMs: number, opts: { background?: boolean } = {}): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.cancel(pending.timer);
    const timer = this.clock.at(at, `${this.label}:requeue`, () => {
      this.delayed.delete(key);
      this.add(key);
    }, opts);
    this.delayed.set(key, { at, timer });
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Number of consecutive failures recorded for a key. */
  requeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  private arm(): void {
    if (this.drainTimer) return;
    this.drainTimer = this.clock.after(this.latencyMs, this.label, () => this.drain());
  }

  /** Processes the keys queued so far; keys added meanwhile wait for the next drain. */
  drain(): void {
    this.drainTimer = undefined;
    const batch = this.queued;
    this.queued = new Set();
    for (const key of batch) this.process(key);
    if (this.queued.size > 0) this.arm();
  }
}
