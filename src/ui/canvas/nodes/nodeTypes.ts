import type { NodeTypes } from '@xyflow/react';
import { ClientNode } from './ClientNode';
import { ClusterNodeCard } from './ClusterNodeCard';
import { HeatmapNode } from './HeatmapNode';
import { NodeTile } from './NodeTile';
import { PodCard } from './PodCard';
import { ServiceCard } from './ServiceCard';
import { IngressCard, PvCard, PvcCard } from './SideCards';
import { UnscheduledArea } from './UnscheduledArea';
import { WorkloadCard } from './WorkloadCard';

/** Defined once at module level: React Flow re-mounts every node when this object changes. */
export const NODE_TYPES: NodeTypes = {
  clusterNode: ClusterNodeCard,
  pod: PodCard,
  nodeTile: NodeTile,
  unscheduled: UnscheduledArea,
  heatmap: HeatmapNode,
  workload: WorkloadCard,
  service: ServiceCard,
  ingress: IngressCard,
  pvc: PvcCard,
  pv: PvCard,
  client: ClientNode,
};
