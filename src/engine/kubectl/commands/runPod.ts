import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { argsAfterDash, argsBeforeDash, dryRunFlag, dryRunOf, outputFlag } from './common';
import { isInteractiveShell, runAttached } from './runAttached';
import { submit } from './create';

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw fail(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

function parseEnv(list: string[]): { name: string; value: string }[] {
  return list.map((e) => {
    const eq = e.indexOf('=');
    if (eq <= 0) throw fail(`invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
}

/** `kubectl run NAME --image=...`: a bare pod labelled run=NAME (generator run-pod/v1). */
function run(ctx: CommandContext): void {
  const args = argsBeforeDash(ctx);
  if (args.length === 0) throw fail('NAME is required for run');
  if (!ctx.str('image')) throw fail('required flag(s) "image" not set');
  const interactive = ctx.bool('stdin');
  const attach = ctx.bool('attach') || interactive;
  if (ctx.bool('tty') && !interactive) throw fail('-i/--stdin is required for containers with -t/--tty=true');
  if (ctx.bool('rm') && !attach) throw fail('--rm should only be used for attached containers');
  if (attach && dryRunOf(ctx) !== 'none') throw fail("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const name = args[0];
  // Attached to stdin, kubectl defaults the restart policy to OnFailure.
  const restart = ctx.str('restart') || (interactive ? 'OnFailure' : 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw fail(`invalid restart policy: ${restart}`);
  const labels = ctx.str('labels') ? parseLabels(ctx.str('labels')!) : { run: name };
  const rest = [...args.slice(1), ...argsAfterDash(ctx)];
  if (attach && interactive && isInteractiveShell(ctx.str('image')!, rest)) {
    throw fail(`interactive shells are not available in this simulator; give the command to run instead, e.g. kubectl run -it --rm ${name} --image=${ctx.str('image')} --restart=Never -- nslookup kubernetes.default (or use kubectl exec <pod> -- <command>)`);
  }
  const port = ctx.int('port');
  const env = parseEnv(ctx.list('env'));
  const container: any = {};
  if (rest.length) container[ctx.bool('command') ? 'command' : 'args'] = rest;
  if (env.length) container.env = env;
  container.image = ctx.str('image');
  if (ctx.str('image-pull-policy')) container.imagePullPolicy = ctx.str('image-pull-policy');
  container.name = name;
  if (port !== undefined && port !== -1) container.ports = [{ containerPort: port }];
  container.resources = {};
  const annotations: Record<string, string> = {};
  for (const a of ctx.list('annotations')) {
    const eq = a.indexOf('=');
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), creationTimestamp: null, labels, name } as any,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  if (ctx.bool('expose')) {
    if (port === undefined || port === -1) throw fail('--port must be set when exposing a service');
    submit(ctx, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null, name } as any,
      spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: labels },
      status: { loadBalancer: {} },
    });
  }
  if (attach) runAttached(ctx, pod, restart);
  else submit(ctx, pod);
}

export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  usage: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    dryRunFlag,
    outputFlag,
    flag('image', 'string'),
    flag('port', 'int', { default: -1 }),
    flag('labels', 'string', { short: 'l' }),
    flag('restart', 'string'),
    flag('env', 'stringArray'),
    flag('annotations', 'stringArray'),
    flag('command', 'bool'),
    flag('image-pull-policy', 'string'),
    flag('expose', 'bool'),
    flag('stdin', 'bool', { short: 'i' }),
    flag('tty', 'bool', { short: 't' }),
    flag('rm', 'bool'),
    flag('attach', 'bool'),
    flag('pod-running-timeout', 'string', { default: '1m0s' }),
    flag('quiet', 'bool', { short: 'q' }),
  ],
  run,
};
