import type { Container } from 'kubernetes-types/core/v1';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError, fail } from '../errors';
import { execInContainer } from '../exec/shell';
import { containerStatusOf, hasContainer, pickContainer, resolvePod } from './podTarget';

/** A stable 64-hex exec id derived from what was run (the runtime's id is random; the output must not be). */
function execId(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of seed + round) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

function run(ctx: CommandContext): void {
  const before = ctx.parsed.argsLenAtDash < 0 ? ctx.args : ctx.args.slice(0, ctx.parsed.argsLenAtDash);
  const argv = ctx.parsed.argsLenAtDash < 0 ? [] : ctx.args.slice(ctx.parsed.argsLenAtDash);
  if (before.length === 0) throw new CommandError("error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples");
  if (before.length > 1) throw fail('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  if (argv.length === 0) throw fail('you must specify at least one command for the container');
  const pod = resolvePod(ctx, before[0]);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const name = pickContainer(ctx, pod, ctx.str('container'));
  if (!hasContainer(pod, name)) throw fail(`unable to upgrade connection: container ${name} not found in pod ${pod.metadata!.name}`);
  if (!containerStatusOf(pod, name)?.state?.running) throw fail(`unable to upgrade connection: container not found ("${name}")`);
  if (argv.length === 1 && /(^|\/)(ba|a)?sh$/.test(argv[0])) {
    throw fail('interactive shells are not available in this simulator; run a command instead, e.g. kubectl exec <pod> -- sh -c "env | grep SERVICE"');
  }
  const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === name) as Container;
  const res = execInContainer(ctx.cluster, pod, container, argv, { tty: ctx.bool('tty') });
  if ('notRunning' in res) throw fail(`unable to upgrade connection: container not found ("${name}")`);
  if ('notFound' in res) {
    throw fail(
      `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(pod.metadata!.uid + argv.join(' '))}": ` +
        `OCI runtime exec failed: exec failed: unable to start container process: exec: "${res.notFound}": executable file not found in $PATH: unknown`,
    );
  }
  // As a terminal shows them: both streams in the order the command wrote them.
  for (const c of res.chunks) {
    if (c.fd === 1) ctx.print(c.text);
    else ctx.warn(c.text);
  }
  if (res.exitCode !== 0) {
    ctx.warn(`command terminated with exit code ${res.exitCode}`);
    ctx.exitCode = res.exitCode;
  }
}

export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: [flag('container', 'string', { short: 'c' }), flag('stdin', 'bool', { short: 'i' }), flag('tty', 'bool', { short: 't' }), flag('quiet', 'bool', { short: 'q' })],
  run,
};
