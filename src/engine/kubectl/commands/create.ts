import { parseAllDocuments } from 'yaml';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { argsAfterDash } from './common';
import { common, meta, oneName, submit } from './createCommon';
import { createPolicyCommands } from './createPolicy';
import { createRbacCommands } from './createRbac';

export { submit };

function requireFlag(ctx: CommandContext, name: string): string {
  const v = ctx.str(name);
  if (!v) throw fail(`required flag(s) "${name}" not set`);
  return v;
}

/** The container name kubectl derives from an image: its last path segment without tag or digest. */
export function containerNameFromImage(image: string): string {
  const last = image.split('/').pop()!;
  return last.split('@')[0].split(':')[0].replace(/_/g, '-');
}


function createDeployment(ctx: CommandContext): void {
  const name = oneName(ctx, 'deployment');
  const images = ctx.list('image');
  if (images.length === 0) throw fail('required flag(s) "image" not set');
  const labels = { app: name };
  const port = ctx.int('port');
  const containers = images.map((image) => ({
    image,
    name: containerNameFromImage(image),
    ...(port !== undefined && port !== -1 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  const cmd = argsAfterDash(ctx);
  if (cmd.length) (containers[0] as any).command = cmd;
  const obj: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, { labels }),
    spec: {
      replicas: ctx.int('replicas') ?? 1,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
    },
    status: {},
  };
  submit(ctx, obj, 'failed to create deployment');
}

function jobFromCronJob(ctx: CommandContext, name: string, from: string): KObject {
  const [kind, cjName] = from.split('/');
  if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(kind) || !cjName) throw fail(`from must be an existing cronjob: ${from}`);
  const cj = ctx.api.get('CronJob', ctx.namespace, cjName);
  if (!cj) throw new ApiError('NotFound', `cronjobs.batch "${cjName}" not found`);
  const jt = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      ...(jt.metadata?.labels ? { labels: { ...jt.metadata.labels } } : {}),
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(jt.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true }],
    },
    spec: JSON.parse(JSON.stringify(jt.spec ?? {})),
  };
}

function createJob(ctx: CommandContext): void {
  const name = oneName(ctx, 'job');
  const from = ctx.str('from');
  if (from) {
    submit(ctx, jobFromCronJob(ctx, name, from), 'failed to create job');
    return;
  }
  const image = requireFlag(ctx, 'image');
  const cmd = argsAfterDash(ctx);
  const obj: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(name),
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [{ ...(cmd.length ? { command: cmd } : {}), image, name, resources: {} }], restartPolicy: 'Never' },
      },
    },
    status: {},
  };
  submit(ctx, obj, 'failed to create job');
}

function createCronJob(ctx: CommandContext): void {
  const name = oneName(ctx, 'cronjob');
  const image = requireFlag(ctx, 'image');
  const schedule = requireFlag(ctx, 'schedule');
  const cmd = argsAfterDash(ctx);
  const obj: KObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(name),
    spec: {
      jobTemplate: {
        metadata: meta(name),
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ ...(cmd.length ? { command: cmd } : {}), image, name, resources: {} }], restartPolicy: ctx.str('restart') || 'OnFailure' },
          },
        },
      },
      schedule,
    },
    status: {},
  };
  submit(ctx, obj, 'failed to create cronjob');
}

function servicePorts(ctx: CommandContext, required: boolean): any[] {
  const specs = ctx.list('tcp');
  if (specs.length === 0 && required) throw fail('at least one tcp port specifier must be provided');
  return specs.map((s) => {
    const [portStr, targetStr] = s.split(':');
    const port = Number(portStr);
    if (!Number.isInteger(port)) throw fail(`invalid port ${portStr}`);
    const target = targetStr === undefined ? port : /^\d+$/.test(targetStr) ? Number(targetStr) : targetStr;
    return { name: targetStr === undefined ? portStr : `${portStr}-${targetStr}`, port, protocol: 'TCP', targetPort: target };
  });
}

function createService(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'): (ctx: CommandContext) => void {
  return (ctx) => {
    const name = oneName(ctx, `service ${type.toLowerCase()}`);
    const labels = { app: name };
    const spec: any = {};
    if (type === 'ExternalName') {
      spec.externalName = requireFlag(ctx, 'external-name');
      const ports = servicePorts(ctx, false);
      if (ports.length) spec.ports = ports;
      spec.type = 'ExternalName';
    } else {
      const ports = servicePorts(ctx, type !== 'ClusterIP' || ctx.str('clusterip') !== 'None');
      const nodePort = ctx.int('node-port');
      if (type === 'NodePort' && nodePort) for (const p of ports) p.nodePort = nodePort;
      if (ctx.str('clusterip')) spec.clusterIP = ctx.str('clusterip');
      if (ports.length) spec.ports = ports.map((p) => Object.fromEntries(Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1))));
      spec.selector = labels;
      spec.type = type;
    }
    const obj: KObject = { apiVersion: 'v1', kind: 'Service', metadata: meta(name, { labels }), spec, status: { loadBalancer: {} } };
    submit(ctx, obj, `failed to create ${type} service`);
  };
}

function readFromFile(ctx: CommandContext, spec: string): [string, string] {
  const eq = spec.indexOf('=');
  const key = eq < 0 ? spec.split('/').pop()! : spec.slice(0, eq);
  const path = eq < 0 ? spec : spec.slice(eq + 1);
  const text = ctx.host.readFile(path);
  if (text === undefined) throw fail(`error reading ${path}: no such file or directory`);
  return [key, text];
}

function literals(ctx: CommandContext): Record<string, string> {
  const data: Record<string, string> = {};
  for (const l of ctx.list('from-literal')) {
    const eq = l.indexOf('=');
    if (eq <= 0) throw fail(`invalid literal source ${l}, expected key=value`);
    const key = l.slice(0, eq);
    if (key in data) throw fail(`cannot add key ${key}, another key by that name already exists in data: ${JSON.stringify(data)}`);
    data[key] = l.slice(eq + 1);
  }
  for (const f of ctx.list('from-file')) {
    const [k, v] = readFromFile(ctx, f);
    data[k] = v;
  }
  return data;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function createConfigMap(ctx: CommandContext): void {
  const name = oneName(ctx, 'configmap');
  const data = literals(ctx);
  submit(ctx, { apiVersion: 'v1', ...(Object.keys(data).length ? { data } : {}), kind: 'ConfigMap', metadata: meta(name) } as KObject);
}

function createSecretGeneric(ctx: CommandContext): void {
  const name = oneName(ctx, 'secret generic');
  const raw = literals(ctx);
  const data = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, base64(v)]));
  const type = ctx.str('type');
  submit(ctx, { apiVersion: 'v1', ...(Object.keys(data).length ? { data } : {}), kind: 'Secret', metadata: meta(name), ...(type ? { type } : {}) } as KObject);
}

function createNamespace(ctx: CommandContext): void {
  const name = oneName(ctx, 'namespace');
  submit(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name), spec: {}, status: {} });
}

function createServiceAccount(ctx: CommandContext): void {
  const name = oneName(ctx, 'serviceaccount');
  submit(ctx, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) });
}

/** `kubectl create -f FILE`: every object of the file, created as it is. */
function createFromFiles(ctx: CommandContext): void {
  const files = ctx.list('filename');
  if (files.length === 0) throw fail('must specify one of -f and -k');
  let failed = false;
  for (const f of files) {
    const text = ctx.host.readFile(f);
    if (text === undefined) throw fail(`the path "${f}" does not exist`);
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) throw fail(`error parsing ${f}: ${doc.errors[0].message}`);
      const obj = doc.toJS() as KObject | null;
      if (!obj) continue;
      for (const item of obj.kind === 'List' ? (obj.items as KObject[]) : [obj]) {
        try {
          submit(ctx, item);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          const m = e.kubectlMessage().replace(/^Error from server \((\w+)\): /, `Error from server ($1): error when creating "${f}": `);
          ctx.warn(m);
          failed = true;
        }
      }
    }
  }
  if (failed) ctx.exitCode = 1;
}


const svc = (type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName', name: string, extra: ReturnType<typeof flag>[]): Command => ({
  name,
  short: `Create a ${type} service`,
  usage: `create service ${name} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
  flags: [...common, flag('tcp', 'stringSlice'), ...extra],
  run: createService(type),
});

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'create -f FILENAME [options]',
  flags: [...common, flag('filename', 'stringSlice', { short: 'f' })],
  run(ctx) {
    if (ctx.args.length > 0) throw new CommandError(`error: Unexpected args: [${ctx.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
    createFromFiles(ctx);
  },
  subcommands: [
    {
      name: 'deployment',
      aliases: ['deploy'],
      short: 'Create a deployment with the specified name',
      usage: 'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
      flags: [...common, flag('image', 'stringSlice'), flag('replicas', 'int', { short: 'r', default: 1 }), flag('port', 'int', { default: -1 })],
      run: createDeployment,
    },
    {
      name: 'job',
      short: 'Create a job with the specified name',
      usage: 'create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
      flags: [...common, flag('image', 'string'), flag('from', 'string')],
      run: createJob,
    },
    {
      name: 'cronjob',
      aliases: ['cj'],
      short: 'Create a cron job with the specified name',
      usage: 'create cronjob NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [flags] [options]',
      flags: [...common, flag('image', 'string'), flag('schedule', 'string'), flag('restart', 'string')],
      run: createCronJob,
    },
    {
      name: 'service',
      aliases: ['svc'],
      short: 'Create a service using a specified subcommand',
      usage: 'create service [flags] [options]',
      subcommands: [
        svc('ClusterIP', 'clusterip', [flag('clusterip', 'string')]),
        svc('NodePort', 'nodeport', [flag('node-port', 'int', { default: 0 })]),
        svc('LoadBalancer', 'loadbalancer', []),
        svc('ExternalName', 'externalname', [flag('external-name', 'string')]),
      ],
    },
    { name: 'namespace', aliases: ['ns'], short: 'Create a namespace with the specified name', usage: 'create namespace NAME [--dry-run=server|client|none] [options]', flags: common, run: createNamespace },
    {
      name: 'configmap',
      aliases: ['cm'],
      short: 'Create a config map from a local file, directory or literal value',
      usage: 'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
      flags: [...common, flag('from-literal', 'stringArray'), flag('from-file', 'stringSlice')],
      run: createConfigMap,
    },
    {
      name: 'secret',
      short: 'Create a secret using a specified subcommand',
      usage: 'create secret (docker-registry | generic | tls) [options]',
      subcommands: [
        {
          name: 'generic',
          short: 'Create a secret from a local file, directory, or literal value',
          usage: 'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
          flags: [...common, flag('from-literal', 'stringArray'), flag('from-file', 'stringSlice'), flag('type', 'string')],
          run: createSecretGeneric,
        },
      ],
    },
    { name: 'serviceaccount', aliases: ['sa'], short: 'Create a service account with the specified name', usage: 'create serviceaccount NAME [--dry-run=server|client|none] [options]', flags: common, run: createServiceAccount },
    ...createRbacCommands,
    ...createPolicyCommands,
  ],
};
