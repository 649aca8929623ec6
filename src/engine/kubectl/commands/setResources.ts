import type { KObject } from '../../api/object';
import { isQuantity } from '../../api/quantity';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { dryRunFlag, dryRunOf, printObj, selectObjects } from './common';
import { selectContainers } from './setEnv';
import { podSpecOf } from './podSpecOf';

/** "cpu=200m,memory=512Mi" as kubectl's HandleResourceRequirements reads it. */
function parseList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw fail(`invalid argument syntax ${part}, expected <resource>=<value>`);
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (!isQuantity(value)) throw fail(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    out[name] = value;
  }
  return out;
}

function run(ctx: CommandContext): void {
  const limits = parseList(ctx.str('limits'));
  const requests = parseList(ctx.str('requests'));
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) throw fail('you must specify an update to requests or limits (in the form of --requests/--limits)');
  if (ctx.args.length === 0) throw fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const glob = ctx.str('containers') ?? '*';
  const dryRun = dryRunOf(ctx);
  for (const obj of selectObjects(ctx, ctx.args)) {
    const spec = podSpecOf(obj);
    if (!spec) throw fail(`${obj.kind.toLowerCase()}/${obj.metadata.name} is not a pod or does not have a pod template`);
    const names = new Set([...selectContainers(spec.initContainers, glob), ...selectContainers(spec.containers, glob)].map((c) => c.name));
    if (names.size === 0) {
      ctx.warn(`warning: ${obj.kind.toLowerCase()}/${obj.metadata.name} does not have any containers matching "${glob}"`);
      continue;
    }
    const draft = JSON.parse(JSON.stringify(obj)) as KObject;
    const s = podSpecOf(draft)!;
    for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) {
      if (!names.has(c.name)) continue;
      const r = (c.resources ??= {});
      if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits };
      if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests };
    }
    const updated = dryRun === 'client' ? draft : ctx.api.update(draft, { dryRun: dryRun === 'server' });
    printObj(ctx, updated, 'resource requirements updated', dryRun);
  }
}

export const setResourcesCommand: Command = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  usage: 'set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  flags: [
    flag('limits', 'string'),
    flag('requests', 'string'),
    flag('containers', 'string', { short: 'c', default: '*' }),
    flag('selector', 'string', { short: 'l' }),
    flag('all', 'bool'),
    flag('output', 'string', { short: 'o' }),
    dryRunFlag,
  ],
  run,
};
