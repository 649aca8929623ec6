import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { dryRunFlag, dryRunOf, objName, printObj, selectObjects } from './common';

interface Changes {
  set: Record<string, string>;
  remove: string[];
}

function parseChanges(args: string[], what: 'label' | 'annotation'): { resources: string[]; changes: Changes } {
  const isChange = (a: string) => a.includes('=') || a.endsWith('-');
  const first = args.findIndex(isChange);
  if (first < 0) throw fail(`at least one ${what} update is required`);
  const tail = args.slice(first);
  const stray = tail.find((a) => !isChange(a));
  if (stray) throw fail(`all resources must be specified before ${what} changes: ${stray}`);
  const changes: Changes = { set: {}, remove: [] };
  for (const c of tail) {
    if (c.includes('=')) {
      const eq = c.indexOf('=');
      const key = c.slice(0, eq);
      if (!key) throw fail(`invalid ${what} spec: ${c}`);
      changes.set[key] = c.slice(eq + 1);
    } else changes.remove.push(c.slice(0, -1));
  }
  for (const k of changes.remove) if (k in changes.set) throw fail(`can not both modify and remove ${what}s in the same command`);
  return { resources: args.slice(0, first), changes };
}

/** kubectl label and annotate: add, overwrite (with --overwrite) or remove ("key-") metadata. */
function apply(ctx: CommandContext, what: 'label' | 'annotation'): void {
  const { resources, changes } = parseChanges(ctx.args, what);
  if (resources.length === 0) throw fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const overwrite = ctx.bool('overwrite');
  const dryRun = dryRunOf(ctx);
  const field = what === 'label' ? 'labels' : 'annotations';
  for (const obj of selectObjects(ctx, resources)) {
    const current: Record<string, string> = (obj.metadata as any)[field] ?? {};
    if (!overwrite) {
      for (const k of Object.keys(changes.set)) {
        if (k in current) throw fail(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
      }
    }
    const next: Record<string, string> = { ...current, ...changes.set };
    for (const k of changes.remove) {
      if (!(k in next)) ctx.println(`${what} "${k}" not found.`);
      delete next[k];
    }
    let updated: KObject = obj;
    if (dryRun !== 'client') {
      updated = ctx.api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, (d: any) => {
        if (Object.keys(next).length) d.metadata[field] = next;
        else delete d.metadata[field];
      });
    }
    if (what === 'annotation') {
      printObj(ctx, updated, 'annotated', dryRun);
      continue;
    }
    // updateDataChangeMsg compares the object's JSON before and after the change.
    const before = JSON.stringify(obj);
    const after = JSON.stringify({ ...obj, metadata: { ...obj.metadata, labels: Object.keys(next).length ? next : undefined } });
    let msg = 'not labeled';
    if (before !== after) msg = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
    if (ctx.str('output')) printObj(ctx, updated, msg, dryRun);
    else ctx.println(`${objName(obj)} ${msg}${dryRun === 'client' ? ' (dry run)' : ''}`);
  }
}

const flags = [flag('overwrite', 'bool'), flag('selector', 'string', { short: 'l' }), flag('all', 'bool'), flag('all-namespaces', 'bool', { short: 'A' }), flag('output', 'string', { short: 'o' }), flag('resource-version', 'string'), dryRunFlag];

export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  usage: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags,
  run: (ctx) => apply(ctx, 'label'),
};

export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  usage: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags,
  run: (ctx) => apply(ctx, 'annotation'),
};
