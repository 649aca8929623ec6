/**
 * Reads an append-only log (the event recorder's) incrementally. The recorder trims its oldest
 * entries when full and a cluster reset brings a new log; either way the cursor notices (the
 * last record it saw is no longer where it was) and starts over.
 */
export class LogCursor<T> {
  private log?: readonly T[];
  private seen = 0;
  private last?: T;

  /** Calls `onReset` when the log was replaced or trimmed, then `onRecord` for every record not yet read. */
  read(log: readonly T[], onRecord: (rec: T, index: number) => void, onReset: () => void): void {
    const intact = this.log === log && this.seen <= log.length && (this.seen === 0 || log[this.seen - 1] === this.last);
    if (!intact) {
      this.log = log;
      this.seen = 0;
      this.last = undefined;
      onReset();
    }
    for (let i = this.seen; i < log.length; i++) onRecord(log[i], i);
    this.seen = log.length;
    this.last = log.length ? log[log.length - 1] : undefined;
  }
}
