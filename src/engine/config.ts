/** The cluster's shape and the playground's limits. */
export interface ClusterConfig {
  /** Kubernetes release whose behaviour, defaults and wording this cluster follows. */
  readonly kubernetesVersion: string;
  readonly seed: number;
  readonly workers: number;
  /** Allocatable per node. */
  readonly nodeCpu: string;
  readonly nodeMemory: string;
  readonly nodePods: number;
  readonly clusterDomain: string;
  readonly serviceCIDR: string;
  readonly podCIDR: string;
  readonly limits: PlaygroundLimits;
}

/**
 * The playground refuses requests that would freeze a browser tab, with a clear message.
 * The limits leave room for the 10,000-pod benchmark on 1,000 nodes.
 */
export interface PlaygroundLimits {
  readonly maxReplicas: number;
  readonly maxPods: number;
  readonly maxNodes: number;
  readonly maxObjects: number;
  readonly maxManifestBytes: number;
  readonly maxDocuments: number;
}

export const KUBERNETES_VERSION = 'v1.36.0';

export const DEFAULT_LIMITS: PlaygroundLimits = {
  maxReplicas: 20_000,
  maxPods: 30_000,
  maxNodes: 5_000,
  maxObjects: 200_000,
  maxManifestBytes: 5 * 1024 * 1024,
  maxDocuments: 2_000,
};

export function defaultConfig(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    kubernetesVersion: KUBERNETES_VERSION,
    seed: 1,
    workers: 3,
    nodeCpu: '4',
    nodeMemory: '8Gi',
    nodePods: 110,
    clusterDomain: 'cluster.local',
    serviceCIDR: '10.96.0.0/12',
    podCIDR: '10.244.0.0/16',
    limits: DEFAULT_LIMITS,
    ...overrides,
  };
}
