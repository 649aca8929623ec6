import { parseAllDocuments } from 'yaml';
import type { PropagationPolicy } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { resolveKind, type KindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { checkFieldSelector, getObject, listObjects, parseFieldSelector, parseTargets, selectorFrom } from '../resources';
import { dryRunFlag, dryRunOf } from './common';

const MUST_PROVIDE =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

function cascadeOf(ctx: CommandContext): PropagationPolicy {
  const v = ctx.str('cascade') ?? 'background';
  switch (v) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      if (v === 'false') ctx.warn('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.');
      return 'Orphan';
  }
  throw fail(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
}

interface Item {
  info: KindInfo;
  namespace: string;
  name: string;
}

function itemsFromFiles(ctx: CommandContext): Item[] {
  const out: Item[] = [];
  for (const f of ctx.list('filename')) {
    const text = ctx.host.readFile(f);
    if (text === undefined) throw fail(`the path "${f}" does not exist`);
    for (const doc of parseAllDocuments(text)) {
      const obj = doc.toJS() as KObject | null;
      if (!obj) continue;
      for (const o of obj.kind === 'List' ? (obj.items as KObject[]) : [obj]) {
        const info = resolveKind(String(o.apiVersion ?? ''), String(o.kind ?? ''));
        if (!info) throw fail(`resource mapping not found for name: "${o.metadata?.name}" namespace: "${o.metadata?.namespace ?? ''}" from "${f}": no matches for kind "${o.kind}" in version "${o.apiVersion}"`);
        out.push({ info, namespace: o.metadata?.namespace ?? ctx.namespace, name: String(o.metadata?.name ?? '') });
      }
    }
  }
  return out;
}

function run(ctx: CommandContext): void {
  const selectorText = ctx.str('selector');
  const all = ctx.bool('all');
  const allNs = ctx.bool('all-namespaces');
  const fieldText = ctx.str('field-selector');
  const dryRun = dryRunOf(ctx);
  let grace = ctx.int('grace-period') ?? -1;
  const force = ctx.bool('force');
  if (ctx.bool('now')) {
    if (grace !== -1) throw fail('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const propagationPolicy = cascadeOf(ctx);

  let items: Item[] = [];
  const byFile = ctx.list('filename').length > 0;
  let ignoreNotFound = ctx.bool('ignore-not-found');
  if (byFile) items = itemsFromFiles(ctx);
  else {
    if (ctx.args.length === 0) throw new CommandError(MUST_PROVIDE);
    const targets = parseTargets(ctx.args);
    const listing = targets.filter((t) => !t.name);
    if (listing.length && !selectorText && !all && !fieldText) throw fail('resource(s) were provided, but no name was specified');
    if (targets.some((t) => t.name) && (selectorText || all)) throw fail(`name cannot be provided when ${all ? '--all' : 'a selector'} is specified`);
    if (!ctx.changed('ignore-not-found') && (selectorText || all)) ignoreNotFound = true;
    const selector = selectorFrom(selectorText);
    const fields = parseFieldSelector(fieldText);
    for (const t of targets) {
      if (t.name) {
        items.push({ info: t.info, namespace: ctx.namespace, name: t.name });
        continue;
      }
      checkFieldSelector(t.info, fields, fieldText ?? '');
      for (const o of listObjects(ctx.api, t.info, { namespace: allNs ? undefined : ctx.namespace, selector, fields })) {
        items.push({ info: t.info, namespace: o.metadata.namespace ?? '', name: o.metadata.name! });
      }
    }
    if (items.length === 0) {
      ctx.warn('No resources found');
      return;
    }
  }

  if (grace === 0 && force) ctx.warn(FORCE_WARNING);
  let failed = false;
  for (const it of items) {
    try {
      getObject(ctx.api, it.info, it.namespace, it.name);
      if (dryRun !== 'client') {
        ctx.api.delete(it.info.kind, it.info.namespaced ? it.namespace : undefined, it.name, {
          propagationPolicy,
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          dryRun: dryRun === 'server',
        });
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason === 'NotFound' && ignoreNotFound) continue;
      ctx.warn(byFile ? e.kubectlMessage().replace(/^(Error from server \(\w+\): )/, `$1error when deleting "${ctx.list('filename')[0]}": `) : e.kubectlMessage());
      failed = true;
      continue;
    }
    const kind = it.info.group ? `${it.info.kind.toLowerCase()}.${it.info.group}` : it.info.kind.toLowerCase();
    if (ctx.str('output') === 'name') {
      ctx.println(`${kind}/${it.name}`);
      continue;
    }
    let op = grace === 0 ? 'force deleted' : 'deleted';
    if (dryRun === 'client') op += ' (dry run)';
    if (dryRun === 'server') op += ' (server dry run)';
    ctx.println(it.info.namespaced ? `${kind} "${it.name}" ${op} from ${it.namespace} namespace` : `${kind} "${it.name}" ${op}`);
  }
  if (failed) ctx.exitCode = 1;
}

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    flag('filename', 'stringSlice', { short: 'f' }),
    flag('selector', 'string', { short: 'l' }),
    flag('field-selector', 'string'),
    flag('all', 'bool'),
    flag('all-namespaces', 'bool', { short: 'A' }),
    flag('cascade', 'string', { default: 'background', noOptDefault: 'background' }),
    flag('grace-period', 'int', { default: -1 }),
    flag('force', 'bool'),
    flag('now', 'bool'),
    flag('ignore-not-found', 'bool'),
    // Deletion is not awaited here; the command returns once the API server accepted it.
    flag('wait', 'bool', { default: true }),
    flag('timeout', 'string'),
    flag('output', 'string', { short: 'o' }),
    dryRunFlag,
  ],
  run,
};
