/**
 * A token bucket in the manner of flowcontrol.NewTokenBucketRateLimiter: it starts full, refills
 * at `qps` tokens per second up to `burst`; a qps of 0 never accepts (NewFakeNeverRateLimiter).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
  }

  tryAccept(now: number): boolean {
    if (this.qps <= 0) return false;
    this.refill(now);
    if (this.tokens >= 1 - 1e-9) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** When the next token will be there, or undefined when none ever will. */
  nextTokenAt(now: number): number | undefined {
    if (this.qps <= 0) return undefined;
    this.refill(now);
    if (this.tokens >= 1 - 1e-9) return now;
    return now + Math.ceil(((1 - this.tokens) / this.qps) * 1000);
  }

  isEmpty(now: number): boolean {
    this.refill(now);
    return this.tokens < 1 - 1e-9;
  }
}

export type TaintAction = (nodeName: string) => { ok: true } | { ok: false; retryMs: number };

/**
 * scheduler.RateLimitedTimedQueue, one per zone: nodes waiting for their NoExecute taint, tainted
 * in order at the zone's eviction rate. A processed node stays remembered (so it is not queued
 * again) until it is removed, as UniqueQueue.RemoveFromQueue does.
 */
export class ZoneTainter {
  private limiter: TokenBucket;
  private readonly queue = new Map<string, { processAt: number; seq: number }>();
  private readonly processed = new Set<string>();
  private seq = 0;

  constructor(qps: number, burst: number, now: number) {
    this.limiter = new TokenBucket(qps, burst, now);
  }

  get size(): number {
    return this.queue.size;
  }

  /** Queues a node; false when it is already queued or was processed and not removed since. */
  add(name: string, now: number): boolean {
    if (this.queue.has(name) || this.processed.has(name)) return false;
    this.queue.set(name, { processAt: now, seq: this.seq++ });
    return true;
  }

  remove(name: string): boolean {
    const had = this.queue.delete(name);
    return this.processed.delete(name) || had;
  }

  /**
   * SwapLimiter: a new bucket at the new rate; when the old one was waiting for a token the new
   * one starts drained too (burst is 1), so a rate change does not let an extra node through.
   */
  swapLimiter(qps: number, now: number): void {
    if (this.limiter.qps === qps) return;
    const wasEmpty = this.limiter.isEmpty(now);
    const next = new TokenBucket(qps, 1, now);
    if (wasEmpty) next.tryAccept(now);
    this.limiter = next;
  }

  /**
   * Try: processes due nodes in order while the limiter lets them through. Returns when it
   * should run again (undefined when there is nothing to wait for).
   */
  try(now: number, action: TaintAction): number | undefined {
    for (;;) {
      const head = this.head();
      if (!head) return undefined;
      const [name, item] = head;
      if (item.processAt > now) return item.processAt;
      if (!this.limiter.tryAccept(now)) return this.limiter.nextTokenAt(now);
      const res = action(name);
      if (res.ok) {
        this.queue.delete(name);
        this.processed.add(name);
      } else {
        this.queue.set(name, { processAt: now + res.retryMs + 1, seq: item.seq });
      }
    }
  }

  private head(): [string, { processAt: number; seq: number }] | undefined {
    let best: [string, { processAt: number; seq: number }] | undefined;
    for (const e of this.queue) {
      if (!best || e[1].processAt < best[1].processAt || (e[1].processAt === best[1].processAt && e[1].seq < best[1].seq)) best = e;
    }
    return best;
  }
}

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

/**
 * ComputeZoneState: a zone with no Ready node is fully disrupted; one where more than two nodes
 * and at least --unhealthy-zone-threshold of them are not Ready is partially disrupted.
 */
export function computeZoneState(ready: number, notReady: number, unhealthyThreshold: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return 'PartialDisruption';
  return 'Normal';
}
