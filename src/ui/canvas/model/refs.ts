import type { CanvasRef } from './focus';
import type { CanvasNode } from './flowTypes';

/** The Kubernetes object a canvas node stands for (none for the waiting area and the heat map). */
export function refOfNode(node: CanvasNode): CanvasRef | undefined {
  switch (node.type) {
    case 'pod': {
      const v = node.data.view;
      return { kind: 'Pod', namespace: v.namespace, name: v.name };
    }
    case 'clusterNode':
    case 'nodeTile':
      return { kind: 'Node', name: node.data.name };
    case 'workload':
      return { kind: node.data.kind, namespace: node.data.namespace, name: node.data.name };
    case 'service':
      return { kind: 'Service', namespace: node.data.namespace, name: node.data.name };
    case 'ingress':
      return { kind: 'Ingress', namespace: node.data.namespace, name: node.data.name };
    case 'pvc':
      return { kind: 'PersistentVolumeClaim', namespace: node.data.namespace, name: node.data.name };
    case 'pv':
      return { kind: 'PersistentVolume', name: node.data.name };
    default:
      return undefined;
  }
}
