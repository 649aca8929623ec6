import type { KObject } from '../../api/object';
import { parseTimestamp } from '../../time';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import { age } from '../printers/format';
import { formatObjects, parseOutput } from '../printers/output';
import { listObjects, resolveType } from '../resources';

/**
 * `kubectl events` (kubectl/pkg/cmd/events): unlike `kubectl get events`, which lists in the
 * API's name order, it sorts by when each event last happened and names objects as Kind/name.
 */

/** events.eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: KObject): number {
  return parseTimestamp(e.series?.lastObservedTime) ?? parseTimestamp(e.lastTimestamp) ?? parseTimestamp(e.eventTime) ?? 0;
}

/** event_printer.getInterval: "<first seen>", or "<last seen> (x<count> over <first seen>)". */
function interval(e: KObject, now: number): string {
  const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
  if (e.series) return `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** printers.EscapeTerminal after cutting at the first line break, as the event printer does. */
function cell(s: string | undefined): string {
  const text = s ?? '';
  const cut = text.search(/[\f\n\r]/);
  return cut >= 0 ? text.slice(0, cut) + '...' : text;
}

function run(ctx: CommandContext): void {
  if (ctx.args.length > 0) throw fail(`unknown command "${ctx.args[0]}" for "kubectl events"`);
  const types = ctx.list('types').filter((t) => t !== '');
  for (const t of types) if (!/^(normal|warning)$/i.test(t)) throw fail('valid --types are Normal or Warning');
  const forText = ctx.str('for');
  let forKind: string | undefined;
  let forName: string | undefined;
  if (forText) {
    if (!forText.includes('/')) throw fail('--for must be in resource/name form');
    const parts = forText.split('/');
    if (parts.length !== 2) throw fail('arguments in resource/name form may not have more than one slash');
    forKind = resolveType(parts[0]).kind;
    forName = parts[1];
  }
  const allNs = ctx.bool('all-namespaces');
  const events = listObjects(ctx.api, resolveType('events'), { namespace: allNs ? undefined : ctx.namespace })
    .filter((e) => !forKind || (e.involvedObject?.kind === forKind && e.involvedObject?.name === forName))
    .filter((e) => types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type).toLowerCase()));
  if (events.length === 0) {
    ctx.warn(allNs ? 'No events found.' : `No events found in ${ctx.namespace} namespace.`);
    return;
  }
  // A stable sort over the name-ordered list: equal times keep the API's order.
  const sorted = events.map((e, i) => ({ e, i, t: eventTime(e) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.e);

  const output = ctx.str('output');
  if (output) {
    const format = parseOutput(output);
    if (format.kind === 'table' || format.kind === 'wide') throw fail(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file`);
    ctx.print(formatObjects(sorted, format, false));
    return;
  }
  let text = ctx.bool('no-headers') ? '' : `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  for (const e of sorted) {
    const io = e.involvedObject ?? {};
    text += `${allNs ? `${e.metadata.namespace}\t` : ''}${interval(e, ctx.now)}\t${cell(e.type)}\t${cell(e.reason)}\t${cell(io.kind)}/${cell(io.name)}\t${cell(String(e.message ?? '').trim())}\n`;
  }
  ctx.print(tabwrite(text, GET_TABWRITER));
}

export const eventsCommand: Command = {
  name: 'events',
  short: 'List events',
  usage: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--event=Normal,Warning] [options]',
  flags: [
    flag('output', 'string', { short: 'o' }),
    flag('all-namespaces', 'bool', { short: 'A' }),
    flag('for', 'string'),
    flag('types', 'stringSlice'),
    flag('no-headers', 'bool'),
    // Watching is not simulated: -w prints the events so far, as the first lines of a watch do.
    flag('watch', 'bool', { short: 'w' }),
    flag('chunk-size', 'int', { default: 500 }),
  ],
  run,
};
