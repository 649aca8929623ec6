import type { KObject } from '../api/object';

/** Events live an hour after their last occurrence, as kube-apiserver's --event-ttl=1h. */
export const EVENT_TTL_MS = 3600_000;

/**
 * Where Event objects are kept. Events are the most numerous objects in a cluster (six or so
 * per pod) and nothing in the control plane watches them, so they are held here rather than in
 * the object store: the API server serves get/list/delete of kind Event from this store.
 */
export class EventStore {
  private readonly byNamespace = new Map<string, Map<string, KObject>>();
  /** Insertion-ordered expiry queue: [namespace, name, lastTimestamp ms]. */
  private readonly expiry: [string, string, number][] = [];
  private expiryHead = 0;
  /**
   * The last occurrence of each stored event, by namespace then name (beside byNamespace, so
   * that recording an event builds no "namespace/name" key string).
   */
  private readonly lastSeen = new Map<string, Map<string, number>>();

  get(namespace: string | undefined, name: string): KObject | undefined {
    return this.byNamespace.get(namespace ?? 'default')?.get(name);
  }

  list(namespace?: string): KObject[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    const out: KObject[] = [];
    for (const m of this.byNamespace.values()) for (const o of m.values()) out.push(o);
    return out;
  }

  count(): number {
    let n = 0;
    for (const m of this.byNamespace.values()) n += m.size;
    return n;
  }

  put(obj: KObject, lastMs: number): void {
    const ns = obj.metadata.namespace!;
    const name = obj.metadata.name!;
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(name, obj);
    let seen = this.lastSeen.get(ns);
    if (!seen) this.lastSeen.set(ns, (seen = new Map()));
    seen.set(name, lastMs);
    this.expiry.push([ns, name, lastMs]);
  }

  delete(namespace: string | undefined, name: string): KObject | undefined {
    const ns = namespace ?? 'default';
    const m = this.byNamespace.get(ns);
    const o = m?.get(name);
    if (o) {
      m!.delete(name);
      this.lastSeen.get(ns)?.delete(name);
    }
    return o;
  }

  dropNamespace(namespace: string): void {
    const m = this.byNamespace.get(namespace);
    if (!m) return;
    this.lastSeen.delete(namespace);
    this.byNamespace.delete(namespace);
  }

  /** Removes events whose last occurrence is older than the TTL. */
  expire(now: number): void {
    while (this.expiryHead < this.expiry.length) {
      const [ns, name, last] = this.expiry[this.expiryHead];
      if (last + EVENT_TTL_MS > now) break;
      this.expiryHead++;
      // A later occurrence queued a newer entry; only that one may expire the event.
      if (this.lastSeen.get(ns)?.get(name) === last) this.delete(ns, name);
    }
    if (this.expiryHead > 4096 && this.expiryHead * 2 > this.expiry.length) {
      this.expiry.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
  }
}
