import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError } from '../errors';
import { containerStatusOf, hasContainer, pickContainer, resolvePod } from './podTarget';

/** kubelet validateContainerLogStatus: which container instance has logs, or why none does. */
export function checkLogStatus(pod: Pod, container: string, previous: boolean): void {
  const name = pod.metadata!.name;
  const bad = (msg: string) => new ApiError('BadRequest', msg);
  const st = containerStatusOf(pod, container);
  if (!st) throw bad(`container "${container}" in pod "${name}" is not available`);
  const last = st.lastState?.terminated;
  const { waiting, running, terminated } = st.state ?? {};
  if (previous) {
    if (!last || !last.containerID) throw bad(`previous terminated container "${container}" in pod "${name}" not found`);
    return;
  }
  if (running) return;
  if (terminated) {
    if (!terminated.containerID && !last?.containerID) throw bad(`container "${container}" in pod "${name}" is terminated`);
    return;
  }
  if (last) {
    if (!last.containerID) throw bad(`container "${container}" in pod "${name}" is terminated`);
    return;
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') throw bad(`container "${container}" in pod "${name}" is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') throw bad(`container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image`);
    throw bad(`container "${container}" in pod "${name}" is waiting to start: ${waiting.reason}`);
  }
  throw bad(`container "${container}" in pod "${name}" is waiting to start - no logs yet`);
}

function run(ctx: CommandContext): void {
  if (ctx.args.length === 0 && !ctx.str('selector')) {
    throw new CommandError(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
    );
  }
  const pod = resolvePod(ctx, ctx.args[0]);
  const previous = ctx.bool('previous');
  const names = ctx.bool('all-containers')
    ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
    : [pickContainer(ctx, pod, ctx.str('container') || ctx.args[1])];
  const tail = ctx.int('tail') ?? -1;
  for (const container of names) {
    if (!hasContainer(pod, container)) throw new ApiError('BadRequest', `container ${container} is not valid for pod ${pod.metadata!.name}`);
    // A pod no node has taken yet has no log location: the API server answers with nothing.
    if (!pod.spec?.nodeName) continue;
    checkLogStatus(pod, container, previous);
    let lines = ctx.cluster.controlPlane.nodes.containerLogs(pod.metadata!.namespace!, pod.metadata!.name!, container, { previous }) ?? [];
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    const prefix = ctx.bool('prefix') ? `[pod/${pod.metadata!.name}/${container}] ` : '';
    for (const l of lines) ctx.println(prefix + l);
  }
}

export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    flag('container', 'string', { short: 'c' }),
    flag('previous', 'bool', { short: 'p' }),
    flag('tail', 'int', { default: -1 }),
    // Following is not simulated: -f prints what has been logged so far.
    flag('follow', 'bool', { short: 'f' }),
    flag('all-containers', 'bool'),
    flag('prefix', 'bool'),
    flag('selector', 'string', { short: 'l' }),
    flag('timestamps', 'bool'),
    flag('since', 'string'),
  ],
  run,
};
