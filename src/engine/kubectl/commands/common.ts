import { kindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { CommandContext } from '../context';
import { errorText, fail } from '../errors';
import { parseDuration } from '../../time';
import { formatObjects, parseOutput } from '../printers/output';
import { getObject, kindSlashName, listObjects, parseTargets, selectorFrom } from '../resources';

export type DryRun = 'none' | 'client' | 'server';

export const dryRunFlag = flag('dry-run', 'string', { default: 'none', noOptDefault: 'unchanged' });
export const outputFlag = flag('output', 'string', { short: 'o' });

/** --dry-run: none, client or server (a bare --dry-run means client, as kubectl still accepts). */
export function dryRunOf(ctx: CommandContext): DryRun {
  const v = ctx.str('dry-run') ?? 'none';
  if (v === 'unchanged' || v === 'client' || v === 'true') return 'client';
  if (v === 'server') return 'server';
  if (v === 'none' || v === 'false' || v === '') return 'none';
  throw fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** "deployment.apps/web" for a stored object. */
export function objName(obj: KObject): string {
  const info = kindInfo(obj.kind);
  return info ? kindSlashName(info, obj.metadata.name!) : `${obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/**
 * How a mutating command reports an object: with -o the object in that format, otherwise
 * "deployment.apps/web created", with " (dry run)" or " (server dry run)" as kubectl appends.
 */
export function printObj(ctx: CommandContext, obj: KObject, verb: string, dryRun: DryRun = 'none'): void {
  const o = ctx.str('output');
  if (o) {
    ctx.print(formatObjects([obj], parseOutput(o), true));
    return;
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  ctx.println(`${objName(obj)} ${verb}${suffix}`);
}

/** A plain deep copy of a stored (frozen) object that a command may edit. */
export function mutable<T>(obj: T): T {
  return JSON.parse(JSON.stringify(obj)) as T;
}

/** The positional arguments before `--` (cobra's ArgsLenAtDash). */
export function argsBeforeDash(ctx: CommandContext): string[] {
  return ctx.parsed.argsLenAtDash < 0 ? ctx.args : ctx.args.slice(0, ctx.parsed.argsLenAtDash);
}

export function argsAfterDash(ctx: CommandContext): string[] {
  return ctx.parsed.argsLenAtDash < 0 ? [] : ctx.args.slice(ctx.parsed.argsLenAtDash);
}

/**
 * The objects a mutating command acts on: TYPE NAME..., TYPE/NAME..., or TYPE with -l / --all.
 * Objects that do not exist are reported (and make the command exit 1) as kubectl does.
 */
export function selectObjects(ctx: CommandContext, args: string[], opts: { noneMessage?: string } = {}): KObject[] {
  const targets = parseTargets(args);
  const selectorText = ctx.parsed.flags.has('selector') ? ctx.str('selector') : undefined;
  const all = ctx.parsed.flags.has('all') && ctx.bool('all');
  const out: KObject[] = [];
  for (const t of targets) {
    if (t.name) {
      try {
        out.push(getObject(ctx.api, t.info, ctx.namespace, t.name));
      } catch (e) {
        ctx.warn(errorText(e));
        ctx.exitCode = 1;
      }
      continue;
    }
    if (!selectorText && !all) throw fail(opts.noneMessage ?? 'resource(s) were provided, but no name was specified');
    out.push(...listObjects(ctx.api, t.info, { namespace: ctx.namespace, selector: selectorFrom(selectorText) }));
  }
  return out;
}

/** A duration flag (--timeout=30s) in milliseconds, refused with pflag's words when malformed. */
export function durationFlag(ctx: CommandContext, name: string, fallback: string): number {
  const text = ctx.str(name) ?? fallback;
  try {
    return parseDuration(text);
  } catch {
    throw fail(`invalid argument "${text}" for "--${name}" flag: time: invalid duration "${text}"`);
  }
}
