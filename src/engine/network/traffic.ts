import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import type { SimClock, TimerHandle } from '../clock/simClock';
import type { Rng } from '../random';
import type { DataPath, Hop, HopRef, RouteResult, Source } from './datapath';

/** Requests of a slice of simulated time are generated together (one timer for every client). */
export const TICK_MS = 100;
/** Traces kept for the canvas. */
export const TRACE_CAPACITY = 256;
/** Traces recorded per client and tick (the rest are only counted). */
const SAMPLES_PER_TICK = 1;

/** One request as the canvas may draw it: where it went, hop by hop, and how it ended. */
export interface RequestTrace {
  id: number;
  /** The traffic client's id, or 0 for a one-off request (kubectl exec curl). */
  client: number;
  /** Simulated time the request started; each hop's `at` is relative to it. */
  t: number;
  hops: Hop[];
  outcome: string;
  pod?: string;
  latencyMs: number;
}

export interface ClientStats {
  id: number;
  url: string;
  /** "namespace/pod" the client runs in, or null outside the cluster. */
  from: string | null;
  rps: number;
  startedAt: number;
  stoppedAt?: number;
  /** Why it stopped on its own (its pod went away). */
  stopReason?: string;
  sent: number;
  /** Count per HTTP status ("200") or failure ("connection refused", "timeout", "NXDOMAIN", …). */
  responses: Record<string, number>;
  /** Count per answering pod ("namespace/name"). */
  byPod: Record<string, number>;
  /** Mean latency of the requests so far (ms). */
  meanLatencyMs: number;
}

/** Requests per second between two objects over the last full second. */
export interface EdgeRate {
  from: HopRef | { kind: 'Outside'; name: 'outside' };
  to: HopRef;
  rps: number;
}

export interface TrafficSnapshot {
  now: number;
  clients: ClientStats[];
  /** Requests each pod has answered (HTTP responses), since the start. */
  servedByPod: Record<string, number>;
  /** Requests each pod answered over the last full second. */
  podRps: Record<string, number>;
  edges: EdgeRate[];
  /** The most recent sampled traces, oldest first. */
  traces: RequestTrace[];
}

interface Client extends ClientStats {
  namespace?: string;
  podName?: string;
  carry: number;
  latencySum: number;
  responsesMap: Map<string, number>;
  byPodMap: Map<string, number>;
}

/** What the traffic engine reports each second (per-pod request rates become CPU use). */
export type RateSink = (namespace: string, pod: string, rps: number) => void;

/**
 * Steady traffic clients (`traffic [--from <pod>] <url> <rps>`): every 100 ms of simulated
 * time each client sends the requests of that slice, each routed on its own through the data
 * path at its own instant. Counts go to the client's stats, the answering pods' counters and
 * the per-edge rates; one request per client and slice is kept as a trace for the canvas.
 * The ticks are background timers: traffic alone does not keep a simulation running.
 */
export class TrafficEngine {
  private readonly clients: Client[] = [];
  private timer?: TimerHandle;
  private nextId = 1;
  private traceSeq = 0;
  private readonly traceRing: RequestTrace[] = [];
  private ringStart = 0;
  private readonly served = new Map<string, number>();
  private windowServed = new Map<string, number>();
  private windowEdges = new Map<string, { from: EdgeRate['from']; to: HopRef; n: number }>();
  private lastPodRps = new Map<string, number>();
  private lastEdges: EdgeRate[] = [];
  private windowStart = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly clock: SimClock,
    private readonly rng: Rng,
    private readonly path: DataPath,
    private readonly rates: RateSink,
  ) {}

  start(url: string, rps: number, from?: { namespace: string; name: string }): ClientStats {
    const c: Client = {
      id: this.nextId++,
      url,
      from: from ? `${from.namespace}/${from.name}` : null,
      namespace: from?.namespace,
      podName: from?.name,
      rps,
      startedAt: this.clock.now(),
      sent: 0,
      responses: {},
      byPod: {},
      meanLatencyMs: 0,
      carry: 0,
      latencySum: 0,
      responsesMap: new Map(),
      byPodMap: new Map(),
    };
    this.clients.push(c);
    this.arm();
    return this.stats(c);
  }

  /** Stops one client (by id) or all; returns how many were running. */
  stop(id?: number): number {
    let n = 0;
    for (const c of this.clients) {
      if (c.stoppedAt !== undefined || (id !== undefined && c.id !== id)) continue;
      c.stoppedAt = this.clock.now();
      n++;
    }
    if (!this.running()) this.idle();
    return n;
  }

  running(): boolean {
    return this.clients.some((c) => c.stoppedAt === undefined);
  }

  list(): ClientStats[] {
    return this.clients.map((c) => this.stats(c));
  }

  snapshot(): TrafficSnapshot {
    const n = this.traceRing.length;
    const traces = n < TRACE_CAPACITY ? [...this.traceRing] : [...this.traceRing.slice(this.ringStart), ...this.traceRing.slice(0, this.ringStart)];
    return {
      now: this.clock.now(),
      clients: this.list(),
      servedByPod: Object.fromEntries([...this.served].sort(([a], [b]) => (a < b ? -1 : 1))),
      podRps: Object.fromEntries([...this.lastPodRps].sort(([a], [b]) => (a < b ? -1 : 1))),
      edges: this.lastEdges,
      traces,
    };
  }

  /** Records a one-off request (kubectl exec curl, wget) as a trace and in the pods' counters. */
  recordOneOff(r: RouteResult, t: number): void {
    this.tally(r);
    this.keepTrace(0, r, t);
  }

  private stats(c: Client): ClientStats {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
    const out: ClientStats = {
      id: c.id,
      url: c.url,
      from: c.from,
      rps: c.rps,
      startedAt: c.startedAt,
      sent: c.sent,
      responses: sorted(c.responsesMap),
      byPod: sorted(c.byPodMap),
      meanLatencyMs: c.sent ? Math.round((c.latencySum / c.sent) * 1000) / 1000 : 0,
    };
    if (c.stoppedAt !== undefined) out.stoppedAt = c.stoppedAt;
    if (c.stopReason) out.stopReason = c.stopReason;
    return out;
  }

  private arm(): void {
    if (this.timer) return;
    if (this.windowStart === 0) this.windowStart = this.clock.now();
    this.timer = this.clock.after(TICK_MS, 'traffic:tick', () => {
      this.timer = undefined;
      this.tick();
      if (this.running()) this.arm();
      else this.idle();
    }, { background: true });
  }

  /** No client left: the rates drop to zero once the last second is reported. */
  private idle(): void {
    if (this.timer) {
      this.clock.cancel(this.timer);
      this.timer = undefined;
    }
    this.flushWindow();
    this.flushWindow();
    this.windowStart = 0;
  }

  private tick(): void {
    this.path.inBatch(this.clock.now(), () => this.sendSlice());
  }

  private sendSlice(): void {
    const end = this.clock.now();
    const startT = end - TICK_MS;
    for (const c of this.clients) {
      if (c.stoppedAt !== undefined) continue;
      const source = this.sourceOf(c);
      if (!source) continue;
      const due = c.carry + (c.rps * TICK_MS) / 1000;
      const n = Math.floor(due + 1e-9);
      c.carry = due - n;
      for (let i = 0; i < n; i++) {
        // Requests are spread over the slice for the canvas, but all see the cluster as it is now
        // (endpoints and listeners from one instant: no request meets a pod the slice has not reached yet).
        const t = startT + Math.floor(((i + 0.5) * TICK_MS) / n);
        const r = this.path.request({ source, url: c.url, t: end, pick: (k) => this.rng.int(k) });
        c.sent++;
        c.latencySum += r.latencyMs;
        c.responsesMap.set(r.outcome, (c.responsesMap.get(r.outcome) ?? 0) + 1);
        if (r.pod) c.byPodMap.set(r.pod, (c.byPodMap.get(r.pod) ?? 0) + 1);
        this.tally(r);
        if (i < SAMPLES_PER_TICK) this.keepTrace(c.id, r, t);
      }
    }
    if (end - this.windowStart >= 1000) this.flushWindow();
  }

  /** The client's pod, while it runs; a client whose pod is gone stops. */
  private sourceOf(c: Client): Source | undefined {
    if (!c.namespace) return { kind: 'outside' };
    const pod = this.api.get('Pod', c.namespace, c.podName!) as Pod | undefined;
    if (!pod) {
      c.stoppedAt = this.clock.now();
      c.stopReason = `pod ${c.from} is gone`;
      return undefined;
    }
    if (pod.status?.phase !== 'Running') return undefined;
    return { kind: 'pod', pod };
  }

  private tally(r: RouteResult): void {
    if (r.pod) {
      this.served.set(r.pod, (this.served.get(r.pod) ?? 0) + 1);
      this.windowServed.set(r.pod, (this.windowServed.get(r.pod) ?? 0) + 1);
    }
    let prev: EdgeRate['from'] | undefined;
    for (const h of r.hops) {
      const ref: EdgeRate['from'] | undefined = h.kind === 'client' ? (h.ref ?? { kind: 'Outside', name: 'outside' }) : h.ref;
      if (!ref) continue;
      if (prev && !(prev.kind === ref.kind && prev.name === ref.name && (prev as HopRef).namespace === ref.namespace)) {
        const k = `${prev.kind}:${(prev as HopRef).namespace ?? ''}/${prev.name}>${ref.kind}:${(ref as HopRef).namespace ?? ''}/${ref.name}`;
        const e = this.windowEdges.get(k);
        if (e) e.n++;
        else this.windowEdges.set(k, { from: prev, to: ref as HopRef, n: 1 });
      }
      prev = ref;
    }
  }

  private keepTrace(client: number, r: RouteResult, t: number): void {
    const trace: RequestTrace = { id: ++this.traceSeq, client, t, hops: r.hops, outcome: r.outcome, latencyMs: r.latencyMs };
    if (r.pod) trace.pod = r.pod;
    if (this.traceRing.length < TRACE_CAPACITY) this.traceRing.push(trace);
    else {
      this.traceRing[this.ringStart] = trace;
      this.ringStart = (this.ringStart + 1) % TRACE_CAPACITY;
    }
  }

  /** Closes the current one-second window: rates for the canvas and for the pods' CPU. */
  private flushWindow(): void {
    const now = this.clock.now();
    const secs = Math.max(1, now - this.windowStart) / 1000;
    const next = new Map<string, number>();
    for (const [pod, n] of this.windowServed) next.set(pod, Math.round((n / secs) * 100) / 100);
    for (const pod of this.lastPodRps.keys()) if (!next.has(pod)) this.report(pod, 0);
    for (const [pod, rps] of next) this.report(pod, rps);
    this.lastPodRps = next;
    this.lastEdges = [...this.windowEdges.values()].map((e) => ({ from: e.from, to: e.to, rps: Math.round((e.n / secs) * 100) / 100 }));
    this.windowServed = new Map();
    this.windowEdges = new Map();
    this.windowStart = now;
  }

  private report(pod: string, rps: number): void {
    const i = pod.indexOf('/');
    this.rates(pod.slice(0, i), pod.slice(i + 1), rps);
  }
}
