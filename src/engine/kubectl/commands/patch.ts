import { parse as parseYaml } from 'yaml';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from '../patch/patches';
import { dryRunFlag, dryRunOf, printObj, selectObjects } from './common';

/** The patch text as JSON (kubectl accepts YAML too); `__proto__` keys are refused, never merged. */
function parsePatch(text: string): unknown {
  let value: unknown;
  try {
    value = parseYaml(text, { version: '1.1', maxAliasCount: 50, uniqueKeys: false, logLevel: 'silent' });
  } catch (e) {
    throw fail(`unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  const check = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(check);
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (k === '__proto__') throw fail(`unable to parse "${text}": the key "__proto__" is not allowed`);
        check((v as Record<string, unknown>)[k]);
      }
    }
  };
  check(value);
  return value;
}

function run(ctx: CommandContext): void {
  const type = ctx.str('type') ?? 'strategic';
  if (!['strategic', 'merge', 'json'].includes(type)) throw fail(`--type must be one of [json merge strategic], not "${type}"`);
  let text = ctx.str('patch');
  const file = ctx.str('patch-file');
  if (text && file) throw fail('--patch and --patch-file are mutually exclusive');
  if (file) {
    text = ctx.host.readFile(file);
    if (text === undefined) throw fail(`unable to read patch file: open ${file}: no such file or directory`);
  }
  if (!text) throw fail('must specify --patch or --patch-file containing the contents of the patch');
  const sub = ctx.str('subresource');
  if (sub && sub !== 'status' && sub !== 'scale') throw fail(`invalid subresource value: "${sub}". Must be one of [status scale]`);
  if (sub) throw fail(`patching the ${sub} subresource is not simulated; patch the object itself`);
  const patch = parsePatch(text);
  if (type !== 'json' && (patch === null || typeof patch !== 'object' || Array.isArray(patch))) throw fail(`unable to parse "${text}": json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  const dryRun = dryRunOf(ctx);
  for (const obj of selectObjects(ctx, ctx.args)) {
    let next: KObject;
    try {
      const base = JSON.parse(JSON.stringify(obj));
      next = (type === 'json' ? jsonPatch(base, patch as any) : type === 'merge' ? mergePatch(base, patch as any) : strategicMerge(base, patch as any)) as unknown as KObject;
    } catch (e) {
      if (e instanceof PatchError) throw fail(e.message);
      throw e;
    }
    if (!next || typeof next !== 'object' || next.metadata?.name !== obj.metadata.name || next.kind !== obj.kind) {
      throw fail(`the name or kind of the object cannot be changed by a patch (${obj.kind.toLowerCase()}/${obj.metadata.name})`);
    }
    // The patch applies to the version the server holds, whatever resourceVersion it names.
    next = { ...next, metadata: { ...next.metadata, resourceVersion: obj.metadata.resourceVersion } };
    const updated = dryRun === 'client' ? next : ctx.api.update(next, { dryRun: dryRun === 'server' });
    printObj(ctx, updated, updated === obj ? 'patched (no change)' : 'patched', dryRun);
  }
}

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [flag('patch', 'string', { short: 'p' }), flag('patch-file', 'string'), flag('type', 'string', { default: 'strategic' }), flag('subresource', 'string'), flag('output', 'string', { short: 'o' }), flag('local', 'bool'), dryRunFlag],
  run,
};
