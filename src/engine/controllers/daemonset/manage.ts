import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { isPodAvailable, isPodReady } from '../../api/podUtil';
import { POD_REVISION_LABEL } from '../history';
import { byCreationTimestampAndPhase } from './daemonPods';
import { allowsSurge, daemonSetSettings } from './defaults';
import type { FailedPodsBackoff } from './failedPodsBackoff';
import { nodeShouldRunDaemonPod } from './nodeShouldRun';

/** What a sync decided: pods to delete (by name) and nodes that need a new daemon pod. */
export interface NodeActions {
  podsToDelete: string[];
  nodesNeedingDaemonPods: string[];
}

/** What podsShouldBeOnNode needs from the controller around it. */
export interface ManageEnv {
  now: number;
  backoff: FailedPodsBackoff;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Sync this DaemonSet again after `ms` (a failed pod still in back-off). */
  requeueAfter(ms: number): void;
}

/** failedPodsBackoffKey: per DaemonSet uid, observed generation and node. */
function failedPodsBackoffKey(ds: DaemonSet, node: string): string {
  return `${ds.metadata!.uid}/${ds.status?.observedGeneration ?? 0}/${node}`;
}

/**
 * podsShouldBeOnNode (daemon_controller.go): for one node, create a pod where one should run
 * and none does; delete failed pods (with back-off) and succeeded ones; keep only the oldest
 * when there are several (or, when surging, the oldest old and oldest new pod until the new
 * one is available); delete every pod where the DaemonSet may no longer run.
 */
export function podsShouldBeOnNode(node: Node, byNode: Map<string, Pod[]>, ds: DaemonSet, hash: string, env: ManageEnv, out: NodeActions): void {
  const nodeName = node.metadata!.name!;
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const pods = byNode.get(nodeName);
  const exists = pods !== undefined && pods.length > 0;

  if (shouldRun && !exists) {
    out.nodesNeedingDaemonPods.push(nodeName);
    return;
  }
  if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods ?? []) {
      if (pod.metadata?.deletionTimestamp) continue;
      const phase = pod.status?.phase;
      if (phase === 'Failed') {
        // Avoid hot-looping against a kubelet that keeps rejecting the pod.
        const key = failedPodsBackoffKey(ds, nodeName);
        if (env.backoff.isInBackOffSinceUpdate(key, env.now)) {
          env.requeueAfter(env.backoff.get(key));
          continue;
        }
        env.backoff.next(key, env.now);
        env.event('Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata!.namespace}/${pod.metadata!.name} on node ${nodeName}, will try to kill it`);
        out.podsToDelete.push(pod.metadata!.name!);
      } else if (phase === 'Succeeded') {
        env.event('Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata!.namespace}/${pod.metadata!.name} on node ${nodeName}, will try to delete it`);
        out.podsToDelete.push(pod.metadata!.name!);
      } else {
        running.push(pod);
      }
    }
    if (!allowsSurge(ds)) {
      if (running.length <= 1) return;
      running.sort(byCreationTimestampAndPhase);
      for (let i = 1; i < running.length; i++) out.podsToDelete.push(running[i].metadata!.name!);
      return;
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) out.nodesNeedingDaemonPods.push(nodeName);
      return;
    }
    // Surging: keep the oldest new pod and the oldest old pod; the old one goes once the new one is available.
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    running.sort(byCreationTimestampAndPhase);
    for (const pod of running) {
      if (pod.metadata?.labels?.[POD_REVISION_LABEL] === hash) {
        if (!oldestNew) {
          oldestNew = pod;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = pod;
        continue;
      }
      out.podsToDelete.push(pod.metadata!.name!);
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld)) out.podsToDelete.push(oldestOld.metadata!.name!);
      else if (isPodAvailable(oldestNew, daemonSetSettings(ds).minReadySeconds, env.now)) out.podsToDelete.push(oldestOld.metadata!.name!);
    }
    return;
  }
  if (exists) {
    for (const pod of pods!) if (!pod.metadata?.deletionTimestamp) out.podsToDelete.push(pod.metadata!.name!);
  }
}

/**
 * getUnscheduledPodsWithoutNode: unscheduled pods meant for nodes that no longer exist; the
 * scheduler can never bind them and PodGC does not see them, so the controller deletes them.
 */
export function unscheduledPodsWithoutNode(nodes: readonly Node[], byNode: Map<string, Pod[]>): string[] {
  const live = new Set(nodes.map((n) => n.metadata!.name!));
  const out: string[] = [];
  for (const [node, pods] of byNode) {
    if (live.has(node)) continue;
    for (const pod of pods) if (!pod.spec?.nodeName) out.push(pod.metadata!.name!);
  }
  return out;
}
