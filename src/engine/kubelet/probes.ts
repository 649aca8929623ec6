import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { TimerHandle } from '../clock/simClock';
import type { ContainerInstance } from './container';
import type { Listener } from './program/runtime';
import { ProgramInstance } from './program/instance';
import { SECOND } from '../time';
import { PLEG_RELIST_MS } from './timings';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeResult {
  ok: boolean;
  /** What the Unhealthy event says after "<Kind> probe failed: ". */
  message: string;
}

/** What a container's probe workers need from their pod worker. */
export interface ProbeHost {
  now(): number;
  podIP(): string;
  /** Who listens on `port` in the pod's network namespace at `t` (as the programs foresee it). */
  listener(port: number, t: number): Listener | undefined;
  after(delayMs: number, label: string, fn: () => void, background: boolean): TimerHandle;
  cancel(t: TimerHandle | undefined): void;
  unhealthy(kind: ProbeKind, message: string): void;
  /** A liveness or startup probe failed failureThreshold times: the container is killed. */
  kill(kind: 'liveness' | 'startup', graceSeconds: number | undefined): void;
  /** started or ready changed. */
  changed(): void;
  /** A served probe request (nginx logs it). */
  served?(listener: Listener, path: string, status: number, bytes: number, t: number): void;
}

/** The probe spec with the API defaults filled in (core/v1 Probe field comments). */
function withDefaults(p: Probe) {
  return {
    initialDelay: (p.initialDelaySeconds ?? 0) * SECOND,
    period: (p.periodSeconds ?? 10) * SECOND,
    timeout: (p.timeoutSeconds ?? 1) * SECOND,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

/**
 * The prober workers of one container run (pkg/kubelet/prober/worker.go): each probe fires every
 * periodSeconds from initialDelaySeconds after the container started; startup gates the others.
 * The programs are known, so each tick's answer is known in advance: ticks whose answer changes
 * nothing (a passing liveness probe, a readiness probe confirming the current state) are
 * background timers, so a quiet cluster stays quiet.
 */
export class ProbeSet {
  private readonly timers = new Map<ProbeKind, TimerHandle>();
  private readonly failures = new Map<ProbeKind, number>();
  private readonly successes = new Map<ProbeKind, number>();
  private stopped = false;

  constructor(
    private readonly host: ProbeHost,
    private readonly container: Container,
    private readonly inst: ContainerInstance,
  ) {}

  /** Starts the workers; returns whether the container has any probe. */
  start(): void {
    const c = this.container;
    if (!c.startupProbe) this.inst.started = true;
    if (!c.readinessProbe) this.inst.ready = this.inst.started;
    if (c.startupProbe) this.schedule('startup', c.startupProbe, 0);
    if (c.livenessProbe) this.schedule('liveness', c.livenessProbe, 0);
    if (c.readinessProbe) this.schedule('readiness', c.readinessProbe, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) this.host.cancel(t);
    this.timers.clear();
  }

  /** The program's future changed (a signal, the world): recompute which ticks matter. */
  refresh(): void {
    if (this.stopped) return;
    for (const kind of [...this.timers.keys()]) {
      const probe = this.probeOf(kind);
      if (!probe) continue;
      this.host.cancel(this.timers.get(kind));
      this.timers.delete(kind);
      this.schedule(kind, probe, 0);
    }
  }

  private probeOf(kind: ProbeKind): Probe | undefined {
    return kind === 'startup' ? this.container.startupProbe : kind === 'liveness' ? this.container.livenessProbe : this.container.readinessProbe;
  }

  private readonly lastTick = new Map<ProbeKind, number>();

  private schedule(kind: ProbeKind, probe: Probe, _n: number): void {
    if (this.stopped) return;
    const d = withDefaults(probe);
    const now = this.host.now();
    // The prober sees the container only once the kubelet's PLEG has (up to a second after the start).
    const first = this.inst.startedAt + Math.max(d.initialDelay, PLEG_RELIST_MS);
    let at = first;
    if (at < now) at = first + Math.ceil((now - first) / d.period) * d.period;
    const last = this.lastTick.get(kind);
    if (last !== undefined && at <= last) at = last + d.period;
    const background = !this.matters(kind, probe, at);
    const timer = this.host.after(at - now, `kubelet:probe:${kind}`, () => this.tick(kind, probe, at), background);
    this.timers.set(kind, timer);
  }

  /** Will the tick at `t` change anything (a state flip, a kill, a start)? */
  private matters(kind: ProbeKind, probe: Probe, t: number): boolean {
    if (!this.inst.running) return false;
    if (kind !== 'startup' && !this.inst.started) return this.container.startupProbe !== undefined;
    if (kind === 'startup') return true;
    const r = this.evaluate(probe, t);
    if (kind === 'liveness') return !r.ok;
    return r.ok !== this.inst.ready || (!r.ok && (this.failures.get(kind) ?? 0) + 1 < withDefaults(probe).failureThreshold && this.inst.ready);
  }

  private tick(kind: ProbeKind, probe: Probe, t: number): void {
    this.timers.delete(kind);
    this.lastTick.set(kind, t);
    if (this.stopped || !this.inst.running) return;
    const d = withDefaults(probe);
    if (kind !== 'startup' && !this.inst.started) {
      this.schedule(kind, probe, 0);
      return;
    }
    const r = this.evaluate(probe, t, true);
    if (r.ok) {
      this.failures.set(kind, 0);
      const s = (this.successes.get(kind) ?? 0) + 1;
      this.successes.set(kind, s);
      if (kind === 'startup' && s >= 1) {
        this.inst.started = true;
        if (!this.container.readinessProbe) this.inst.ready = true;
        this.host.changed();
        // The startup worker's job is done; the others start probing.
        return;
      }
      if (kind === 'readiness' && s >= d.successThreshold && !this.inst.ready) {
        this.inst.ready = true;
        this.host.changed();
      }
    } else {
      this.successes.set(kind, 0);
      const f = (this.failures.get(kind) ?? 0) + 1;
      this.failures.set(kind, f);
      this.host.unhealthy(kind, r.message);
      if (f >= d.failureThreshold) {
        if (kind === 'readiness') {
          if (this.inst.ready) {
            this.inst.ready = false;
            this.host.changed();
          }
        } else {
          this.failures.set(kind, 0);
          this.stop();
          this.host.kill(kind, probe.terminationGracePeriodSeconds);
          return;
        }
      }
    }
    this.schedule(kind, probe, 0);
  }

  /** A probe's answer at `t`, from the container's look-ahead run (state just before `t`). */
  evaluate(probe: Probe, t: number, served = false): ProbeResult {
    const ip = this.host.podIP();
    if (probe.exec) return this.execProbe(probe.exec.command ?? [], t, withDefaults(probe).timeout);
    if (probe.httpGet) {
      const port = this.port(probe.httpGet.port);
      const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
      const host = probe.httpGet.host ?? ip;
      const path = probe.httpGet.path ?? '/';
      const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
      const l = this.host.listener(port, t);
      if (!l) return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      if (!l.http) return { ok: false, message: `Get "${url}": EOF` };
      const res = l.http(path, t);
      if (served) this.host.served?.(l, path, res.status, res.body.length, t);
      if (res.status >= 200 && res.status < 400) return { ok: true, message: '' };
      return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
    }
    if (probe.tcpSocket) {
      const port = this.port(probe.tcpSocket.port);
      const host = probe.tcpSocket.host ?? ip;
      return this.host.listener(port, t) ? { ok: true, message: '' } : { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
    }
    if (probe.grpc) {
      const port = probe.grpc.port;
      const l = this.host.listener(port, t);
      if (l?.grpc) return { ok: true, message: '' };
      return { ok: false, message: `timeout: failed to connect service "${ip}:${port}" within ${withDefaults(probe).timeout / SECOND}s: context deadline exceeded` };
    }
    return { ok: true, message: '' };
  }

  private port(p: number | string): number {
    if (typeof p === 'number') return p;
    if (/^\d+$/.test(p)) return Number(p);
    return (this.container.ports ?? []).find((x) => x.name === p)?.containerPort ?? 0;
  }

  /** Runs the probe command in the container as it will be at `t` (its look-ahead run's files). */
  private execProbe(argv: string[], t: number, timeout: number): ProbeResult {
    const oracle = this.inst.oracle();
    oracle.advanceTo(t, true);
    let output = '';
    const run = new ProgramInstance({ ...this.inst.spec, argv, initContainer: true, fs: oracle.proc.fs.fork(), mainRunning: () => this.inst.running }, t, 'oracle', undefined, { write: (_fd, text) => (output += text) });
    run.advanceTo(t + timeout);
    if (!run.exit) return { ok: false, message: `command "${argv.join(' ')}" timed out` };
    const text = output.replace(/\n$/, '');
    return run.exit.code === 0 ? { ok: true, message: text } : { ok: false, message: text };
  }
}
