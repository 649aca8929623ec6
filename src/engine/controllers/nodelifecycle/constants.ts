/**
 * kube-controller-manager's node lifecycle settings at their v1.36 defaults
 * (pkg/controller/nodelifecycle/config/v1alpha1/defaults.go) and the taint keys of
 * k8s.io/api/core/v1/well_known_taints.go.
 */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** Raised from 40s to 50s (kubernetes/kubernetes#121793) so a kubelet gets five lease renewals' slack. */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** --node-eviction-rate: how many nodes per second may get a NoExecute taint in a healthy zone. */
export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
/** scheduler.NodeEvictionPeriod: how often the NoExecute tainting pass runs. */
export const NODE_EVICTION_PERIOD_MS = 100;
/** Retry of a tainting attempt that found no Ready condition on the node. */
export const TAINT_RETRY_MS = 50;

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** Nodes carrying this label are left out of the zone disruption count. */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** The first monitor pass at or after `ms`: passes run every node-monitor-period from controller start. */
export function nextMonitorTick(ms: number): number {
  return Math.ceil(ms / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS;
}
