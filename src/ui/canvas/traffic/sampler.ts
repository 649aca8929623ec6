import type { RequestTrace } from '../../../engine/network/index';

/** How many dots a person can follow: per leg (an edge between two objects) and per client, per second of wall time. */
export const DOTS_PER_LEG_PER_SECOND = 3;
export const DOTS_PER_CLIENT_PER_SECOND = 4;

/** A token bucket: `rate` tokens a second, at most `rate` in store (a burst of one second's worth). */
class Bucket {
  private tokens: number;
  constructor(
    private readonly rate: number,
    private at: number,
  ) {
    this.tokens = rate;
  }
  has(now: number): boolean {
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.at) * this.rate) / 1000);
    this.at = now;
    return this.tokens >= 1;
  }
  take(): void {
    this.tokens -= 1;
  }
}

export interface Spawn<R> {
  readonly trace: RequestTrace;
  readonly route: R;
  /** Wall time (ms) the dot sets off: spread over the frame, as the requests were over simulated time. */
  readonly wallStart: number;
}

export interface SampleInput {
  /** The newest traces (oldest first), from the traffic snapshot. */
  readonly traces: readonly RequestTrace[];
  /** Simulated ms now, and wall ms now. */
  readonly simNow: number;
  readonly wallNow: number;
  /** Simulated ms per wall ms. */
  readonly speed: number;
  /** Wall ms since the previous frame. */
  readonly frameMs: number;
}

/**
 * Chooses which traced requests become dots. The engine keeps one trace per client and 100 ms
 * of simulated time; at high speeds that is far more than anyone can follow, so each leg and
 * each client gets a few dots per second of wall time (token buckets), whatever the speed.
 * Traces are taken once each, newest ids only; traces from before a jump in time (skip until
 * quiet) are too old to draw.
 */
export class DotSampler<R extends { readonly client: number; readonly legs: readonly string[] }> {
  private lastId = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perLeg = DOTS_PER_LEG_PER_SECOND,
    private readonly perClient = DOTS_PER_CLIENT_PER_SECOND,
  ) {}

  take(input: SampleInput, route: (t: RequestTrace) => R | undefined): Spawn<R>[] {
    const { traces, simNow, wallNow, speed, frameMs } = input;
    const out: Spawn<R>[] = [];
    // Ids only grow within one cluster: smaller ones mean a new cluster (reset, share link).
    if ((traces[traces.length - 1]?.id ?? 0) < this.lastId) this.reset();
    // What one frame covers in simulated time, plus a tick of the traffic engine's batching.
    const maxAge = Math.max(250, frameMs * Math.max(speed, 0.01) * 1.5 + 100);
    for (const trace of traces) {
      if (trace.id <= this.lastId) continue;
      this.lastId = trace.id;
      if (simNow - trace.t > maxAge) continue;
      const r = route(trace);
      if (!r) continue;
      const keys = [`c:${r.client}`, ...r.legs];
      if (!keys.every((k) => this.bucket(k, wallNow).has(wallNow))) continue;
      for (const k of keys) this.bucket(k, wallNow).take();
      const lag = Math.min(frameMs, Math.max(0, (simNow - trace.t) / Math.max(speed, 0.01)));
      out.push({ trace, route: r, wallStart: wallNow - lag });
    }
    return out;
  }

  private reset(): void {
    this.lastId = 0;
    this.buckets.clear();
  }

  private bucket(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new Bucket(key.startsWith('c:') ? this.perClient : this.perLeg, now);
      this.buckets.set(key, b);
    }
    return b;
  }
}
