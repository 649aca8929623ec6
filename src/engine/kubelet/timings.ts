import { MINUTE, SECOND } from '../time';

/**
 * The kubelet's clocks. Upstream constants are named after their source; the rest are the
 * durations a kind cluster on a laptop shows (containerd, a local CNI, a fast disk).
 */

/** Lease renewal: NodeLeaseDurationSeconds 40, renewed every 10 s (pkg/kubelet/nodelease). */
export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_INTERVAL_MS = 10 * SECOND;
/** nodeStatusUpdateFrequency (how often the kubelet computes the node status). */
export const NODE_STATUS_UPDATE_MS = 10 * SECOND;
/** nodeStatusReportFrequency: an unchanged status is still posted this often. */
export const NODE_STATUS_REPORT_MS = 5 * MINUTE;

/** From the binding to the pod worker's first sync (watch delivery plus the pod worker). */
export const POD_SYNC_DELAY_MS = 30;
/** RunPodSandbox: the pause container plus the CNI ADD that gives the pod its IP. */
export const SANDBOX_CREATE_MS = 450;
export const SANDBOX_JITTER_MS = 300;
/** CreateContainer + StartContainer for one container. */
export const CONTAINER_START_MS = 90;
/** The PLEG relist period: how long until the kubelet notices a container exited (up to 1 s). */
export const PLEG_RELIST_MS = 1 * SECOND;
/** StopPodSandbox and the status manager's final delete after the containers are gone. */
export const POD_CLEANUP_MS = 150;

/** Image pulls: fixed registry round trips plus the bytes at this bandwidth. */
export const PULL_LATENCY_MS = 700;
export const PULL_BANDWIDTH_BYTES_PER_S = 20_000_000;

/** Container restart and image pull back-off (pkg/kubelet: backOffPeriod, MaxContainerBackOff). */
export const BACKOFF_INITIAL_MS = 10 * SECOND;
export const BACKOFF_MAX_MS = 300 * SECOND;

/** The pod worker's retry after a failed sync (backOffPeriod with jitter 0.5 in pod_workers.go). */
export const SYNC_RETRY_MS = 10 * SECOND;

/**
 * Volume mount retries (nestedpendingoperations): 500 ms doubling to 2m2s; the pod worker gives
 * up waiting for mounts after 2 minutes and reports "Unable to attach or mount volumes".
 */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 2 * MINUTE + 2 * SECOND;
export const MOUNT_WAIT_TIMEOUT_MS = 2 * MINUTE;

/** The extra grace a still-running preStop hook gets once (minimumGracePeriodInSeconds = 2). */
export const PRESTOP_EXTENSION_MS = 2 * SECOND;
export const MINIMUM_GRACE_MS = 2 * SECOND;
