import type { ControllerContext } from './controllers/controller';
import type { NodeAgents } from './kubelet/index';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * What a fresh kubeadm/kind cluster holds before the user applies anything: the four system
 * namespaces, the `kubernetes` Service, a default StorageClass, the control-plane node and the
 * workers (each registered by its own kubelet).
 */
export function bootstrapCluster(ctx: ControllerContext, nodes: NodeAgents): void {
  const { api, config } = ctx;
  for (const name of SYSTEM_NAMESPACES) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  nodes.addNode({ name: 'control-plane', controlPlane: true, cpu: config.nodeCpu, memory: config.nodeMemory, pods: config.nodePods });
  for (let i = 1; i <= config.workers; i++) {
    nodes.addNode({ name: `worker-${i}`, cpu: config.nodeCpu, memory: config.nodeMemory, pods: config.nodePods });
  }
}
