import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError } from '../errors';
import { getObject, listObjects, resolveType, selectorFrom } from '../resources';
import { dryRunFlag, dryRunOf, objName } from './common';

/** The nodes a cordon/uncordon/drain names, by name or by -l. */
export function nodesOf(ctx: CommandContext, verb: string): KObject[] {
  const info = resolveType('node');
  const sel = ctx.str('selector');
  if (ctx.args.length === 0 && !sel) throw new CommandError(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  if (sel) return listObjects(ctx.api, info, { selector: selectorFrom(sel) });
  return ctx.args.map((n) => getObject(ctx.api, info, '', n.replace(/^(node|nodes|no)\//, '')));
}

/** Sets spec.unschedulable; prints "node/x cordoned" or "node/x already cordoned". */
export function setUnschedulable(ctx: CommandContext, node: KObject, desired: boolean, dryRun: boolean): void {
  const verb = desired ? 'cordoned' : 'uncordoned';
  if ((node.spec?.unschedulable === true) === desired) {
    ctx.println(`${objName(node)} already ${verb}`);
    return;
  }
  if (!dryRun) {
    ctx.api.patch('Node', undefined, node.metadata.name!, (d: any) => {
      d.spec ??= {};
      if (desired) d.spec.unschedulable = true;
      else delete d.spec.unschedulable;
    });
  }
  ctx.println(`${objName(node)} ${verb}${dryRun ? ' (dry run)' : ''}`);
}

function cordonCommand(name: 'cordon' | 'uncordon'): Command {
  return {
    name,
    short: name === 'cordon' ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    usage: `${name} NODE [options]`,
    flags: [flag('selector', 'string', { short: 'l' }), dryRunFlag],
    run(ctx) {
      for (const node of nodesOf(ctx, name)) setUnschedulable(ctx, node, name === 'cordon', dryRunOf(ctx) === 'client');
    },
  };
}

export const cordon = cordonCommand('cordon');
export const uncordon = cordonCommand('uncordon');
