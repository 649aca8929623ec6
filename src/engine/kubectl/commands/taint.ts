import type { Taint } from 'kubernetes-types/core/v1';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { listObjects, resolveType, selectorFrom, getObject } from '../resources';
import { dryRunFlag, dryRunOf, printObj } from './common';
import type { KObject } from '../../api/object';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface TaintChange {
  add: Taint[];
  remove: { key: string; effect?: string }[];
}

function parseTaint(spec: string): Taint {
  const colon = spec.lastIndexOf(':');
  if (colon < 0) throw fail(`invalid taint spec: ${spec}, unknown taint effect`);
  const kv = spec.slice(0, colon);
  const effect = spec.slice(colon + 1);
  if (!EFFECTS.includes(effect)) throw fail(`invalid taint effect: ${effect}, unsupported taint effect`);
  const eq = kv.indexOf('=');
  const key = eq < 0 ? kv : kv.slice(0, eq);
  if (!key) throw fail(`invalid taint spec: ${spec}`);
  return eq < 0 ? { key, effect } : { key, value: kv.slice(eq + 1), effect };
}

function parseChanges(specs: string[]): TaintChange {
  const out: TaintChange = { add: [], remove: [] };
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1);
      const colon = body.lastIndexOf(':');
      if (colon < 0) out.remove.push({ key: body.split('=')[0] });
      else {
        const effect = body.slice(colon + 1);
        if (!EFFECTS.includes(effect)) throw fail(`invalid taint effect: ${effect}, unsupported taint effect`);
        out.remove.push({ key: body.slice(0, colon).split('=')[0], effect });
      }
    } else out.add.push(parseTaint(s));
  }
  return out;
}

function run(ctx: CommandContext): void {
  const args = ctx.args;
  if (args.length === 0) throw fail('one or more resources must be specified as <resource> <name>');
  const first = args.findIndex((a, i) => i > 0 && (a.includes(':') || a.endsWith('-')));
  const resourceArgs = first < 0 ? args : args.slice(0, first);
  const specs = first < 0 ? [] : args.slice(first);
  if (specs.length === 0) throw fail('at least one taint update is required');
  const change = parseChanges(specs);
  const [typeArg, ...names] = resourceArgs[0].includes('/') ? [resourceArgs[0].split('/')[0], resourceArgs[0].split('/')[1], ...resourceArgs.slice(1)] : resourceArgs;
  const info = resolveType(typeArg);
  if (info.kind !== 'Node') throw fail(`invalid resource type ${typeArg}, only node types are supported`);
  let nodes: KObject[];
  if (ctx.bool('all') || ctx.str('selector')) nodes = listObjects(ctx.api, info, { selector: selectorFrom(ctx.str('selector')) });
  else nodes = names.map((n) => getObject(ctx.api, info, '', n));
  const dryRun = dryRunOf(ctx);
  const overwrite = ctx.bool('overwrite');
  for (const node of nodes) {
    const current: Taint[] = node.spec?.taints ?? [];
    for (const a of change.add) {
      if (!overwrite && current.some((t) => t.key === a.key && t.effect === a.effect)) {
        throw fail(`node ${node.metadata.name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`);
      }
    }
    let next = current.filter((t) => !change.add.some((a) => a.key === t.key && a.effect === t.effect));
    for (const r of change.remove) {
      const before = next.length;
      next = next.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
      if (next.length === before) throw fail(`taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`);
    }
    next = [...next, ...change.add];
    const verb = change.add.length && change.remove.length ? 'modified' : change.add.length ? 'tainted' : 'untainted';
    const updated =
      dryRun === 'client'
        ? node
        : ctx.api.patch('Node', undefined, node.metadata.name!, (d: any) => {
            d.spec ??= {};
            if (next.length) d.spec.taints = next;
            else delete d.spec.taints;
          });
    printObj(ctx, updated, verb, dryRun);
  }
}

export const taintCommand: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [flag('overwrite', 'bool'), flag('all', 'bool'), flag('selector', 'string', { short: 'l' }), flag('output', 'string', { short: 'o' }), dryRunFlag],
  run,
};

