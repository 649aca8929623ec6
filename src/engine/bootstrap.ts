import type { ControllerContext } from './controllers/controller';
import type { NodeAgents } from './kubelet/index';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The first address of the service range, which the `kubernetes` Service always gets. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

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
