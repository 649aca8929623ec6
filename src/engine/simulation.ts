import type { WatchType } from './api/apiServer';
import { KINDS } from './api/kinds';
import type { KObject } from './api/object';
import { Cluster } from './cluster';
import type { EventRecord } from './events/recorder';
import { runCommand } from './kubectl/run';
import type { CommandHost } from './kubectl/types';
import { applyManifests } from './manifests/apply';
import type { ManifestFile, ManifestProblem } from './manifests/types';
import { MINUTE } from './time';

/** A command to run at a simulated time (the CLI's --at). */
export interface ScheduledCommand {
  /** Simulated milliseconds after the manifests were applied. */
  at: number;
  command: string;
}

export interface SimulationInput {
  files: ManifestFile[];
  /** Run this long (ms); without it, run until nothing is left to happen, capped. */
  until?: number;
  at?: ScheduledCommand[];
  seed?: number;
  nodes?: number;
  /** Record every watch event and cluster event in order (the CLI's -o trace). */
  trace?: boolean;
}

/** An event as the CLI reports it (time in seconds). */
export interface ReportedEvent {
  time: number;
  type: string;
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; namespace?: string };
}

export interface CommandRecord {
  time: number;
  command: string;
  exitCode: number;
  output: string;
}

export type TraceLine = { time: number; type: WatchType; object: KObject } | { time: number; type: 'EVENT'; event: ReportedEvent };

export interface SimulationResult {
  /** 0, 1 when the API server refused an object while applying, 2 when the input was invalid (nothing applied). */
  exitCode: number;
  problems: ManifestProblem[];
  /** What `kubectl apply` printed for the files. */
  applyOutput: string[];
  cluster: Cluster;
  commands: CommandRecord[];
  /** --at commands that fell after --until and never ran. */
  skipped: ScheduledCommand[];
  trace: TraceLine[];
}

/** Without --until, a simulation stops once quiet, at most this long after the last scheduled command. */
export const QUIET_CAP_MS = 10 * MINUTE;

export function reportEvent(e: EventRecord): ReportedEvent {
  const io = e.involvedObject;
  return {
    time: e.time / 1000,
    type: e.type,
    reason: e.reason,
    message: e.message,
    involvedObject: io.namespace ? { kind: io.kind, name: io.name, namespace: io.namespace } : { kind: io.kind, name: io.name },
  };
}

/** One traffic client as the CLI reports it (contracts §1). */
export interface TrafficReport {
  url: string;
  /** "namespace/pod" the client ran in, or null outside the cluster. */
  from: string | null;
  sent: number;
  responses: Record<string, number>;
  byPod: Record<string, number>;
}

/** The traffic clients started with `traffic` (none: an empty list). */
export function trafficReport(cluster: Cluster): TrafficReport[] {
  return cluster.controlPlane.network.traffic.list().map((c) => ({ url: c.url, from: c.from, sent: c.sent, responses: c.responses, byPod: c.byPod }));
}

/** Every object but Events, in discovery order of kinds, then namespace, then name. */
export function allObjects(cluster: Cluster): KObject[] {
  const out: KObject[] = [];
  for (const info of KINDS) {
    if (info.kind === 'Event') continue;
    const objs = cluster.api.list(info.kind);
    objs.sort((a, b) => {
      const na = a.metadata.namespace ?? '';
      const nb = b.metadata.namespace ?? '';
      if (na !== nb) return na < nb ? -1 : 1;
      return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
    });
    out.push(...objs);
  }
  return out;
}

/**
 * The headless simulation behind `npm run sim`: a fresh cluster, the files applied at t=0 as
 * `kubectl apply -f` would, each scheduled command run at its time, then either the fixed
 * duration or until the cluster is quiet.
 */
export function runSimulation(input: SimulationInput): SimulationResult {
  const cluster = new Cluster({ seed: input.seed ?? 1, workers: input.nodes ?? 3 });
  const trace: TraceLine[] = [];
  if (input.trace) {
    // A watch started now first lists what exists (ADDED), then streams changes.
    for (const obj of allObjects(cluster)) trace.push({ time: cluster.now() / 1000, type: 'ADDED', object: obj });
    for (const e of cluster.recorder.log) trace.push({ time: e.time / 1000, type: 'EVENT', event: reportEvent(e) });
    cluster.api.watchAll((ev) => {
      if (ev.object.kind !== 'Event') trace.push({ time: cluster.now() / 1000, type: ev.type, object: ev.object });
    });
    cluster.recorder.onEvent((e) => trace.push({ time: e.time / 1000, type: 'EVENT', event: reportEvent(e) }));
  }
  const files = new Map(input.files.map((f) => [f.name, f.text]));
  const host: CommandHost = { cluster, readFile: (name) => files.get(name) };

  const result: SimulationResult = { exitCode: 0, problems: [], applyOutput: [], cluster, commands: [], skipped: [], trace };
  if (input.files.length) {
    const applied = applyManifests(cluster.api, input.files, { limits: cluster.config.limits });
    result.applyOutput = applied.lines;
    if (applied.exitCode === 2) {
      result.exitCode = 2;
      result.problems = applied.problems;
      return result;
    }
    result.exitCode = applied.exitCode;
  }

  const start = cluster.now();
  const scheduled = [...(input.at ?? [])].map((c, i) => ({ ...c, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  for (const c of scheduled) {
    if (input.until !== undefined && c.at > input.until) {
      result.skipped.push({ at: c.at, command: c.command });
      continue;
    }
    cluster.clock.at(start + c.at, 'sim:command', () => {
      const time = cluster.now() / 1000;
      const r = runCommand(host, c.command);
      result.commands.push({ time, command: c.command, exitCode: r.exitCode, output: r.output });
    });
  }

  if (input.until !== undefined) cluster.runUntil(start + input.until);
  else {
    const last = scheduled.length ? scheduled[scheduled.length - 1].at : 0;
    cluster.runUntilQuiet(last + QUIET_CAP_MS);
  }
  // A command that runs the clock (drain) lets later commands run inside it: report by start time.
  result.commands = result.commands.map((c, i) => ({ c, i })).sort((a, b) => a.c.time - b.c.time || a.i - b.i).map((x) => x.c);
  return result;
}
