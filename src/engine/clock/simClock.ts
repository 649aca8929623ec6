import { TimerQueue, type Timer } from './timerQueue';

export interface TimerOptions {
  /** Set for heartbeats and other periodic work that does not change the cluster's story. */
  background?: boolean;
}

export type TimerHandle = Timer;

/**
 * The simulated clock: a discrete-event timer queue. Time only moves when the simulation
 * advances it to the next due timer; nothing in the engine reads the wall clock.
 * Times are integer milliseconds since the simulation's epoch.
 */
export class SimClock {
  private current = 0;
  private seq = 0;
  private readonly queue = new TimerQueue();

  now(): number {
    return this.current;
  }

  /** Runs `fn` after `delayMs` of simulated time (0 = later at this same instant). */
  after(delayMs: number, label: string, fn: () => void, opts: TimerOptions = {}): TimerHandle {
    const at = this.current + Math.max(0, Math.round(delayMs));
    return this.at(at, label, fn, opts);
  }

  at(atMs: number, label: string, fn: () => void, opts: TimerOptions = {}): TimerHandle {
    const t: Timer = {
      at: Math.max(this.current, Math.round(atMs)),
      seq: this.seq++,
      label,
      background: opts.background ?? false,
      fn,
      cancelled: false,
    };
    this.queue.push(t);
    return t;
  }

  cancel(t: TimerHandle | undefined): void {
    if (t) this.queue.cancel(t);
  }

  /** When the next live timer is due, or undefined when none is pending. */
  nextDue(): number | undefined {
    return this.queue.peek()?.at;
  }

  hasForeground(): boolean {
    return this.queue.foregroundCount > 0;
  }

  pendingCount(): number {
    return this.queue.size;
  }

  /**
   * Fires the next timer if it is due at or before `limitMs`, moving the clock to its time.
   * Returns false when nothing is due by then.
   */
  fireNext(limitMs: number): boolean {
    const t = this.queue.peek();
    if (!t || t.at > limitMs) return false;
    this.queue.pop();
    this.current = t.at;
    t.fn();
    return true;
  }

  /** Moves the clock forward without firing anything (used when the next timer is later). */
  advanceTo(ms: number): void {
    if (ms > this.current) this.current = ms;
  }
}
