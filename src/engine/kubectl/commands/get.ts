import type { KindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { parseTimestamp } from '../../time';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, errorText, fail } from '../errors';
import { evalSteps, parseJsonPath, relaxedTemplate } from '../format/jsonpath';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import { customColumns, formatObjects, parseOutput } from '../printers/output';
import { tableLines } from '../printers/render';
import { checkFieldSelector, getObject, listObjects, parseFieldSelector, parseTargets, selectorFrom } from '../resources';

interface Block {
  info: KindInfo;
  objs: KObject[];
}

/** The message kubectl prints when a list came back empty. */
export function noResourcesMessage(namespace: string | undefined, anyNamespaced: boolean): string {
  return namespace !== undefined && anyNamespaced ? `No resources found in ${namespace} namespace.` : 'No resources found';
}

function sortValue(obj: KObject, steps: ReturnType<typeof parseSortBy>): string | number {
  const v = evalSteps([obj], steps)[0];
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = /^\d{4}-\d\d-\d\dT/.test(v) ? parseTimestamp(v) : undefined;
    return t ?? v;
  }
  return v === undefined ? '' : JSON.stringify(v);
}

function parseSortBy(expr: string) {
  const nodes = parseJsonPath(relaxedTemplate(expr));
  const path = nodes.find((n) => n.t === 'path');
  if (!path || path.t !== 'path') throw fail(`couldn't parse sort-by expression ${expr}`);
  return path.steps;
}

function sortObjects(objs: KObject[], expr: string): KObject[] {
  const steps = parseSortBy(expr);
  const keyed = objs.map((o, i) => ({ o, i, k: sortValue(o, steps) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return keyed.map((x) => x.o);
}

function run(ctx: CommandContext): void {
  const format = parseOutput(ctx.str('output'));
  if (ctx.args.length === 0) {
    throw new CommandError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples",
    );
  }
  const targets = parseTargets(ctx.args);
  const allNs = ctx.bool('all-namespaces');
  const selectorText = ctx.str('selector');
  if (targets.some((t) => t.name) && selectorText) throw fail('name cannot be provided when a selector is specified');
  if (targets.some((t) => t.name) && allNs) throw fail('a resource cannot be retrieved by name across all namespaces');
  const selector = selectorFrom(selectorText);
  const fieldText = ctx.str('field-selector');
  const fields = parseFieldSelector(fieldText);
  const namespace = allNs ? undefined : ctx.namespace;

  const blocks: Block[] = [];
  const errors: string[] = [];
  const kinds = new Set<string>();
  for (const t of targets) {
    if (t.name) {
      try {
        const obj = getObject(ctx.api, t.info, ctx.namespace, t.name);
        kinds.add(t.info.kind);
        const last = blocks[blocks.length - 1];
        if (last && last.info.kind === t.info.kind) last.objs.push(obj);
        else blocks.push({ info: t.info, objs: [obj] });
      } catch (e) {
        if (!ctx.bool('ignore-not-found')) errors.push(errorText(e));
      }
      continue;
    }
    checkFieldSelector(t.info, fields, fieldText ?? '');
    // Events too come in the API's namespace/name order, not by time: that is `kubectl events`.
    const objs = listObjects(ctx.api, t.info, { namespace, selector, fields });
    kinds.add(t.info.kind);
    blocks.push({ info: t.info, objs });
  }
  const sortBy = ctx.str('sort-by');
  if (sortBy) for (const b of blocks) b.objs = sortObjects(b.objs, sortBy);

  const all = blocks.flatMap((b) => b.objs);
  const listed = targets.some((t) => !t.name);
  if (format.kind === 'table' || format.kind === 'wide') {
    const withKind = ctx.bool('show-kind') || kinds.size > 1;
    const shown = blocks.filter((b) => b.objs.length > 0);
    if (shown.length > 0) {
      const text = shown
        .map((b) =>
          tableLines(b.info, b.objs, {
            now: ctx.now,
            wide: format.kind === 'wide',
            withNamespace: allNs,
            withKind,
            noHeaders: ctx.bool('no-headers'),
            showLabels: ctx.bool('show-labels'),
            labelColumns: ctx.list('label-columns'),
          }).join('\n'),
        )
        .join('\n\n');
      ctx.print(tabwrite(text + '\n', GET_TABWRITER));
    }
    if (all.length === 0 && errors.length === 0 && listed) ctx.warn(noResourcesMessage(namespace, targets.some((t) => t.info.namespaced)));
  } else if (format.kind === 'custom-columns') {
    if (all.length > 0) ctx.print(customColumns(all, format.arg!, ctx.bool('no-headers')));
    else if (errors.length === 0 && listed) ctx.warn(noResourcesMessage(namespace, targets.some((t) => t.info.namespaced)));
  } else if (all.length > 0 || listed) {
    const single = targets.length === 1 && !!targets[0].name;
    ctx.print(formatObjects(all, format, single));
  }
  for (const e of errors) ctx.warn(e);
  if (errors.length) ctx.exitCode = 1;
}

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  usage: 'get [(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    flag('output', 'string', { short: 'o' }),
    flag('selector', 'string', { short: 'l' }),
    flag('field-selector', 'string'),
    flag('all-namespaces', 'bool', { short: 'A' }),
    flag('show-labels', 'bool'),
    flag('label-columns', 'stringSlice', { short: 'L' }),
    flag('no-headers', 'bool'),
    flag('sort-by', 'string'),
    flag('show-kind', 'bool'),
    flag('ignore-not-found', 'bool'),
    // Watching is not simulated: -w prints the current state once, as the first lines of a watch do.
    flag('watch', 'bool', { short: 'w' }),
    flag('watch-only', 'bool'),
    flag('chunk-size', 'int', { default: 500 }),
    flag('server-print', 'bool', { default: true }),
  ],
  run,
};
