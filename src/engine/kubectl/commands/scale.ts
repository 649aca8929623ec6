import { ApiError } from '../../api/errors';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { dryRunFlag, dryRunOf, printObj, selectObjects } from './common';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

function run(ctx: CommandContext): void {
  if (ctx.args.length === 0) {
    throw new CommandError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  if (!ctx.changed('replicas')) throw fail('required flag(s) "replicas" not set');
  const replicas = ctx.int('replicas')!;
  if (replicas < 0) throw fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const current = ctx.int('current-replicas')!;
  const dryRun = dryRunOf(ctx);
  for (const obj of selectObjects(ctx, ctx.args)) {
    if (!SCALABLE.has(obj.kind)) {
      ctx.warn(new ApiError('NotFound', 'the server could not find the requested resource').kubectlMessage());
      ctx.exitCode = 1;
      continue;
    }
    const now = obj.spec?.replicas ?? 1;
    if (current !== -1 && current !== now) throw fail(`Expected replicas to be ${current}, was ${now}`);
    const updated =
      dryRun === 'client'
        ? obj
        : ctx.api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, (d: any) => {
            d.spec.replicas = replicas;
          });
    printObj(ctx, updated, 'scaled', dryRun);
  }
}

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [flag('replicas', 'int', { default: 0 }), flag('current-replicas', 'int', { default: -1 }), flag('selector', 'string', { short: 'l' }), flag('all', 'bool'), flag('output', 'string', { short: 'o' }), flag('resource-version', 'string'), flag('timeout', 'string'), dryRunFlag],
  run,
};
