import type { KObject } from '../api/object';
import type { TestCluster } from '../testing/testCluster';
import type { NodeAgents } from './index';

/**
 * The STATUS column of `kubectl get pods` (printers.go printPod), enough to follow a pod's story
 * in tests: Terminating, Init:N/M and init reasons, the first waiting/terminated reason, or the phase.
 */
export function podStatusColumn(p: KObject): string {
  const st = p.status ?? {};
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  const inits = st.initContainerStatuses ?? [];
  const total = (p.spec?.initContainers ?? []).length;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    const sidecar = p.spec?.initContainers?.[i]?.restartPolicy === 'Always';
    if (s.state?.terminated && s.state.terminated.exitCode === 0) continue;
    if (sidecar && s.started) continue;
    if (s.state?.terminated) reason = s.state.terminated.reason ? `Init:${s.state.terminated.reason}` : `Init:ExitCode:${s.state.terminated.exitCode}`;
    else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${total}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    for (let i = (st.containerStatuses ?? []).length - 1; i >= 0; i--) {
      const s = st.containerStatuses[i];
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state?.terminated) reason = `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.ready && s.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (p.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

/** Records the STATUS column of a pod each time it changes, with the simulated time (seconds). */
export function recordStatuses(c: TestCluster, name: string, namespace = 'default'): { t: number; status: string }[] {
  const out: { t: number; status: string }[] = [];
  c.api.watch('Pod', (ev) => {
    if (ev.object.metadata.name !== name || ev.object.metadata.namespace !== namespace || ev.type === 'DELETED') return;
    const s = podStatusColumn(ev.object);
    if (out.length === 0 || out[out.length - 1].status !== s) out.push({ t: c.now / 1000, status: s });
  });
  return out;
}

/** Events about one object as "reason: message", with their time in seconds. */
export function timedEvents(c: TestCluster, name: string): { t: number; reason: string; message: string; type: string }[] {
  return c.cluster.recorder.log.filter((e) => e.involvedObject.name === name).map((e) => ({ t: e.time / 1000, reason: e.reason, message: e.message, type: e.type }));
}

export function nodeAgents(c: TestCluster): NodeAgents {
  return c.cluster.controlPlane.nodes;
}

/** A pod already bound to a node (the scheduler leaves it alone), as YAML. */
export function boundPod(name: string, containers: string, extra = '', node = 'worker-1'): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  nodeName: ${node}
${extra}  containers:
${containers}`;
}
