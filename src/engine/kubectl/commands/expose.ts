import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { getObject, parseTargets } from '../resources';
import { dryRunFlag, outputFlag } from './common';
import { submit } from './create';

function selectorOf(obj: KObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw fail('couldn\'t retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed');
      return { ...obj.metadata.labels };
    case 'Service':
    case 'ReplicationController':
      if (!obj.spec?.selector) throw fail(`couldn't retrieve selectors via --selector flag or introspection: the ${obj.kind.toLowerCase()} has no selector`);
      return { ...obj.spec.selector };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector ?? {};
      if ((sel.matchExpressions ?? []).length) throw fail(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map: only simple equality selectors are supported`);
      return { ...(sel.matchLabels ?? {}) };
    }
  }
  throw fail(`cannot expose a ${obj.kind}${obj.apiVersion.includes('/') ? '.' + obj.apiVersion.split('/')[0] : ''}`);
}

/** The ports a workload exposes: its containers' ports (or a Service's ports). */
function introspectPorts(obj: KObject): { port: number; protocol: string }[] {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const spec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  const out: { port: number; protocol: string }[] = [];
  for (const c of spec?.containers ?? []) for (const p of c.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP' });
  return out;
}

function parseMap(text: string): Record<string, string> {
  return Object.fromEntries(text.split(',').map((kv) => kv.split('=')));
}

function run(ctx: CommandContext): void {
  if (ctx.args.length === 0) {
    throw new CommandError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const targets = parseTargets(ctx.args);
  for (const t of targets) {
    if (!t.name) throw fail('resource(s) were provided, but no name was specified');
    const obj = getObject(ctx.api, t.info, ctx.namespace, t.name);
    const selector = ctx.str('selector') ? parseMap(ctx.str('selector')!) : selectorOf(obj);
    let ports: { port: number; protocol: string }[];
    if (ctx.str('port')) ports = ctx.str('port')!.split(',').map((p) => ({ port: Number(p), protocol: ctx.str('protocol') || 'TCP' }));
    else ports = introspectPorts(obj);
    if (ports.length === 0) throw fail("couldn't find port via --port flag or introspection");
    const target = ctx.str('target-port');
    const svcPorts = ports.map((p, i) => ({
      ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
      port: p.port,
      protocol: ctx.str('protocol') || p.protocol,
      targetPort: target === undefined ? p.port : /^\d+$/.test(target) ? Number(target) : target,
    }));
    const labels = ctx.str('labels') ? parseMap(ctx.str('labels')!) : obj.metadata.labels;
    const spec: any = { ports: svcPorts, selector };
    if (ctx.str('type')) spec.type = ctx.str('type');
    if (ctx.str('cluster-ip')) spec.clusterIP = ctx.str('cluster-ip');
    if (ctx.str('external-ip')) spec.externalIPs = ctx.str('external-ip')!.split(',');
    if (ctx.str('session-affinity')) spec.sessionAffinity = ctx.str('session-affinity');
    if (ctx.str('load-balancer-ip')) spec.loadBalancerIP = ctx.str('load-balancer-ip');
    const svc: KObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null, ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}), name: ctx.str('name') || obj.metadata.name! } as any,
      spec,
      status: { loadBalancer: {} },
    };
    submit(ctx, svc, undefined, 'exposed');
  }
}

export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    dryRunFlag,
    outputFlag,
    flag('port', 'string'),
    flag('target-port', 'string'),
    flag('protocol', 'string'),
    flag('type', 'string'),
    flag('name', 'string'),
    flag('selector', 'string'),
    flag('labels', 'string', { short: 'l' }),
    flag('external-ip', 'string'),
    flag('cluster-ip', 'string'),
    flag('session-affinity', 'string'),
    flag('load-balancer-ip', 'string'),
  ],
  run,
};
