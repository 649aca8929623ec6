import type { ControllerContext } from './controllers/controller';
import type { NodeAgents } from './kubelet/index';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The first address of the service range, which the `kubernetes` Service always gets. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

/** The tenth address, which kubeadm gives the cluster DNS Service. */
export const KUBE_DNS_SERVICE_IP = '10.96.0.10';

/**
 * What a fresh kind-style cluster holds before the user applies anything: the four system
 * namespaces, the `kubernetes` Service, kind's default StorageClass `standard` (local-path,
 * WaitForFirstConsumer), the control-plane node and the workers (each registered by its kubelet).
 */
export function bootstrapCluster(ctx: ControllerContext, nodes: NodeAgents): void {
  const { api, config } = ctx;
  for (const name of SYSTEM_NAMESPACES) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
    },
  });
  // kube-dns: the cluster DNS Service kubeadm creates at the tenth address (kubelets point pods at it).
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      clusterIP: KUBE_DNS_SERVICE_IP,
      clusterIPs: [KUBE_DNS_SERVICE_IP],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });
  // The API server's own objects: the default ServiceCIDR (1.33 GA) and the built-in priority classes.
  api.create({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'ServiceCIDR',
    metadata: { name: 'kubernetes' },
    spec: { cidrs: [config.serviceCIDR] },
  });
  for (const [name, value, description] of [
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
  ] as const) {
    api.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' });
  }
  api.create({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'standard',
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  nodes.addNode({ name: 'control-plane', controlPlane: true, cpu: config.nodeCpu, memory: config.nodeMemory, pods: config.nodePods });
  for (let i = 1; i <= config.workers; i++) {
    nodes.addNode({ name: `worker-${i}`, cpu: config.nodeCpu, memory: config.nodeMemory, pods: config.nodePods });
  }
}
