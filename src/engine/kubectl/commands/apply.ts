import { applyManifests } from '../../manifests/apply';
import { formatProblem, type ManifestFile } from '../../manifests/types';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { dryRunFlag, dryRunOf, outputFlag } from './common';

/** `kubectl apply -f FILE...`: the files come from the host (the CLI's disk, the editor's buffers). */
function run(ctx: CommandContext): void {
  const names = ctx.list('filename');
  if (names.length === 0) throw fail('must specify one of -f and -k');
  if (ctx.args.length) throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  const files: ManifestFile[] = [];
  for (const name of names) {
    if (name === '-') throw fail('reading from standard input is not available here; pass a file name');
    const text = ctx.host.readFile(name);
    if (text === undefined) throw fail(`the path "${name}" does not exist`);
    files.push({ name, text });
  }
  const dry = dryRunOf(ctx);
  const result = applyManifests(ctx.api, files, {
    dryRun: dry === 'none' ? undefined : dry,
    namespace: ctx.namespace,
    enforceNamespace: ctx.changed('namespace'),
    limits: ctx.cluster.config.limits,
  });
  for (const line of result.lines) ctx.println(line);
  // Exit 2: the input was refused before anything was applied, with a position per problem.
  if (result.exitCode === 2) for (const p of result.problems) ctx.warn(formatProblem(p));
  ctx.exitCode = result.exitCode;
}

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  usage: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [flag('filename', 'stringSlice', { short: 'f' }), dryRunFlag, outputFlag, flag('server-side', 'bool'), flag('force-conflicts', 'bool'), flag('validate', 'string', { default: 'strict', noOptDefault: 'strict' }), flag('recursive', 'bool', { short: 'R' })],
  run,
};
