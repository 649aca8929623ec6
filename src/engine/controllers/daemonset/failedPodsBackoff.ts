/**
 * client-go's flowcontrol.Backoff as the DaemonSet controller configures it (1 s, doubling,
 * at most 15 min; kube-controller-manager's startDaemonSetController): how long to wait before
 * deleting the next failed daemon pod on the same node, so the controller does not hot-loop
 * against a kubelet that keeps rejecting the pod. An entry expires after 2 × the maximum.
 */
export class FailedPodsBackoff {
  private readonly entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs = 1000,
    private readonly maxMs = 15 * 60 * 1000,
  ) {}

  /** The current delay of `id` (0 when there is none). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Records an event for `id`: a fresh entry starts at the initial delay, a live one doubles. */
  next(id: string, now: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(e, now)) {
      this.entries.set(id, { backoff: this.initialMs, lastUpdate: now });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = now;
  }

  /** IsInBackOffSinceUpdate: still within the delay counted from the last update. */
  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(e, now)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  private expired(e: { lastUpdate: number }, now: number): boolean {
    return now - e.lastUpdate > 2 * this.maxMs;
  }
}
