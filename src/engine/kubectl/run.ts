import type { ParsedArgs } from './parse/flags';
import { parseFlags } from './parse/flags';
import { tokenize, TokenizeError, type Token } from './parse/tokenize';
import { CommandContext, type Command } from './context';
import { CommandError, errorText } from './errors';
import { COMMANDS } from './commands/index';
import { runFilters } from './localFilters';
import type { CommandHost, CommandResult } from './types';

/** Global flags that take a value, so the command-path search can skip their values. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server', '--request-timeout', '-v']);

function findCommand(list: readonly Command[], name: string): Command | undefined {
  return list.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

/** Index of the first word that is neither a flag nor the value of a global flag. */
function firstPositional(words: string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return -1;
    if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** kubectl's own commands that Podscape does not simulate: named honestly, not called unknown. */
const NOT_SIMULATED: Record<string, string> = {
  explain: 'field documentation is in the editor: hover a field, or press Ctrl+Space for completion',
  'port-forward': 'start traffic to the Service instead, e.g. traffic http://<node>:<nodePort> 5, or exec curl from a pod',
  proxy: 'there is no API server to proxy to; use kubectl get -o yaml',
  cp: 'use kubectl exec <pod> -- cat <file>',
  attach: 'use kubectl logs',
  edit: 'change the YAML in the editor and apply it again',
  replace: 'use kubectl apply -f',
  debug: 'use kubectl exec, kubectl logs and kubectl describe',
  auth: 'RBAC objects are stored, not enforced',
  certificate: 'certificates are not simulated',
  autoscale: 'HorizontalPodAutoscalers are stored, not acted on yet',
  diff: 'apply reports created, configured or unchanged for each object',
  kustomize: 'paste the rendered YAML instead',
  'api-versions': 'use kubectl api-resources',
  completion: 'the console completes commands and names with Tab',
  plugin: 'plugins are not simulated',
};

function unknownTopLevel(name: string): CommandError {
  if (Object.prototype.hasOwnProperty.call(NOT_SIMULATED, name)) return new CommandError(`error: "kubectl ${name}" is not simulated in Podscape: ${NOT_SIMULATED[name]}`);
  const suggestions = COMMANDS.filter((c) => levenshtein(name, c.name) <= 2 || c.name.startsWith(name)).map((c) => c.name);
  let msg = `Error: unknown command "${name}" for "kubectl"`;
  if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n\n`;
  return new CommandError(msg);
}

export function helpText(cmd: Command, path: string): string {
  let text = `${cmd.short}\n`;
  if (cmd.subcommands?.length) {
    const width = Math.max(...cmd.subcommands.map((c) => c.name.length)) + 2;
    text += `\nAvailable Commands:\n${cmd.subcommands.map((c) => `  ${c.name.padEnd(width)} ${c.short}`).join('\n')}\n`;
  }
  text += `\nUsage:\n  kubectl ${cmd.usage}\n`;
  if (cmd.subcommands?.length) text += `\nUse "kubectl ${path} <command> --help" for more information about a given command.\n`;
  return text;
}

/** Runs one line of the command language against the cluster and returns what a terminal would show. */
export function runCommand(host: CommandHost, line: string): CommandResult {
  let tokens: Token[];
  try {
    tokens = tokenize(line);
  } catch (e) {
    if (e instanceof TokenizeError) return { exitCode: 2, output: `error: ${e.message}\n` };
    throw e;
  }
  const stages: string[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'pipe') stages.push([]);
    else stages[stages.length - 1].push(t.text);
  }
  const words = stages[0];
  if (words[0] === 'kubectl' || words[0] === 'k') words.shift();
  if (words.length === 0) return { exitCode: 0, output: '' };

  const ctx = execute(host, words);
  if (stages.length === 1) return { exitCode: ctx.exitCode, output: ctx.combined() };
  const piped = runFilters(ctx.stdout(), stages.slice(1));
  return { exitCode: piped.exitCode, output: ctx.stderr() + piped.output };
}

function execute(host: CommandHost, words: string[]): CommandContext {
  const emptyArgs: ParsedArgs = { args: [], argsLenAtDash: -1, flags: new Map(), changed: new Set() };
  const i0 = firstPositional(words);
  const top = i0 >= 0 ? findCommand(COMMANDS, words[i0]) : undefined;
  if (!top) {
    const ctx = new CommandContext(host, '', emptyArgs);
    if (i0 >= 0) ctx.warn(errorText(unknownTopLevel(words[i0])));
    else ctx.print(helpText(ROOT, ''));
    ctx.exitCode = 1;
    return ctx;
  }
  let rest = [...words.slice(0, i0), ...words.slice(i0 + 1)];
  let cmd = top;
  let path = top.name;
  while (cmd.subcommands?.length) {
    const i = firstPositional(rest);
    const sub = i >= 0 ? findCommand(cmd.subcommands, rest[i]) : undefined;
    if (!sub) {
      if (cmd.run) break;
      const ctx = new CommandContext(host, path, emptyArgs);
      if (i >= 0) ctx.warn(`error: unknown command "${rest[i]}"\nSee 'kubectl ${path} -h' for help and examples`);
      else ctx.print(helpText(cmd, path));
      ctx.exitCode = 1;
      return ctx;
    }
    rest = [...rest.slice(0, i), ...rest.slice(i + 1)];
    cmd = sub;
    path = `${path} ${sub.name}`;
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseFlags(rest, cmd.flags ?? [], path);
  } catch (e) {
    const ctx = new CommandContext(host, path, emptyArgs);
    ctx.warn(errorText(e));
    ctx.exitCode = e instanceof CommandError ? e.exitCode : 1;
    return ctx;
  }
  const ctx = new CommandContext(host, path, parsed);
  if (ctx.bool('help') || !cmd.run) {
    ctx.print(helpText(cmd, path));
    return ctx;
  }
  try {
    cmd.run(ctx);
  } catch (e) {
    ctx.warn(errorText(e));
    ctx.exitCode = e instanceof CommandError ? e.exitCode : 1;
  }
  return ctx;
}

const ROOT: Command = {
  name: 'kubectl',
  short: 'kubectl controls the Kubernetes cluster manager.',
  usage: '[flags] [options]',
  get subcommands() {
    return COMMANDS;
  },
};
