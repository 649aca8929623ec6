import type { Node } from 'kubernetes-types/core/v1';
import { podMatchesNodeSelectorAndAffinity } from '../api/nodeAffinity';
import { matches } from '../api/selectors';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../api/tolerations';
import { PLUGIN } from './framework';
import type { NodeInfo } from './nodeInfo';
import { portsConflict, termMatches, type PodInfo } from './podInfo';
import { podConstraints } from './plugins/podTopologySpread';

/** A change in the cluster that may make a parked pod schedulable (framework.ClusterEvent). */
export type ClusterEvent =
  | { kind: 'NodeAdd'; node: NodeInfo }
  | { kind: 'NodeUpdate'; node: NodeInfo; old: Node; changed: NodeChanges }
  | { kind: 'AssignedPodAdd'; pod: PodInfo }
  | { kind: 'AssignedPodUpdate'; pod: PodInfo; old: PodInfo }
  | { kind: 'AssignedPodDelete'; pod: PodInfo }
  | { kind: 'StorageChange' }
  | { kind: 'NamespaceChange' };

export interface NodeChanges {
  labels: boolean;
  taints: boolean;
  unschedulable: boolean;
  allocatable: boolean;
}

const DO_NOT_SCHEDULE = ['NoSchedule', 'NoExecute'] as const;
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

type NsLabels = (ns: string) => Record<string, string> | undefined;

/**
 * Queueing hints, simplified: each plugin that rejected the pod says whether this event could
 * change its verdict. A pod rejected by no plugin in particular is retried on any event.
 */
export function mayHelp(pod: PodInfo, rejectedBy: ReadonlySet<string>, ev: ClusterEvent, nsLabels: NsLabels): boolean {
  if (rejectedBy.size === 0) return true;
  for (const plugin of rejectedBy) if (hint(plugin, pod, ev, nsLabels)) return true;
  return false;
}

/** Which plugins' verdicts an event can change at all: lets the queue skip work for most events. */
export function pluginsInterestedIn(ev: ClusterEvent): readonly string[] {
  switch (ev.kind) {
    case 'NodeAdd':
    case 'NodeUpdate':
      return [PLUGIN.NodeUnschedulable, PLUGIN.NodeName, PLUGIN.TaintToleration, PLUGIN.NodeAffinity, PLUGIN.NodePorts, PLUGIN.NodeResourcesFit, PLUGIN.VolumeBinding, PLUGIN.PodTopologySpread, PLUGIN.InterPodAffinity];
    case 'AssignedPodAdd':
      return [PLUGIN.PodTopologySpread, PLUGIN.InterPodAffinity];
    case 'AssignedPodUpdate':
      return [PLUGIN.NodeResourcesFit, PLUGIN.PodTopologySpread, PLUGIN.InterPodAffinity];
    case 'AssignedPodDelete':
      return [PLUGIN.NodeResourcesFit, PLUGIN.NodePorts, PLUGIN.PodTopologySpread, PLUGIN.InterPodAffinity];
    case 'StorageChange':
      return [PLUGIN.VolumeBinding];
    case 'NamespaceChange':
      return [PLUGIN.InterPodAffinity];
  }
}

function hint(plugin: string, pod: PodInfo, ev: ClusterEvent, nsLabels: NsLabels): boolean {
  switch (plugin) {
    case PLUGIN.NodeUnschedulable:
      if (ev.kind === 'NodeAdd') return !ev.node.unschedulable || tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT);
      if (ev.kind === 'NodeUpdate') return ev.changed.unschedulable && !ev.node.unschedulable;
      return false;
    case PLUGIN.NodeName:
      return (ev.kind === 'NodeAdd' || ev.kind === 'NodeUpdate') && pod.pod.spec?.nodeName === ev.node.name;
    case PLUGIN.TaintToleration:
      if (ev.kind === 'NodeAdd') return !findUntoleratedTaint(ev.node.taints, pod.tolerations, DO_NOT_SCHEDULE);
      if (ev.kind === 'NodeUpdate') return ev.changed.taints && !findUntoleratedTaint(ev.node.taints, pod.tolerations, DO_NOT_SCHEDULE) && !!findUntoleratedTaint(ev.old.spec?.taints, pod.tolerations, DO_NOT_SCHEDULE);
      return false;
    case PLUGIN.NodeAffinity:
      if (ev.kind === 'NodeAdd') return podMatchesNodeSelectorAndAffinity(pod.pod, ev.node.node);
      if (ev.kind === 'NodeUpdate') return ev.changed.labels && podMatchesNodeSelectorAndAffinity(pod.pod, ev.node.node) && !podMatchesNodeSelectorAndAffinity(pod.pod, ev.old);
      return false;
    case PLUGIN.NodePorts:
      if (ev.kind === 'NodeAdd') return true;
      if (ev.kind === 'AssignedPodDelete') return ev.pod.hostPorts.some((a) => pod.hostPorts.some((b) => portsConflict(a, b)));
      return false;
    case PLUGIN.NodeResourcesFit:
      if (ev.kind === 'NodeAdd') return fitsAllocatable(pod, ev.node);
      if (ev.kind === 'NodeUpdate') return ev.changed.allocatable && fitsAllocatable(pod, ev.node);
      if (ev.kind === 'AssignedPodDelete') return true;
      if (ev.kind === 'AssignedPodUpdate') return ev.pod.cpu < ev.old.cpu || ev.pod.memory < ev.old.memory;
      return false;
    case PLUGIN.VolumeBinding:
      if (ev.kind === 'NodeAdd' || ev.kind === 'StorageChange') return true;
      if (ev.kind === 'NodeUpdate') return ev.changed.labels || ev.changed.allocatable;
      return false;
    case PLUGIN.PodTopologySpread:
      if (ev.kind === 'NodeAdd') return true;
      if (ev.kind === 'NodeUpdate') return ev.changed.labels || ev.changed.taints;
      if (ev.kind === 'AssignedPodAdd' || ev.kind === 'AssignedPodDelete' || ev.kind === 'AssignedPodUpdate') {
        if (ev.pod.namespace !== pod.namespace) return false;
        return podConstraints(pod.pod, 'DoNotSchedule').some((c) => matches(c.selector, ev.pod.labels) || (ev.kind === 'AssignedPodUpdate' && matches(c.selector, ev.old.labels)));
      }
      return false;
    case PLUGIN.InterPodAffinity:
      if (ev.kind === 'NodeAdd' || ev.kind === 'NamespaceChange') return true;
      if (ev.kind === 'NodeUpdate') return ev.changed.labels;
      if (ev.kind === 'AssignedPodAdd' || ev.kind === 'AssignedPodUpdate') return pod.requiredAffinity.some((t) => termMatches(t, ev.pod, nsLabels));
      if (ev.kind === 'AssignedPodDelete') {
        return pod.requiredAntiAffinity.some((t) => termMatches(t, ev.pod, nsLabels)) || ev.pod.requiredAntiAffinity.some((t) => termMatches(t, pod, nsLabels));
      }
      return false;
    default:
      return true;
  }
}

function fitsAllocatable(pod: PodInfo, ni: NodeInfo): boolean {
  return pod.cpu <= ni.allocCpu && pod.memory <= ni.allocMemory && ni.allocPods > 0;
}
