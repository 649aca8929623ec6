import { ApiError } from '../../api/errors';
import { kindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { argsBeforeDash, dryRunFlag, dryRunOf, outputFlag, printObj } from './common';

/** Creates (or, with --dry-run, only builds) an object the way the create subcommands do. */
export function submit(ctx: CommandContext, obj: KObject, failPrefix?: string, verb = 'created'): KObject | undefined {
  const dryRun = dryRunOf(ctx);
  // kubectl prints the namespace in a client dry run only when -n was given, but creates in the context's.
  if (ctx.changed('namespace')) obj.metadata.namespace = ctx.namespace;
  if (dryRun === 'client') {
    printObj(ctx, obj, verb, dryRun);
    return obj;
  }
  if (kindInfo(obj.kind)?.namespaced && !obj.metadata.namespace) obj.metadata.namespace = ctx.namespace;
  try {
    const created = ctx.api.create(obj, { dryRun: dryRun === 'server' });
    printObj(ctx, created, verb, dryRun);
    return created;
  } catch (e) {
    if (e instanceof ApiError && failPrefix) throw fail(`${failPrefix}: ${e.message}`);
    throw e;
  }
}

export function oneName(ctx: CommandContext, sub: string): string {
  const args = argsBeforeDash(ctx);
  if (args.length !== 1) throw new CommandError(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create ${sub} -h' for help and examples`);
  return args[0];
}

/** The flags every create subcommand takes. */
export const common = [dryRunFlag, outputFlag, flag('save-config', 'bool'), flag('validate', 'string', { default: 'strict', noOptDefault: 'strict' }), flag('field-manager', 'string')];

/** metadata as kubectl's generators write it (creationTimestamp: null first). */
export const meta = (name: string, extra: Record<string, unknown> = {}) => ({ creationTimestamp: null, ...extra, name }) as any;
