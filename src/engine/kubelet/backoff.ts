/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image pulls:
 * the first failure starts at `initial`, each later one doubles up to `max`, and an entry not
 * updated for 2 × max (10 minutes) starts over.
 */
export class Backoff {
  private readonly entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    private readonly initial: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  /** The current back-off of `id` (0 when it has none). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Moves `id` to its next back-off step (Backoff.Next). */
  next(id: string, eventTime: number): void {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) this.entries.set(id, { backoff: this.initial, lastUpdate: this.now() });
    else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = this.now();
    }
  }

  /** True while less than the back-off has passed since `eventTime` (IsInBackOffSince). */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return this.now() - eventTime < e.backoff;
  }

  /** True while less than the back-off has passed since the last update (IsInBackOffSinceUpdate). */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoff;
  }

  /** When the back-off of `id`, counted from `from`, ends. */
  endsAt(id: string, from: number): number {
    return from + this.get(id);
  }

  lastUpdate(id: string): number | undefined {
    return this.entries.get(id)?.lastUpdate;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Drops every entry whose key starts with `prefix` (a pod's entries when it goes). */
  deletePrefix(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.max * 2;
  }
}
