import type { KindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { errorText, fail } from '../errors';
import { evalSteps, parseJsonPath, relaxedTemplate } from '../format/jsonpath';
import { getObject, kindSlashName, listObjects, parseTargets, selectorFrom } from '../resources';
import { durationFlag } from './common';

/**
 * `kubectl wait --for=condition=…|delete|create|jsonpath=…`: blocks, as kubectl does in a terminal,
 * while simulated time runs, until the condition holds for each object or the timeout (30 s by
 * default) passes. Later console steps and scenario commands see the time it took.
 */

type Check = (obj: KObject | undefined) => boolean;

/** `step` of simulated time between looks: kubectl watches, so it sees the change at once. */
const STEP_MS = 100;

/** splitJSONPathInput: split on a single '=', keeping '=='. */
function splitOnEquals(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

/** The condition check for --for, as wait's conditionFuncFor parses it. */
function checkFor(forText: string): { check: Check; kind: 'delete' | 'create' | 'condition' | 'jsonpath' } {
  const lower = forText.toLowerCase();
  if (lower === 'delete') return { kind: 'delete', check: (o) => o === undefined };
  if (lower === 'create') return { kind: 'create', check: (o) => o !== undefined };
  if (forText.startsWith('condition=')) {
    let name = forText.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return {
      kind: 'condition',
      check: (o) => {
        if (!o) return false;
        for (const c of (o.status?.conditions ?? []) as { type?: string; status?: string; observedGeneration?: number }[]) {
          if (String(c.type).toLowerCase() !== name.toLowerCase()) continue;
          // Conditions observed for an older generation do not count.
          const observed = c.observedGeneration ?? o.status?.observedGeneration;
          if (o.metadata.generation !== undefined && observed !== undefined && observed < o.metadata.generation) return false;
          return String(c.status).toLowerCase() === value.toLowerCase();
        }
        return false;
      },
    };
  }
  if (forText.startsWith('jsonpath=')) {
    const parts = splitOnEquals(forText.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) throw fail("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    const expr = parts[0].replace(/^'(.*)'$/, '$1');
    if (!expr) throw fail('jsonpath expression cannot be empty');
    const path = parseJsonPath(relaxedTemplate(expr)).find((n) => n.t === 'path');
    if (!path || path.t !== 'path') throw fail(`unrecognized condition: "${forText}"`);
    const want = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
    if (want === '') throw fail("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    return {
      kind: 'jsonpath',
      check: (o) => {
        if (!o) return false;
        const values = evalSteps([o], path.steps);
        if (values.length === 0) return false;
        if (want === undefined) return values.some((v) => v !== undefined && v !== null);
        return values.some((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)) === want);
      },
    };
  }
  throw fail(`unrecognized condition: "${forText}"`);
}

/** resource.Info.ObjectName(): "<resource>/<name>" without the group. */
const objectName = (info: KindInfo, name: string) => `${info.plural}/${name}`;

function run(ctx: CommandContext): void {
  const forText = ctx.str('for');
  if (!forText) throw fail('--for must be specified: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]]');
  const { check, kind } = checkFor(forText);
  let timeout = durationFlag(ctx, 'timeout', '30s');
  if (timeout < 0) timeout = 168 * 3_600_000;
  const namespace = ctx.bool('all-namespaces') ? undefined : ctx.namespace;
  const targets: { info: KindInfo; name: string; namespace: string; uid?: string }[] = [];
  for (const t of parseTargets(ctx.args)) {
    if (t.name) {
      const ns = t.info.namespaced ? ctx.namespace : '';
      let obj: KObject | undefined;
      try {
        obj = getObject(ctx.api, t.info, ns, t.name);
      } catch (e) {
        // Deleting and creating are waits for an object that may be missing.
        if (kind !== 'delete' && kind !== 'create') {
          ctx.warn(errorText(e));
          ctx.exitCode = 1;
          return;
        }
      }
      targets.push({ info: t.info, name: t.name, namespace: ns, uid: obj?.metadata.uid });
      continue;
    }
    if (!ctx.str('selector') && !ctx.bool('all') && !ctx.str('field-selector')) throw fail('resource(s) were provided, but no name was specified');
    for (const o of listObjects(ctx.api, t.info, { namespace, selector: selectorFrom(ctx.str('selector')) })) targets.push({ info: t.info, name: o.metadata.name!, namespace: o.metadata.namespace ?? '', uid: o.metadata.uid });
  }
  if (targets.length === 0) {
    if (kind === 'delete') return;
    throw fail('no matching resources found');
  }
  const deadline = ctx.now + timeout;
  for (const t of targets) {
    const current = () => {
      const o = ctx.api.get(t.info.kind, t.info.namespaced ? t.namespace : undefined, t.name);
      // A new object of the same name is not the one being waited on for deletion.
      return kind === 'delete' && o && t.uid && o.metadata.uid !== t.uid ? undefined : o;
    };
    while (!check(current())) {
      if (ctx.now >= deadline) {
        if (timeout === 0) throw fail(`condition not met for ${objectName(t.info, t.name)}`);
        throw fail(`timed out waiting for the condition on ${objectName(t.info, t.name)}`);
      }
      ctx.cluster.runFor(Math.min(STEP_MS, deadline - ctx.now));
    }
    ctx.println(`${kindSlashName(t.info, t.name)} condition met`);
  }
}

export const waitCommand: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  usage: "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    flag('for', 'string'),
    flag('timeout', 'string', { default: '30s' }),
    flag('selector', 'string', { short: 'l' }),
    flag('field-selector', 'string'),
    flag('all', 'bool'),
    flag('all-namespaces', 'bool', { short: 'A' }),
    flag('output', 'string', { short: 'o' }),
  ],
  run,
};
