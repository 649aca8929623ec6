import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from './constants';

export function getNodeCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** The Ready condition's status, or undefined when the kubelet never posted one. */
export function readyStatus(node: Node): string | undefined {
  return getNodeCondition(node, 'Ready')?.status;
}

/** The conditions the controller overwrites when the kubelet goes silent (NetworkUnavailable is left alone). */
const WATCHED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * tryUpdateNodeHealth's "gone silent" branch: every watched condition becomes Unknown, with
 * reason NodeStatusUnknown when the kubelet had posted it and NodeStatusNeverUpdated when it
 * never did; lastHeartbeatTime is kept, lastTransitionTime is now (only on a real change).
 */
export function markConditionsUnknown(conditions: NodeCondition[], nowTs: string, creationTs: string | undefined): void {
  for (const type of WATCHED_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: creationTs,
        lastTransitionTime: nowTs,
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = nowTs;
    }
  }
}

/** nodeConditionToTaintKeyStatusMap: which condition status maps to which NoSchedule taint key. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

const CONDITION_TAINT_KEYS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_MEMORY_PRESSURE, TAINT_DISK_PRESSURE, TAINT_NETWORK_UNAVAILABLE, TAINT_PID_PRESSURE]);

/**
 * doNoScheduleTaintingPass (TaintNodesByCondition): the NoSchedule taints a node's conditions
 * and spec.unschedulable call for, and the ones it carries that the controller manages.
 */
export function noScheduleTaintDiff(node: Node): { add: Taint[]; remove: Taint[] } {
  const want: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) want.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
  const add = want.filter((w) => !have.some((h) => h.key === w.key));
  const remove = have.filter((h) => !want.some((w) => w.key === h.key));
  return { add, remove };
}

/** nodetopology.GetZoneKey: region and zone labels joined, "" when the node has neither. */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (!zone && !region) return '';
  return `${region}:\u0000:${zone}`;
}

/** The stored node, typed (kubernetes-types' Node has an optional metadata, unlike KObject). */
export function getNode(api: { get(kind: string, ns: string | undefined, name: string): unknown }, name: string): Node | undefined {
  return api.get('Node', undefined, name) as Node | undefined;
}
