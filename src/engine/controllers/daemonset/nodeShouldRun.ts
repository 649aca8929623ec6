import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { deepClone } from '../../api/equal';
import { podMatchesNodeSelectorAndAffinity } from '../../api/nodeAffinity';
import { findUntoleratedTaint } from '../../api/tolerations';
import { addOrUpdateDaemonPodTolerations } from './tolerations';

/**
 * The result of the controller's own scheduling simulation for one node (NodeShouldRunDaemonPod,
 * pkg/controller/daemon/daemon_controller.go):
 * - shouldRun: a daemon pod should be created on the node if it has none;
 * - shouldContinueRunning: a daemon pod already there may stay.
 */
export interface NodeVerdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/**
 * The pod the DaemonSet would put on a node (NewPod), with the tolerations the controller adds.
 * Cached per DaemonSet object: stored objects are immutable, so the reference is the version.
 */
const simulatedPods = new WeakMap<object, Pod>();

function simulatedPod(ds: DaemonSet): Pod {
  let pod = simulatedPods.get(ds);
  if (!pod) {
    const spec = deepClone(ds.spec?.template?.spec ?? { containers: [] }) as PodSpec;
    addOrUpdateDaemonPodTolerations(spec);
    pod = { metadata: ds.spec?.template?.metadata ?? {}, spec };
    simulatedPods.set(ds, pod);
  }
  return pod;
}

/** Verdicts per (node version, DaemonSet version); both are immutable stored objects. */
const verdicts = new WeakMap<object, WeakMap<object, NodeVerdict>>();

/**
 * NodeShouldRunDaemonPod: nodeName (if the template pins one), nodeSelector plus required node
 * affinity, and the node's NoSchedule/NoExecute taints against the pod's tolerations (its own
 * plus the ones the controller adds). An untolerated NoSchedule taint stops new pods but lets a
 * running one stay; an untolerated NoExecute taint removes it.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeVerdict {
  let perNode = verdicts.get(node);
  if (!perNode) verdicts.set(node, (perNode = new WeakMap()));
  let v = perNode.get(ds);
  if (!v) perNode.set(ds, (v = computeVerdict(node, ds)));
  return v;
}

const NO: NodeVerdict = { shouldRun: false, shouldContinueRunning: false };
const YES: NodeVerdict = { shouldRun: true, shouldContinueRunning: true };

function computeVerdict(node: Node, ds: DaemonSet): NodeVerdict {
  const pod = simulatedPod(ds);
  const spec = pod.spec!;
  if (spec.nodeName && spec.nodeName !== node.metadata!.name) return NO;
  // The simulated pod's nodeName is this node, so only the selector, affinity and taints remain.
  if (!podMatchesNodeSelectorAndAffinity(pod, node)) return NO;
  const taints = node.spec?.taints;
  if (findUntoleratedTaint(taints, spec.tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !findUntoleratedTaint(taints, spec.tolerations, ['NoExecute']) };
  }
  return YES;
}
