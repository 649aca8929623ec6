import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { isPodAvailable, isPodReady } from '../../api/podUtil';
import { byCreationTimestampAndPhase, isPodUpdated, templateGeneration } from './daemonPods';
import { daemonSetSettings } from './defaults';
import { nodeShouldRunDaemonPod } from './nodeShouldRun';

/** The counters of DaemonSetStatus that updateDaemonSetStatus computes. */
export type DaemonSetCounts = Required<
  Pick<
    DaemonSetStatus,
    'desiredNumberScheduled' | 'currentNumberScheduled' | 'numberMisscheduled' | 'numberReady' | 'updatedNumberScheduled' | 'numberAvailable' | 'numberUnavailable'
  >
>;

/**
 * updateDaemonSetStatus (daemon_controller.go): per node that should run the daemon, whether it
 * has a pod (current), and whether the oldest one is ready, available and of the current
 * revision; pods on nodes that should not run it are misscheduled.
 */
export function computeDaemonSetCounts(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, now: number): DaemonSetCounts {
  const minReady = daemonSetSettings(ds).minReadySeconds;
  const gen = templateGeneration(ds);
  const c: DaemonSetCounts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = byNode.get(node.metadata!.name!) ?? [];
    const scheduled = pods.length > 0;
    if (!shouldRun) {
      if (scheduled) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (!scheduled) continue;
    c.currentNumberScheduled++;
    const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      c.numberReady++;
      if (isPodAvailable(pod, minReady, now)) c.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, gen)) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  return c;
}

/** storeDaemonSetStatus's test: nothing to write when the counters match and the generation was observed. */
export function statusUpToDate(ds: DaemonSet, c: DaemonSetCounts): boolean {
  const s = ds.status ?? ({} as DaemonSetStatus);
  return (
    (s.desiredNumberScheduled ?? 0) === c.desiredNumberScheduled &&
    (s.currentNumberScheduled ?? 0) === c.currentNumberScheduled &&
    (s.numberMisscheduled ?? 0) === c.numberMisscheduled &&
    (s.numberReady ?? 0) === c.numberReady &&
    (s.updatedNumberScheduled ?? 0) === c.updatedNumberScheduled &&
    (s.numberAvailable ?? 0) === c.numberAvailable &&
    (s.numberUnavailable ?? 0) === c.numberUnavailable &&
    (s.observedGeneration ?? 0) >= (ds.metadata?.generation ?? 0)
  );
}
