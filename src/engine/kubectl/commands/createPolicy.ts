import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KObject } from '../../api/object';
import { isQuantity } from '../../api/quantity';
import { parseSelector, splitTopLevel } from '../../api/selectors';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { common, meta, oneName, submit } from './createCommon';

/** metav1.ParseToLabelSelector: equality goes to matchLabels, the rest to matchExpressions. */
function toLabelSelector(text: string): LabelSelector {
  let sel;
  try {
    sel = parseSelector(text);
  } catch (e) {
    throw fail(`couldn't parse the selector string "${text}": ${(e as Error).message}`);
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  // labels.Parse reads "a=b" as In (a single value); the requirement's own text tells them apart.
  const equality = new Set(sel.requirements.filter((_, i) => /^[^\s!=(),]+\s*==?\s*[^\s!=(),]*$/.test(splitTopLevel(text.trim())[i]?.trim() ?? '')));
  const parts = splitTopLevel(text.trim());
  if (parts.some((p) => /^[^\s!=(),]+\s*!=/.test(p.trim()))) throw fail('"!=" is not a valid label selector operator');
  for (const r of sel.requirements) {
    if (equality.has(r)) matchLabels[r.key] = r.values[0];
    else if (r.operator === 'In' || r.operator === 'NotIn') matchExpressions.push({ key: r.key, operator: r.operator, values: [...r.values] });
    else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') matchExpressions.push({ key: r.key, operator: r.operator });
    else throw fail(`"${r.operator}" is not a valid label selector operator`);
  }
  // labels.Parse sorts requirements by key.
  matchExpressions.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...(matchExpressions.length ? { matchExpressions } : {}), ...(Object.keys(matchLabels).length ? { matchLabels } : {}) };
}

/** "2" is a count, "50%" a percentage (an IntOrString). */
const intOrPercent = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);

function createPdb(ctx: CommandContext): void {
  const name = oneName(ctx, 'poddisruptionbudget');
  const min = ctx.str('min-available');
  const max = ctx.str('max-unavailable');
  const selector = ctx.str('selector');
  if (!selector) throw fail('a selector must be specified');
  if (!min && !max) throw fail('one of min-available or max-unavailable must be specified');
  if (min && max) throw fail('min-available and max-unavailable cannot be both specified');
  for (const v of [min, max]) if (v && !/^\d+%?$/.test(v)) throw fail(`invalid format specified for ${v === min ? 'min-available' : 'max-unavailable'}`);
  submit(ctx, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(name),
    spec: { ...(max ? { maxUnavailable: intOrPercent(max) } : {}), ...(min ? { minAvailable: intOrPercent(min) } : {}), selector: toLabelSelector(selector) },
    status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
  });
}

function createQuota(ctx: CommandContext): void {
  const name = oneName(ctx, 'quota');
  const hard: Record<string, string> = {};
  for (const kv of ctx.str('hard')?.split(',').filter(Boolean) ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw fail(`invalid argument syntax ${kv}, expected <resource>=<value>`);
    const value = kv.slice(eq + 1);
    if (!isQuantity(value)) throw fail(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    hard[kv.slice(0, eq)] = value;
  }
  const scopes = ctx.str('scopes')?.split(',').filter(Boolean) ?? [];
  submit(ctx, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(name), spec: { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) }, status: {} });
}

function createPriorityClass(ctx: CommandContext): void {
  const name = oneName(ctx, 'priorityclass');
  const policy = ctx.str('preemption-policy') ?? 'PreemptLowerPriority';
  const obj: KObject = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta(name) };
  const description = ctx.str('description');
  if (description) obj.description = description;
  if (ctx.bool('global-default')) obj.globalDefault = true;
  obj.preemptionPolicy = policy;
  obj.value = ctx.int('value') ?? 0;
  submit(ctx, obj);
}

interface IngressRule {
  host?: string;
  paths: Record<string, unknown>[];
}

/** A backend "service:port", the port a number or a name. */
function backend(text: string, what: string): Record<string, unknown> {
  const [svc, port] = text.split(':');
  if (!svc || !port) throw fail(`${what} must be in the format svcname:svcport`);
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

/** `--rule=host/path=service:port[,tls[=secret]]`; a trailing * makes the path a Prefix. */
function createIngress(ctx: CommandContext): void {
  const name = oneName(ctx, 'ingress');
  const rules: IngressRule[] = [];
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  for (const ruleText of ctx.list('rule')) {
    const m = /^([^/=]*)(\/[^=]*)?=([^,]+)(?:,tls(?:=(.+))?)?$/.exec(ruleText);
    const hasTls = /,tls(=|$)/.test(ruleText);
    if (!m) throw fail(`rule ${ruleText} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    const [, host, pathText, svc, secret] = m;
    const prefix = (pathText ?? '').endsWith('*');
    const path = prefix ? (pathText!.slice(0, -1) || '/') : pathText;
    let rule = rules.find((r) => (r.host ?? '') === host);
    if (!rule) rules.push((rule = { ...(host ? { host } : {}), paths: [] }));
    if (path !== undefined) rule.paths.push({ backend: backend(svc, 'rule'), path: prefix ? path.replace(/(.)\/$/, '$1') : path, pathType: prefix ? 'Prefix' : 'Exact' });
    if (hasTls && host) {
      const entry = tls.find((t) => t.secretName === secret);
      if (entry) entry.hosts!.push(host);
      else tls.push({ hosts: [host], ...(secret ? { secretName: secret } : {}) });
    }
  }
  const annotations: Record<string, string> = {};
  for (const a of ctx.list('annotation')) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw fail(`annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const def = ctx.str('default-backend');
  if (rules.length === 0 && !def) throw fail('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  const spec: Record<string, unknown> = {};
  if (def) spec.defaultBackend = backend(def, 'default-backend');
  const cls = ctx.str('class');
  if (cls) spec.ingressClassName = cls;
  if (rules.length) spec.rules = rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths } }));
  if (tls.length) spec.tls = tls;
  submit(ctx, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(name, Object.keys(annotations).length ? { annotations } : {}),
    spec,
    status: { loadBalancer: {} },
  });
}

export const createPolicyCommands: Command[] = [
  {
    name: 'ingress',
    aliases: ['ing'],
    short: 'Create an ingress with the specified name',
    usage: 'create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
    flags: [...common, flag('rule', 'stringArray'), flag('class', 'string'), flag('default-backend', 'string'), flag('annotation', 'stringArray')],
    run: createIngress,
  },
  {
    name: 'poddisruptionbudget',
    aliases: ['pdb'],
    short: 'Create a pod disruption budget with the specified name',
    usage: 'create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
    flags: [...common, flag('selector', 'string'), flag('min-available', 'string'), flag('max-unavailable', 'string')],
    run: createPdb,
  },
  {
    name: 'priorityclass',
    aliases: ['pc'],
    short: 'Create a priority class with the specified name',
    usage: 'create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
    flags: [...common, flag('value', 'int', { default: 0 }), flag('global-default', 'bool'), flag('description', 'string'), flag('preemption-policy', 'string', { default: 'PreemptLowerPriority' })],
    run: createPriorityClass,
  },
  {
    name: 'quota',
    aliases: ['resourcequota'],
    short: 'Create a quota with the specified name',
    usage: 'create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
    flags: [...common, flag('hard', 'string'), flag('scopes', 'string')],
    run: createQuota,
  },
];
