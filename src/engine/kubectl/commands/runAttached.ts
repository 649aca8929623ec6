import type { KObject } from '../../api/object';
import type { CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { durationFlag } from './common';

/**
 * `kubectl run -i/-t/--attach [--rm]` with a command that ends (nslookup, wget, echo): as kubectl
 * does, wait for the pod to run (simulated time goes on meanwhile, as it would while the terminal
 * waits), show what the container printed, wait for it to finish when the restart policy lets it,
 * then delete it with --rm. An interactive shell cannot be simulated and is refused before
 * anything is created.
 */

const SHELLS = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|zsh|dash)$/;
/** Images whose default command is an interactive shell. */
const SHELL_IMAGES = /(^|\/)(busybox|alpine|ubuntu|debian|centos|fedora|busyboxplus|nicolaka\/netshoot)(:|@|$)/;

export function isInteractiveShell(image: string, argv: string[]): boolean {
  if (argv.length === 0) return SHELL_IMAGES.test(image);
  return SHELLS.test(argv[0]) && !argv.includes('-c');
}

type Phase = 'ready' | 'done';

function state(pod: KObject | undefined): Phase | undefined {
  const phase = pod?.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 'done';
  if (phase === 'Running' && (pod!.status!.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')) return 'ready';
  return undefined;
}

/** Runs simulated time in 1 s steps until `until` holds or the timeout passes (kubectl's watch). */
function waitFor(ctx: CommandContext, timeoutMs: number, until: () => boolean): boolean {
  const start = ctx.now;
  while (!until()) {
    if (ctx.now - start >= timeoutMs) return false;
    ctx.cluster.runFor(1000);
  }
  return true;
}

export function runAttached(ctx: CommandContext, pod: KObject, restart: string): void {
  const ns = ctx.namespace;
  const name = pod.metadata.name!;
  const timeout = durationFlag(ctx, 'pod-running-timeout', '1m0s');
  ctx.api.create({ ...pod, metadata: { ...pod.metadata, namespace: ns } });
  const current = () => ctx.api.get('Pod', ns, name);
  let error: CommandError | undefined;
  let exitCode = 0;
  if (!waitFor(ctx, timeout, () => state(current()) !== undefined)) {
    error = fail(`timed out waiting for the condition`);
    exitCode = 1;
  } else {
    const waitForExit = restart === 'Never' || restart === 'OnFailure';
    if (waitForExit) {
      const done = restart === 'Never' ? () => state(current()) === 'done' : () => current()?.status?.phase === 'Succeeded';
      if (!waitFor(ctx, timeout, done)) {
        error = fail(`timed out waiting for the condition`);
        exitCode = 1;
      }
    }
    // What the container printed, as the attached terminal (or the logs fallback) shows it.
    const lines = ctx.cluster.controlPlane.nodes.containerLogs(ns, name, pod.spec.containers[0].name) ?? [];
    if (lines.length) ctx.print(lines.join('\n') + '\n');
    const p = current();
    if (!error && waitForExit && p?.status?.phase === 'Failed') {
      const term = p.status.containerStatuses?.[0]?.state?.terminated;
      if (!term || term.exitCode === 0) {
        error = fail(`pod ${ns}/${name} failed with unknown exit code`);
        exitCode = 1;
      } else {
        error = new CommandError(`pod ${ns}/${name} terminated (${term.reason})\n${term.message ?? ''}`);
        exitCode = term.exitCode;
      }
    }
  }
  if (ctx.bool('rm') && current()) {
    ctx.api.delete('Pod', ns, name);
    ctx.println(`pod "${name}" deleted from ${ns} namespace`);
  }
  if (error) {
    ctx.warn(error.message.endsWith('\n') ? error.message.slice(0, -1) : error.message);
    ctx.exitCode = exitCode;
  }
}
