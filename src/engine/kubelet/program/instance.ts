import { FsView } from './filesystem';
import { LogBuffer } from './logs';
import { ExitSignal, LoopControl, OomKill, STEP_BUDGET, Traits, type Output, type Process, type Program, type Resume, type World } from './runtime';
import { Shell, type CommandLookup } from './shell/interpreter';

/** Everything a container's program depends on, fixed when the container starts. */
export interface ProgramSpec {
  /** What the runtime executes: ENTRYPOINT/CMD or command/args, $(VAR) references expanded. */
  argv: string[];
  env: ReadonlyMap<string, string>;
  image: string;
  declaredPorts: readonly number[];
  hostname: string;
  podIP: string;
  memoryLimit: number;
  sharedPid: boolean;
  initContainer: boolean;
  interactive: boolean;
  fs: FsView;
  world: World;
  commands: CommandLookup;
  mainRunning?: (name: string, t: number) => boolean;
  signalMain?: (name: string, signal: 'TERM' | 'QUIT' | 'KILL', t: number) => void;
}

export interface ExitInfo {
  /** Absolute simulated time of the exit. */
  at: number;
  code: number;
  /** Killed by the OOM killer (reason OOMKilled). */
  oom: boolean;
}

/**
 * - live: the run the world sees (its log, its writes to shared volumes), advanced lazily to now;
 * - plan: a throw-away run to find when and how the program ends;
 * - oracle: a throw-away run kept just ahead of now to answer probes before they fire.
 */
export type Mode = 'live' | 'plan' | 'oracle';

/** Programs are taken to run for ever when a plan reaches this far. */
const PLAN_HORIZON_MS = 30 * 24 * 3_600_000;

/** A plan of a program that asks the world looks this far ahead; world changes plan it again. */
const WORLD_HORIZON_MS = 3_600_000;

const NULL_OUTPUT: Output = { write: () => undefined };

class ProcessImpl implements Process {
  time: number;
  termAt?: number;
  worldDependent = false;
  steps = 0;
  readonly traits = new Traits();
  readonly lookahead: boolean;
  readonly planning: boolean;
  readonly fs: FsView;
  readonly world: World;
  readonly hostname: string;
  readonly podIP: string;
  readonly memoryLimit: number;
  readonly sharedPidNamespace: boolean;
  readonly initContainer: boolean;
  readonly interactive: boolean;
  readonly image: string;
  readonly declaredPorts: readonly number[];
  readonly log: Output;
  readonly mainRunning?: (name: string, t: number) => boolean;
  readonly signalMain?: (name: string, signal: 'TERM' | 'QUIT' | 'KILL', t: number) => void;

  constructor(
    spec: ProgramSpec,
    readonly startedAt: number,
    mode: Mode,
    log: Output,
  ) {
    this.time = startedAt;
    this.lookahead = mode !== 'live';
    this.planning = mode === 'plan';
    this.fs = mode === 'live' ? spec.fs : spec.fs.fork();
    this.world = spec.world;
    this.hostname = spec.hostname;
    this.podIP = spec.podIP;
    this.memoryLimit = spec.memoryLimit;
    this.sharedPidNamespace = spec.sharedPid;
    this.initContainer = spec.initContainer;
    this.interactive = spec.interactive;
    this.image = spec.image;
    this.declaredPorts = spec.declaredPorts;
    this.log = log;
    // Only the live run may touch the main program (a plan must not signal anything).
    this.mainRunning = spec.mainRunning;
    this.signalMain = mode === 'live' ? spec.signalMain : undefined;
  }

  useMemory(bytes: number): void {
    this.traits.memoryBytes = Math.max(0, bytes);
    if (this.traits.memoryBytes > this.memoryLimit) throw new OomKill();
  }
}

/** One run of a container's program, driven step by step along simulated time. */
export class ProgramInstance {
  readonly proc: ProcessImpl;
  readonly shell: Shell;
  readonly logs?: LogBuffer;
  exit?: ExitInfo;
  private gen?: Program;
  private blocked?: { until: number; interruptible: boolean; since: number; busy: boolean };
  /** How far a plan follows a program that consults the world. */
  worldHorizon = Infinity;

  constructor(
    readonly spec: ProgramSpec,
    readonly startedAt: number,
    readonly mode: Mode,
    termAt?: number,
    /** Where the output goes instead of a log (exec probes, hooks, kubectl exec); a look-ahead's is otherwise discarded. */
    output?: Output,
  ) {
    this.logs = mode === 'live' && !output ? new LogBuffer() : undefined;
    this.proc = new ProcessImpl(spec, startedAt, mode, output ?? (this.logs ? this.logs.writer(() => this.proc.time) : NULL_OUTPUT));
    this.proc.termAt = termAt;
    this.shell = new Shell(this.proc, spec.commands, spec.env);
  }

  /** The stop signal reaches the program at `t` (preStop done, or the pod is being deleted). */
  signal(t: number): void {
    if (this.proc.termAt === undefined || t < this.proc.termAt) this.proc.termAt = t;
  }

  get running(): boolean {
    return !this.exit;
  }

  /** The program is spinning without ever sleeping (uses a whole CPU). */
  get busy(): boolean {
    return !!this.blocked?.busy;
  }

  /**
   * When this run next does something: its start, the end of its current block, or the moment
   * the stop signal interrupts or (not being PID 1) kills it. Infinity when it waits for ever.
   */
  nextWake(): number {
    if (this.exit) return Infinity;
    if (!this.gen) return this.startedAt;
    const b = this.blocked;
    if (!b) return Infinity;
    const term = this.proc.termAt;
    if (term !== undefined && term < b.until) {
      const at = Math.max(term, b.since);
      if (b.interruptible || (this.proc.sharedPidNamespace && !this.shell.handlesTerm())) return at;
    }
    if (this.mode !== 'live' && b.until - this.startedAt > PLAN_HORIZON_MS) return Infinity;
    // A program waiting on the world (DNS, HTTP) is planned again when the world changes.
    if (this.mode === 'plan' && this.proc.worldDependent && b.until > this.worldHorizon) return Infinity;
    return b.until;
  }

  /** Performs what is due at nextWake(). */
  stepOnce(): void {
    if (this.exit) return;
    const p = this.proc;
    if (!this.gen) {
      const sh = this.shell;
      const argv = this.spec.argv;
      this.gen = (function* (): Program {
        try {
          return yield* sh.invoke(argv, { stdin: null, write: (fd, text) => sh.proc.log.write(fd, text) }, true);
        } catch (e) {
          if (e instanceof ExitSignal) return e.code;
          if (e instanceof LoopControl) return sh.status;
          throw e;
        }
      })();
      this.resume(undefined);
      return;
    }
    const b = this.blocked;
    if (!b) return;
    const wake = this.nextWake();
    if (wake === Infinity) return;
    const term = p.termAt;
    const byTerm = term !== undefined && wake < b.until;
    if (byTerm && !b.interruptible) {
      // Not PID 1: an unhandled TERM ends the process (128 + 15).
      this.finish(wake, 143, false);
      return;
    }
    p.time = wake;
    this.blocked = undefined;
    this.resume({ interrupted: byTerm });
    if (this.mode !== 'live' && p.steps > STEP_BUDGET && !this.exit && this.blocked) {
      // A program that keeps going without end: taken to run for ever.
      this.blocked = { until: Infinity, interruptible: false, since: p.time, busy: false };
    }
  }

  /**
   * Runs the program up to time `t` (steps due exactly at `t` run unless `strict`: a probe at the
   * same instant as a step sees the state just before it).
   */
  advanceTo(t: number, strict = false): void {
    let budget = this.mode === 'live' ? 5_000_000 : STEP_BUDGET;
    for (;;) {
      const w = this.nextWake();
      if (w === Infinity || (strict ? w >= t : w > t)) return;
      this.stepOnce();
      if (--budget <= 0) {
        if (!this.exit) this.blocked = { until: Infinity, interruptible: false, since: this.proc.time, busy: false };
        return;
      }
    }
  }

  private resume(r: Resume | undefined): void {
    const p = this.proc;
    for (;;) {
      let res: IteratorResult<any, number>;
      try {
        res = this.gen!.next(r);
      } catch (e) {
        if (e instanceof OomKill) {
          this.finish(p.time, 137, true);
          return;
        }
        if (e instanceof ExitSignal) {
          this.finish(p.time, e.code, false);
          return;
        }
        throw e;
      }
      if (res.done) {
        this.finish(p.time, res.value, false);
        return;
      }
      const step = res.value;
      if (step.kind === 'sleep' && step.ms <= 0) {
        r = undefined;
        continue;
      }
      this.blocked = {
        until: step.kind === 'sleep' ? p.time + step.ms : Infinity,
        interruptible: !!step.interruptible,
        since: p.time,
        busy: step.kind === 'forever' && !!step.busy,
      };
      return;
    }
  }

  private finish(at: number, code: number, oom: boolean): void {
    this.proc.time = at;
    this.exit = { at, code, oom };
    this.blocked = undefined;
  }

  /** SIGKILL at `at` (the end of a grace period, a liveness kill, chaos): exit 137 unless already gone. */
  kill(at: number): void {
    this.advanceTo(at);
    if (!this.exit) this.finish(at, 137, false);
  }

  /** Who listens on `port` at `t` in this run. */
  listener(port: number, t: number) {
    if (this.exit && this.exit.at <= t) return undefined;
    const l = this.proc.traits.listeners.get(port);
    return l && l.since <= t ? l : undefined;
  }
}

/** Finds when a program started at `startedAt` ends (if ever), given when TERM reaches it. */
export function planProgram(spec: ProgramSpec, startedAt: number, termAt?: number, now = startedAt): { exit?: ExitInfo; worldDependent: boolean } {
  const inst = new ProgramInstance(spec, startedAt, 'plan', termAt);
  inst.worldHorizon = Math.max(now, startedAt) + WORLD_HORIZON_MS;
  inst.advanceTo(startedAt + PLAN_HORIZON_MS);
  return { exit: inst.exit, worldDependent: inst.proc.worldDependent };
}

export { FsView };
