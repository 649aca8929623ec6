import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { describeObject } from '../describe/index';
import { getObject, listObjects, parseTargets, selectorFrom } from '../resources';
import { noResourcesMessage } from './get';

function run(ctx: CommandContext): void {
  if (ctx.args.length === 0) throw fail('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  const targets = parseTargets(ctx.args);
  const allNs = ctx.bool('all-namespaces');
  const selector = selectorFrom(ctx.str('selector'));
  const namespace = allNs ? undefined : ctx.namespace;
  const objs: KObject[] = [];
  const errors: ApiError[] = [];
  for (const t of targets) {
    if (!t.name) {
      objs.push(...listObjects(ctx.api, t.info, { namespace, selector }));
      continue;
    }
    try {
      objs.push(getObject(ctx.api, t.info, ctx.namespace, t.name));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // DescribeMatchingResources: "describe TYPE PREFIX" describes every object whose name starts with PREFIX.
      const prefixed = ctx.args.length === 2 && !ctx.args[0].includes('/') ? listObjects(ctx.api, t.info, { namespace: ctx.namespace }).filter((o) => o.metadata.name!.startsWith(t.name!)) : [];
      if (prefixed.length) objs.push(...prefixed);
      else errors.push(e);
    }
  }
  const dctx = { api: ctx.api, now: ctx.now, showEvents: ctx.flag<boolean>('show-events') !== false };
  objs.forEach((o, i) => ctx.print((i === 0 ? '' : '\n\n') + describeObject(dctx, o)));
  if (objs.length === 0 && errors.length === 0) ctx.warn(noResourcesMessage(namespace, targets.some((t) => t.info.namespaced)));
  for (const e of errors) ctx.warn(e.kubectlMessage());
  if (errors.length) ctx.exitCode = 1;
}

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [flag('selector', 'string', { short: 'l' }), flag('all-namespaces', 'bool', { short: 'A' }), flag('show-events', 'bool', { default: true }), flag('chunk-size', 'int', { default: 500 })],
  run,
};
