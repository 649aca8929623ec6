/** One pending callback on the simulated clock. */
export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  /** Background timers (heartbeats, steady probes) do not keep a "run until quiet" going. */
  readonly background: boolean;
  readonly fn: () => void;
  cancelled: boolean;
}

/**
 * A binary min-heap of timers ordered by (time, insertion sequence): two timers due at the same
 * instant fire in the order they were set, which keeps every run deterministic.
 */
export class TimerQueue {
  private heap: Timer[] = [];
  private foregroundLive = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Live (not cancelled) foreground timers still pending. */
  get foregroundCount(): number {
    return this.foregroundLive;
  }

  push(t: Timer): void {
    this.heap.push(t);
    if (!t.background) this.foregroundLive++;
    this.up(this.heap.length - 1);
  }

  cancel(t: Timer): void {
    if (t.cancelled) return;
    t.cancelled = true;
    if (!t.background) this.foregroundLive--;
  }

  /** The earliest live timer, dropping cancelled ones on the way. */
  peek(): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.popRaw();
    return this.heap[0];
  }

  pop(): Timer | undefined {
    const t = this.peek();
    if (!t) return undefined;
    this.popRaw();
    if (!t.background) this.foregroundLive--;
    return t;
  }

  private popRaw(): Timer {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    const item = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(item, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = item;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const item = h[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(h[r], h[l]) ? r : l;
      if (!this.less(h[c], item)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = item;
  }
}
