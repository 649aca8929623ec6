import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../cluster';
import { tokenize, TokenizeError } from '../parse/tokenize';
import { runFilters } from '../localFilters';
import { containerEnv } from './env';
import { containerFiles } from './files';
import { findExecTool, type ExecEnv, type ExecResult } from './tools';
import './netTools';

const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'ash', '/bin/ash']);

/** What `exec` gives back: the program's output, or the runtime's failure to start it. */
export type ExecOutcome = ExecResult | { notFound: string };

function runProgram(env: ExecEnv, argv: string[]): ExecOutcome {
  const tool = findExecTool(argv[0], env.container.image ?? '');
  if (!tool) return { notFound: argv[0] };
  return tool(env, argv);
}

/** `sh -c "..."`: simple commands joined by |, ;, && and ||, with $VAR expansion. */
function runShellLine(env: ExecEnv, shell: string, line: string): ExecResult {
  const expanded = line.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => env.env.get(n) ?? '');
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const parts = expanded.split(/(;|&&|\|\|)/);
  for (let i = 0; i < parts.length; i += 2) {
    const op = i === 0 ? ';' : parts[i - 1];
    if ((op === '&&' && exitCode !== 0) || (op === '||' && exitCode === 0)) continue;
    let tokens;
    try {
      tokens = tokenize(parts[i]);
    } catch (e) {
      if (e instanceof TokenizeError) return { stdout, stderr: stderr + `${shell}: syntax error: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    const stages: string[][] = [[]];
    for (const t of tokens) {
      if (t.kind === 'pipe') stages.push([]);
      else stages[stages.length - 1].push(t.text);
    }
    if (stages[0].length === 0) continue;
    const first = runProgram(env, stages[0]);
    if ('notFound' in first) {
      stderr += `${shell}: ${first.notFound}: not found\n`;
      exitCode = 127;
      continue;
    }
    stderr += first.stderr;
    const piped = stages.length > 1 ? runFilters(first.stdout, stages.slice(1)) : { output: first.stdout, exitCode: first.exitCode };
    stdout += piped.output;
    exitCode = piped.exitCode;
  }
  return { stdout, stderr, exitCode };
}

/** Runs argv in a container the way the runtime would exec it. */
export function execInContainer(cluster: Cluster, pod: Pod, container: Container, argv: string[], opts: { tty?: boolean } = {}): ExecOutcome {
  // The environment the kubelet gave the running container (Services that existed when it started).
  const started = cluster.controlPlane.nodes.containerEnv(pod.metadata!.namespace ?? 'default', pod.metadata!.name!, container.name);
  const env: ExecEnv = {
    cluster,
    pod,
    container,
    env: started ? new Map(started) : new Map(containerEnv(cluster.api, pod, container)),
    files: containerFiles(cluster.api, pod, container, cluster.config.clusterDomain),
    stdin: '',
    tty: opts.tty,
  };
  if (SHELLS.has(argv[0])) {
    const shell = argv[0].split('/').pop()!;
    if (argv[1] === '-c' && argv.length >= 3) return runShellLine(env, shell, argv[2]);
    if (argv.length === 1) return { stdout: '', stderr: '', exitCode: 0 };
  }
  return runProgram(env, argv);
}
