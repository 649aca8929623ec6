import type { Output } from './runtime';

export interface LogLine {
  /** Absolute simulated time the line was written. */
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Lines kept per container instance (the kubelet rotates logs; we keep the most recent). */
export const MAX_LOG_LINES = 5_000;

/** A container's log, as `kubectl logs` reads it: stdout and stderr lines in time order. */
export class LogBuffer {
  private lines: LogLine[] = [];
  private readonly partial: Record<'stdout' | 'stderr', { t: number; text: string } | undefined> = { stdout: undefined, stderr: undefined };
  private sorted = true;

  writer(time: () => number): Output {
    return { write: (fd, text) => this.append(fd === 1 ? 'stdout' : 'stderr', text, time()) };
  }

  append(stream: 'stdout' | 'stderr', text: string, t: number): void {
    let pending = this.partial[stream];
    let rest = text;
    for (;;) {
      const nl = rest.indexOf('\n');
      if (nl < 0) break;
      const line = (pending?.text ?? '') + rest.slice(0, nl);
      this.push({ t: pending?.t ?? t, stream, text: line });
      pending = undefined;
      rest = rest.slice(nl + 1);
    }
    this.partial[stream] = rest ? { t: pending?.t ?? t, text: (pending?.text ?? '') + rest } : pending;
  }

  private push(l: LogLine): void {
    const last = this.lines[this.lines.length - 1];
    if (last && last.t > l.t) this.sorted = false;
    this.lines.push(l);
    if (this.lines.length > MAX_LOG_LINES * 1.2) this.trim();
  }

  private trim(): void {
    this.sort();
    this.lines = this.lines.slice(this.lines.length - MAX_LOG_LINES);
  }

  private sort(): void {
    if (this.sorted) return;
    this.lines.sort((a, b) => a.t - b.t);
    this.sorted = true;
  }

  /** Lines written up to `now` (partial last lines included). */
  read(now: number): LogLine[] {
    this.sort();
    const out = this.lines.filter((l) => l.t <= now);
    for (const s of ['stdout', 'stderr'] as const) {
      const p = this.partial[s];
      if (p && p.t <= now) out.push({ t: p.t, stream: s, text: p.text });
    }
    return out.length > MAX_LOG_LINES ? out.slice(out.length - MAX_LOG_LINES) : out;
  }
}
