import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../cluster';
import { commandExists } from '../../kubelet/program/commands/index';
import type { World } from '../../kubelet/program/runtime';
import { networkOf } from '../../network/index';
import { worldResponse } from '../../network/programNetwork';
import { parseUrl } from '../../network/url';

import type { ExecOutput } from '../../kubelet/podWorker';

export type ExecResult = ExecOutput;

/** What `exec` gives back: the program's output, the runtime's failure to start it, or no running container. */
export type ExecOutcome = ExecResult | { notFound: string } | { notRunning: true };

/**
 * The pod's network as a command run by `kubectl exec` uses it: requests beyond the pod itself go
 * through the cluster's data path for real (kube-proxy's choice, counters, a trace on the canvas),
 * unlike a container's own look-ahead runs, which only ask.
 */
function recordedWorld(cluster: Cluster, pod: Pod, base: World): World {
  const net = networkOf(cluster.api);
  if (!net) return base;
  const local = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', pod.status?.podIP ?? '', pod.spec?.hostname || pod.metadata!.name!]);
  return {
    ...base,
    request(url, t, hostHeader) {
      const host = parseUrl(url)?.host;
      if ((host !== undefined && local.has(host)) || !base.request) return base.request ? base.request(url, t, hostHeader) : { error: 'bad-url', latencyMs: 0 };
      return worldResponse(net.request({ kind: 'pod', pod }, url, { hostHeader }));
    },
  };
}

/**
 * Runs argv in a running container the way the runtime execs it: the container's own program
 * model runs the command against its live files, environment and network, so `kubectl exec …
 * -- rm /tmp/healthy` is seen by the next liveness probe and `touch /tmp/ready` by readiness.
 */
export function execInContainer(cluster: Cluster, pod: Pod, container: Container, argv: string[], opts: { tty?: boolean } = {}): ExecOutcome {
  if (!commandExists(container.image ?? '', argv[0])) return { notFound: argv[0] };
  const r = cluster.controlPlane.nodes.exec(pod.metadata!.namespace ?? 'default', pod.metadata!.name!, container.name, argv, {
    tty: opts.tty,
    world: (base) => recordedWorld(cluster, pod, base),
  });
  return r ?? { notRunning: true };
}
