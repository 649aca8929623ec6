import type { ClientStats, TrafficSnapshot } from '../../../engine/network/index';

/** What pods and client nodes show about traffic (DOM text and attributes, not the dots). */
export interface TrafficCounters {
  /** Any traffic client was ever started (pods then show their counters, even at 0). */
  readonly active: boolean;
  /** Requests each pod answered for traffic clients (`"namespace/name"` → n): the sum of the clients' byPod. */
  readonly served: Readonly<Record<string, number>>;
  /** Requests each pod answered over the last full simulated second. */
  readonly podRps: Readonly<Record<string, number>>;
  readonly clients: readonly ClientStats[];
  /** Requests each client sent per simulated second, measured over the last second. */
  readonly clientRps: Readonly<Record<number, number>>;
  /** Running clients inside each pod (`"namespace/name"` → client ids). */
  readonly podClients: Readonly<Record<string, readonly number[]>>;
}

export const NO_COUNTERS: TrafficCounters = { active: false, served: {}, podRps: {}, clients: [], clientRps: {}, podClients: {} };

/** Looking back this far (simulated ms) for a client's rate. */
const WINDOW_MS = 1000;

/**
 * Measures each client's request rate from its `sent` counter over the last simulated second
 * (a client in a pod that is not running sends nothing, whatever its configured rate).
 */
export class ClientRates {
  private readonly samples = new Map<number, { t: number; sent: number }[]>();
  private last: Record<number, number> = {};
  private at = -Infinity;

  update(now: number, clients: readonly ClientStats[]): Record<number, number> {
    if (now < this.at) {
      // Time went back: another cluster (reset, share link).
      this.samples.clear();
      this.last = {};
    }
    this.at = now;
    const out: Record<number, number> = {};
    for (const c of clients) {
      if (c.stoppedAt !== undefined) {
        this.samples.delete(c.id);
        continue;
      }
      let list = this.samples.get(c.id);
      if (!list) this.samples.set(c.id, (list = []));
      const tail = list[list.length - 1];
      if (!tail || tail.t !== now) list.push({ t: now, sent: c.sent });
      else tail.sent = c.sent;
      // Keep one sample at or before the window's start, so the rate spans a whole second.
      while (list.length > 2 && list[1].t <= now - WINDOW_MS) list.shift();
      const first = list[0];
      const span = now - first.t;
      if (span > 0) {
        const measured = ((c.sent - first.sent) * 1000) / span;
        // Requests go out in 100 ms batches, so a window a little over a second can count one batch
        // too many or too few: a rate that close to the client's own is its own.
        out[c.id] = Math.abs(measured - c.rps) <= Math.max(1, 0.15 * c.rps) ? c.rps : Math.round(measured * 100) / 100;
      } else out[c.id] = this.last[c.id] ?? 0;
    }
    this.last = out;
    return out;
  }
}

/** The counters for one traffic snapshot. */
export function countersOf(traffic: TrafficSnapshot | undefined, rates: ClientRates): TrafficCounters {
  if (!traffic || traffic.clients.length === 0) return NO_COUNTERS;
  const served: Record<string, number> = {};
  const podClients: Record<string, number[]> = {};
  for (const c of traffic.clients) {
    for (const [pod, n] of Object.entries(c.byPod)) served[pod] = (served[pod] ?? 0) + n;
    if (c.from && c.stoppedAt === undefined) (podClients[c.from] ??= []).push(c.id);
  }
  return {
    active: true,
    served,
    podRps: traffic.podRps,
    clients: traffic.clients,
    clientRps: rates.update(traffic.now, traffic.clients),
    podClients,
  };
}

/** "10", "3.3", "0.5": a rate as people read it. */
export function formatRate(rps: number): string {
  if (rps >= 10) return String(Math.round(rps));
  if (rps >= 1) return String(Math.round(rps * 10) / 10);
  return String(Math.round(rps * 100) / 100);
}

/** A client's outcomes, most frequent first ("200" before "503"), for its node. */
export function outcomeList(c: ClientStats): { outcome: string; count: number }[] {
  return Object.entries(c.responses)
    .map(([outcome, count]) => ({ outcome, count }))
    .sort((a, b) => b.count - a.count || (a.outcome < b.outcome ? -1 : 1));
}
