import type { Container, EnvVar, EnvVarSource } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { getObject, parseTargets } from '../resources';
import { dryRunFlag, dryRunOf, printObj, selectObjects } from './common';
import { podSpecOf } from './podSpecOf';

/** envutil.GetEnvVarRefString: how `--list` names a variable that comes from elsewhere. */
function refString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

/** A glob over container names (`-c`), as kubectl's selectContainers matches them. */
export function selectContainers(containers: Container[] | undefined, glob: string): Container[] {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (containers ?? []).filter((c) => re.test(c.name));
}

/** "KEY=value" sets, "KEY-" removes; kubectl's env.ParseEnv. */
function parseEnvArgs(args: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      const name = a.slice(0, eq);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw fail(`invalid key name: "${name}": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnv1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
      env.push({ name, value: a.slice(eq + 1) });
    } else if (a.endsWith('-') && a.length > 1) remove.push(a.slice(0, -1));
    else throw fail(`environment variables must be of the form key=value and can only contain letters, numbers, and underscores`);
  }
  return { env, remove };
}

function keyToEnvName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
}

/** Variables from every key of a ConfigMap or Secret (`--from`), optionally only `--keys`. */
function fromSource(ctx: CommandContext, ref: string, keys: string[]): EnvVar[] {
  const [t] = parseTargets([ref]);
  if (!t?.name) throw fail('--from must be in the form of TYPE/NAME');
  if (t.info.kind !== 'ConfigMap' && t.info.kind !== 'Secret') throw fail('unsupported resource specified in --from');
  const src = getObject(ctx.api, t.info, ctx.namespace, t.name);
  const all = Object.keys({ ...(src.data ?? {}), ...(src.binaryData ?? {}) }).sort();
  for (const k of keys) if (!all.includes(k)) throw fail(`the key "${k}" was not found in ${t.info.kind === 'Secret' ? 'secret' : 'configmap'} ${t.name}`);
  return (keys.length ? keys : all).map((key) => ({
    name: keyToEnvName(key),
    valueFrom: t.info.kind === 'Secret' ? { secretKeyRef: { name: t.name!, key } } : { configMapKeyRef: { name: t.name!, key } },
  }));
}

/** updateEnv: replace by name in place, append the new ones, drop the removed. */
function updateEnv(existing: EnvVar[] | undefined, env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const added = new Set<string>();
  for (const e of existing ?? []) {
    if (remove.includes(e.name)) continue;
    const replacement = env.find((n) => n.name === e.name);
    if (replacement) {
      out.push(replacement);
      added.add(e.name);
    } else out.push(e);
  }
  for (const e of env) if (!added.has(e.name) && !remove.includes(e.name)) {
    out.push(e);
    added.add(e.name);
  }
  return out;
}

function run(ctx: CommandContext): void {
  const isEnvArg = (a: string) => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
  const first = ctx.args.findIndex(isEnvArg);
  const resources = first < 0 ? ctx.args : ctx.args.slice(0, first);
  const envArgs = first < 0 ? [] : ctx.args.slice(first);
  if (envArgs.some((a) => !isEnvArg(a))) throw fail(`all resources must be specified before environment changes: ${ctx.args.join(' ')}`);
  if (resources.length === 0) throw fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = ctx.bool('list');
  if (list && ctx.str('output')) throw fail('--list and --output may not be specified together');
  const parsed = parseEnvArgs([...ctx.list('env'), ...envArgs]);
  const from = ctx.str('from');
  if (from) parsed.env.push(...fromSource(ctx, from, ctx.list('keys')));
  const prefix = ctx.str('prefix');
  if (prefix) for (const e of parsed.env) e.name = `${prefix}${e.name}`;
  if (!list && parsed.env.length === 0 && parsed.remove.length === 0) throw fail('at least one environment variable must be provided');
  const glob = ctx.str('containers') ?? '*';
  const overwrite = ctx.bool('overwrite');
  const dryRun = dryRunOf(ctx);
  for (const obj of selectObjects(ctx, resources)) {
    const spec = podSpecOf(obj);
    if (!spec) throw fail(`${obj.kind.toLowerCase()}/${obj.metadata.name} is not a pod or does not have a pod template`);
    const selected = [...selectContainers(spec.containers, glob), ...selectContainers(spec.initContainers, glob)];
    if (selected.length === 0) {
      ctx.warn(`warning: ${obj.kind.toLowerCase()}/${obj.metadata.name} does not have any containers matching "${glob}"`);
      continue;
    }
    if (!overwrite) {
      for (const c of selected) for (const e of parsed.env) {
        const cur = (c.env ?? []).find((x) => x.name === e.name);
        if (cur && cur.value !== e.value) throw fail(`'${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`);
      }
    }
    if (list) {
      for (const c of selected) {
        ctx.println(`# ${obj.kind} ${obj.metadata.name}, container ${c.name}`);
        for (const e of updateEnv(c.env, parsed.env, parsed.remove)) ctx.println(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}` : `${e.name}=${e.value ?? ''}`);
      }
      continue;
    }
    const names = new Set(selected.map((c) => c.name));
    const edit = (d: KObject) => {
      const s = podSpecOf(d)!;
      for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) {
        if (!names.has(c.name)) continue;
        const next = updateEnv(c.env, parsed.env, parsed.remove);
        if (next.length) c.env = next;
        else delete c.env;
      }
    };
    let updated: KObject;
    if (dryRun === 'client') {
      updated = JSON.parse(JSON.stringify(obj));
      edit(updated);
    } else {
      const draft = JSON.parse(JSON.stringify(obj)) as KObject;
      edit(draft);
      updated = ctx.api.update(draft, { dryRun: dryRun === 'server' });
    }
    printObj(ctx, updated, 'env updated', dryRun);
  }
}

export const setEnvCommand: Command = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  usage: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [
    flag('env', 'stringArray', { short: 'e' }),
    flag('containers', 'string', { short: 'c', default: '*' }),
    flag('list', 'bool'),
    flag('resolve', 'bool'),
    flag('from', 'string'),
    flag('prefix', 'string'),
    flag('keys', 'stringSlice'),
    flag('overwrite', 'bool', { default: true }),
    flag('selector', 'string', { short: 'l' }),
    flag('all', 'bool'),
    flag('output', 'string', { short: 'o' }),
    dryRunFlag,
  ],
  run,
};
