import type { ApiServer } from '../api/apiServer';
import type { Cluster } from '../cluster';
import type { FlagSpec, ParsedArgs } from './parse/flags';
import { hostState } from './hostState';
import type { CommandHost } from './types';

/** One command of the language: `kubectl get`, `kubectl rollout status`, `chaos node-down`. */
export interface Command {
  name: string;
  aliases?: string[];
  /** One line for help and for the list of subcommands. */
  short: string;
  /** The usage line after "kubectl ", e.g. "scale [--replicas=COUNT] (TYPE NAME | TYPE/NAME)". */
  usage: string;
  flags?: FlagSpec[];
  subcommands?: Command[];
  run?(ctx: CommandContext): void;
}

type Chunk = { stream: 'out' | 'err'; text: string };

/** What a running command sees: the cluster, its parsed flags and arguments, and its output. */
export class CommandContext {
  private readonly chunks: Chunk[] = [];
  exitCode = 0;

  constructor(
    readonly host: CommandHost,
    /** "rollout status": the command path, for usage hints. */
    readonly path: string,
    readonly parsed: ParsedArgs,
  ) {}

  get cluster(): Cluster {
    return this.host.cluster;
  }

  get api(): ApiServer {
    return this.host.cluster.api;
  }

  get now(): number {
    return this.host.cluster.now();
  }

  get args(): string[] {
    return this.parsed.args;
  }

  flag<T = unknown>(name: string): T {
    return this.parsed.flags.get(name) as T;
  }

  str(name: string): string | undefined {
    const v = this.parsed.flags.get(name);
    return v === undefined ? undefined : String(v);
  }

  bool(name: string): boolean {
    return this.parsed.flags.get(name) === true;
  }

  int(name: string): number | undefined {
    const v = this.parsed.flags.get(name);
    return v === undefined ? undefined : Number(v);
  }

  list(name: string): string[] {
    return (this.parsed.flags.get(name) as string[] | undefined) ?? [];
  }

  changed(name: string): boolean {
    return this.parsed.changed.has(name);
  }

  /** The namespace of -n/--namespace, or the context's (set with `kubectl config set-context`), "default" at first. */
  get namespace(): string {
    return this.str('namespace') || hostState(this.host).namespace;
  }

  /** Writes to standard output as is. */
  print(text: string): void {
    if (text) this.chunks.push({ stream: 'out', text });
  }

  println(line = ''): void {
    this.print(line + '\n');
  }

  /** Writes a line to standard error. */
  warn(line: string): void {
    this.chunks.push({ stream: 'err', text: line.endsWith('\n') ? line : line + '\n' });
  }

  /** Both streams in the order written, as a terminal shows them. */
  combined(): string {
    return this.chunks.map((c) => c.text).join('');
  }

  stdout(): string {
    return this.chunks.filter((c) => c.stream === 'out').map((c) => c.text).join('');
  }

  stderr(): string {
    return this.chunks.filter((c) => c.stream === 'err').map((c) => c.text).join('');
  }
}
