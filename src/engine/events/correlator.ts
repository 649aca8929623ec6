/**
 * client-go's EventCorrelator (tools/record/events_cache.go), which every component's event
 * broadcaster runs before an event reaches the API server:
 *
 * - aggregation: when an object gets events of the same source, type and reason with 10
 *   different messages within 10 minutes, further ones become one event whose message is
 *   "(combined from similar events): <latest message>" and whose count grows;
 * - spam filter: a source may send 25 events about one object at once, then one more every
 *   5 minutes (a token bucket); the rest never reach the API server.
 *
 * Keys are held per object uid and forgotten when the object is deleted (upstream keeps an LRU
 * of 4096 entries per component).
 */

const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

export const COMBINED_PREFIX = '(combined from similar events): ';

interface AggregateRecord {
  /** Distinct messages seen, oldest first (at most AGGREGATE_MAX_EVENTS - 1 kept once combined). */
  messages: Set<string>;
  last: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class EventCorrelator {
  private readonly aggregates = new Map<string | undefined, Map<string, AggregateRecord>>();
  private readonly buckets = new Map<string | undefined, Map<string, Bucket>>();

  /**
   * EventAggregate: whether this event is combined with its similar ones (same source, object,
   * type and reason, other messages). Upstream's set drops an arbitrary message once full; the
   * oldest is dropped here, so the outcome does not depend on map order.
   */
  aggregate(uid: string | undefined, source: string, type: string, reason: string, message: string, now: number): boolean {
    let ofObject = this.aggregates.get(uid);
    if (!ofObject) this.aggregates.set(uid, (ofObject = new Map()));
    const key = `${source}\u0000${type}\u0000${reason}`;
    let rec = ofObject.get(key);
    if (!rec || now - rec.last > AGGREGATE_INTERVAL_MS) ofObject.set(key, (rec = { messages: new Set(), last: now }));
    rec.messages.add(message);
    rec.last = now;
    if (rec.messages.size < AGGREGATE_MAX_EVENTS) return false;
    rec.messages.delete(rec.messages.values().next().value!);
    return true;
  }

  /** EventSourceObjectSpamFilter.Filter: true when the source has no token left for this object. */
  filtered(uid: string | undefined, source: string, now: number): boolean {
    let ofObject = this.buckets.get(uid);
    if (!ofObject) this.buckets.set(uid, (ofObject = new Map()));
    let b = ofObject.get(source);
    if (!b) ofObject.set(source, (b = { tokens: SPAM_BURST, at: now }));
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) / SPAM_REFILL_MS);
    b.at = now;
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }

  forget(uid: string): void {
    this.aggregates.delete(uid);
    this.buckets.delete(uid);
  }
}
