import { Cluster } from '../engine/cluster';
import type { WatchEvent } from '../engine/api/apiServer';
import type { EventRecord } from '../engine/events/recorder';
import { applyManifests } from '../engine/manifests/apply';
import type { ApplyResult } from '../engine/manifests/types';
import { runCommand } from '../engine/kubectl/run';
import type { CommandResult } from '../engine/kubectl/types';
import type { Scenario, ScenarioStep } from './scenario';

/** How far "skip until quiet" may run, as the CLI's cap. */
export const QUIET_CAP_MS = 10 * 60 * 1000;

/**
 * Owns one simulated cluster for the browser: applies YAML and runs commands at the current
 * simulated time (recording them as scenario steps), advances time, and counts changes so the
 * store knows when to take a new snapshot. No React here: the store wraps it.
 */
export class SimulationDriver {
  readonly cluster: Cluster;
  readonly seed: number;
  readonly workers: number;
  readonly steps: ScenarioStep[] = [];
  /** Bumped on every watch event and recorded event: the store's cue to re-read. */
  version = 0;
  private readonly eventListeners: ((ev: EventRecord) => void)[] = [];
  private readonly watchListeners: ((ev: WatchEvent) => void)[] = [];

  constructor(opts: { seed: number; workers: number }) {
    this.seed = opts.seed;
    this.workers = opts.workers;
    this.cluster = new Cluster({ seed: opts.seed, workers: opts.workers });
    this.cluster.api.watchAll((ev) => {
      this.version++;
      for (const l of this.watchListeners) l(ev);
    });
    this.cluster.recorder.onEvent((ev) => {
      this.version++;
      for (const l of this.eventListeners) l(ev);
    });
  }

  get now(): number {
    return this.cluster.now();
  }

  onEvent(l: (ev: EventRecord) => void): () => void {
    this.eventListeners.push(l);
    return () => this.eventListeners.splice(this.eventListeners.indexOf(l), 1);
  }

  onWatch(l: (ev: WatchEvent) => void): () => void {
    this.watchListeners.push(l);
    return () => this.watchListeners.splice(this.watchListeners.indexOf(l), 1);
  }

  /** kubectl apply -f of the editor's text. Recorded only when something was applied. */
  apply(text: string, fileName = 'editor.yaml'): ApplyResult {
    const result = applyManifests(this.cluster.api, [{ name: fileName, text }]);
    if (result.exitCode !== 2) this.steps.push({ time: this.now, kind: 'apply', text });
    return result;
  }

  /** Runs a console command (kubectl subset, chaos, traffic) at the current simulated time. */
  run(line: string): CommandResult {
    // Recorded at the time it was typed: a command that waits (drain, wait, rollout status,
    // run -it) runs the clock on, and a replay must start it where the user did.
    const at = this.now;
    const result = runCommand({ cluster: this.cluster, readFile: () => undefined }, line);
    this.steps.push({ time: at, kind: 'command', text: line });
    // A command may change what no watch event reports (a traffic client, a stopped kubelet): re-read.
    this.version++;
    return result;
  }

  advance(simMs: number): void {
    if (simMs > 0) this.cluster.runFor(simMs);
  }

  /**
   * Advances toward `targetMs` (simulated) one instant at a time (every timer due at that
   * instant, including those it schedules for the same instant), and stops after the instant
   * during which `outOfTime()` turned true. Returns true once the clock stands at `targetMs`.
   * It only ever stops between instants, so any slicing fires the very same timers in the same
   * order as one `runUntil(targetMs)`: the story does not depend on the frame rate, and a
   * command run where it stopped lands at the same point in a replay.
   */
  advanceToward(targetMs: number, outOfTime: () => boolean): boolean {
    const c = this.cluster;
    for (;;) {
      const next = c.clock.nextDue();
      if (next === undefined || next >= targetMs) {
        c.runUntil(targetMs);
        return true;
      }
      c.runUntil(next);
      if (outOfTime()) return false;
    }
  }

  /** Fires the next pending timer (one discrete event), however far ahead it is. */
  step(): boolean {
    return this.cluster.step();
  }

  skipUntilQuiet(maxMs = QUIET_CAP_MS): void {
    this.cluster.runUntilQuiet(maxMs);
  }

  isQuiet(): boolean {
    return this.cluster.isQuiet();
  }

  toScenario(editorText: string): Scenario {
    return { seed: this.seed, workers: this.workers, editorText, steps: [...this.steps], time: this.now };
  }

  /** Rebuilds a session: same seed and shape, every step at its time, then on to the saved time. */
  static replay(s: Scenario): SimulationDriver {
    const d = new SimulationDriver({ seed: s.seed, workers: s.workers });
    for (const step of [...s.steps].sort((a, b) => a.time - b.time)) {
      if (step.time > d.now) d.cluster.runUntil(step.time);
      if (step.kind === 'apply') d.apply(step.text);
      else d.run(step.text);
    }
    d.cluster.runUntil(Math.max(s.time, d.now));
    return d;
  }
}
