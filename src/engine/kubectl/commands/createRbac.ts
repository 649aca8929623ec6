import type { KObject } from '../../api/object';
import { lookupResource } from '../../api/kinds';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { common, meta, oneName, submit } from './createCommon';

/** create_role.go's valid verbs. */
const VERBS = ['*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const RBAC = 'rbac.authorization.k8s.io';

/**
 * The rules of `create role|clusterrole`: one rule per API group (sorted, core "" first), each
 * with the resources asked for in that group (subresources such as pods/log kept) and the verbs.
 */
function rules(ctx: CommandContext): Record<string, unknown>[] {
  const verbs = ctx.list('verb');
  const resources = ctx.list('resource');
  const names = ctx.list('resource-name');
  const urls = ctx.list('non-resource-url');
  if (verbs.length === 0) throw fail('at least one verb must be specified');
  for (const v of verbs) if (!VERBS.includes(v)) throw fail(`invalid verb: '${v}'`);
  if (resources.length === 0 && urls.length === 0) throw fail('at least one resource must be specified');
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [base, sub] = r.split('/');
    const info = lookupResource(base);
    if (!info) throw fail(`the server doesn't have a resource type "${base}"`);
    const group = base.includes('.') && !info.group ? base.slice(base.indexOf('.') + 1) : info.group;
    const list = byGroup.get(group) ?? [];
    list.push(sub ? `${info.plural}/${sub}` : info.plural);
    byGroup.set(group, list);
  }
  const out: Record<string, unknown>[] = [...byGroup.keys()].sort().map((g) => ({
    apiGroups: [g],
    ...(names.length ? { resourceNames: names } : {}),
    resources: byGroup.get(g),
    verbs,
  }));
  if (urls.length) out.push({ nonResourceURLs: urls, verbs });
  return out;
}

function createRole(cluster: boolean) {
  return (ctx: CommandContext): void => {
    const name = oneName(ctx, cluster ? 'clusterrole' : 'role');
    if (!cluster && ctx.list('non-resource-url').length) throw fail('--non-resource-url is only valid for cluster roles');
    const aggregation = cluster ? ctx.str('aggregation-rule') : undefined;
    const obj: KObject = { apiVersion: `${RBAC}/v1`, kind: cluster ? 'ClusterRole' : 'Role', metadata: meta(name) };
    if (aggregation) {
      const matchLabels: Record<string, string> = {};
      for (const kv of aggregation.split(',')) {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw fail(`invalid aggregation rule: ${kv}`);
        matchLabels[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels }] };
    } else obj.rules = rules(ctx);
    submit(ctx, obj);
  };
}

function createBinding(cluster: boolean) {
  return (ctx: CommandContext): void => {
    const name = oneName(ctx, cluster ? 'clusterrolebinding' : 'rolebinding');
    const role = ctx.str('role');
    const clusterRole = ctx.str('clusterrole');
    if (cluster && role) throw fail('unknown flag: --role');
    if (!!role === !!clusterRole) throw fail(cluster ? 'exactly one of clusterrole must be specified' : 'exactly one of clusterrole or role must be specified');
    const subjects: Record<string, unknown>[] = [];
    for (const user of ctx.list('user')) subjects.push({ apiGroup: RBAC, kind: 'User', name: user });
    for (const group of ctx.list('group')) subjects.push({ apiGroup: RBAC, kind: 'Group', name: group });
    for (const sa of ctx.list('serviceaccount')) {
      const [ns, saName] = sa.split(':');
      if (!ns || !saName || sa.split(':').length !== 2) throw fail(`serviceaccount must be <namespace>:<name>`);
      subjects.push({ kind: 'ServiceAccount', name: saName, namespace: ns });
    }
    submit(ctx, {
      apiVersion: `${RBAC}/v1`,
      kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: meta(name),
      roleRef: { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role ?? clusterRole },
      ...(subjects.length ? { subjects } : {}),
    });
  };
}

const roleFlags = [...common, flag('verb', 'stringSlice'), flag('resource', 'stringSlice'), flag('resource-name', 'stringArray')];
const bindingFlags = [...common, flag('clusterrole', 'string'), flag('user', 'stringArray'), flag('group', 'stringArray'), flag('serviceaccount', 'stringArray')];

export const createRbacCommands: Command[] = [
  {
    name: 'role',
    short: 'Create a role with single rule',
    usage: 'create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
    flags: roleFlags,
    run: createRole(false),
  },
  {
    name: 'clusterrole',
    short: 'Create a cluster role',
    usage: 'create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
    flags: [...roleFlags, flag('non-resource-url', 'stringSlice'), flag('aggregation-rule', 'string')],
    run: createRole(true),
  },
  {
    name: 'rolebinding',
    short: 'Create a role binding for a particular role or cluster role',
    usage: 'create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
    flags: [...bindingFlags, flag('role', 'string')],
    run: createBinding(false),
  },
  {
    name: 'clusterrolebinding',
    short: 'Create a cluster role binding for a particular cluster role',
    usage: 'create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
    flags: bindingFlags,
    run: createBinding(true),
  },
];
