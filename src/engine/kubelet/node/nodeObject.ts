import type { KObject } from '../../api/object';
import { parseQuantity } from '../../api/quantity';
import type { PulledImage } from '../images/imageStore';

/** What a node's kubelet knows about its machine, fixed at registration. */
export interface NodeMachine {
  name: string;
  controlPlane: boolean;
  /** Registration order: the control plane first, then the workers. */
  index: number;
  internalIP: string;
  podCIDR: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
  cpu: string;
  memoryBytes: number;
  pods: number;
  labels: Record<string, string>;
}

export const KERNEL_VERSION = '6.8.0-87-generic';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.3';
/** Ephemeral storage of a kind node (the host's disk). */
const EPHEMERAL_STORAGE = '102626232Ki';
/** kubelet's nodeStatusMaxImages. */
const MAX_IMAGES = 50;

/** The node's address: 172.18.0.2 for the first node on kind's docker network, then up. */
export function nodeIP(index: number): string {
  const n = index + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

/**
 * The node's pod range: 10.244.<i>.0/24 from the cluster's 10.244.0.0/16, in registration order.
 * Past 256 nodes the ranges continue into the next /16s (a real cluster would need a larger
 * cluster CIDR for that many nodes).
 */
export function nodePodCIDR(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

export function memoryQuantity(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`;
}

/** The Node object the kubelet registers (kubelet_node_status.go initialNode, as kind shows it). */
export function nodeObject(m: NodeMachine): KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': m.name,
    'kubernetes.io/os': 'linux',
  };
  if (m.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  Object.assign(labels, m.labels);
  const spec: Record<string, unknown> = {
    podCIDR: m.podCIDR,
    podCIDRs: [m.podCIDR],
    providerID: `kind://docker/kind/${m.name}`,
  };
  if (m.controlPlane) spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: m.name,
      labels: sortKeys(labels),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
  };
}

export interface NodeConditionState {
  ready: boolean;
  /** When each condition last changed (rfc3339). */
  transitions: Record<'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'Ready', string>;
  heartbeat: string;
}

/** The node status the kubelet posts (setters in pkg/kubelet/nodestatus). */
export function nodeStatus(m: NodeMachine, c: NodeConditionState, images: PulledImage[], kubeletVersion: string): Record<string, unknown> {
  const resources = {
    cpu: m.cpu,
    'ephemeral-storage': EPHEMERAL_STORAGE,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: memoryQuantity(m.memoryBytes),
    pods: String(m.pods),
  };
  const cond = (type: keyof NodeConditionState['transitions'], status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: c.heartbeat,
    lastTransitionTime: c.transitions[type],
    reason,
    message,
  });
  return {
    capacity: resources,
    allocatable: { ...resources },
    conditions: [
      cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      c.ready
        ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
        : cond('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
    ],
    addresses: [
      { type: 'InternalIP', address: m.internalIP },
      { type: 'Hostname', address: m.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: m.machineID,
      systemUUID: m.systemUUID,
      bootID: m.bootID,
      kernelVersion: KERNEL_VERSION,
      osImage: OS_IMAGE,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: images.slice(0, MAX_IMAGES).map((i) => ({ names: i.names, sizeBytes: i.info.size })),
    runtimeHandlers: [
      { name: '', features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
      { name: 'runc', features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
    ],
    features: { supplementalGroupsPolicy: true },
  };
}

export function parseMemory(q: string): number {
  return Math.round(parseQuantity(q));
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}
