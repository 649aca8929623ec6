import type { Edge, Node } from '@xyflow/react';
import type { NodeItem } from './clusterModel';
import type { PodTone, PodView } from './podView';
import type { WorkloadTone } from './workloads';

/** How an object relates to the current selection: it, or related to it, or neither. */
export type Emphasis = 'none' | 'selected' | 'related' | 'dim';

export interface ClusterNodeData extends Record<string, unknown> {
  name: string;
  status: string;
  readyState: NodeItem['readyState'];
  cordoned: boolean;
  controlPlane: boolean;
  kubeletStopped: boolean;
  roles: string;
  podCount: number;
  maxPods: number;
  cpuPct: number;
  memPct: number;
  /** Pods drawn here by tone, for the collapsed (far zoom) view. */
  ok: number;
  progress: number;
  bad: number;
  emphasis: Emphasis;
}

export interface PodCardData extends Record<string, unknown> {
  view: PodView;
  revision?: number;
  newest?: boolean;
  /** Image pull progress 0..1; null while pulling with no estimate; undefined when not pulling. */
  pull?: number | null;
  /** 0 → alive, 1 → at the end of its grace period. */
  fade: number;
  /** A Service selects it (its served counter shows even at 0 while traffic runs). */
  backend: boolean;
  emphasis: Emphasis;
}

export interface PodCell {
  view: PodView;
  slot: number;
  revision?: number;
  newest?: boolean;
}

export interface NodeTileData extends ClusterNodeData {
  cells: PodCell[];
  cols: number;
}

export interface UnscheduledData extends Record<string, unknown> {
  count: number;
  /** Cells drawn inside (compact and heat tiers); cards are separate nodes in the detailed tier. */
  cells?: PodCell[];
  cols: number;
}

export interface HeatmapData extends Record<string, unknown> {
  /** Changes whenever anything drawn changes; the canvas redraws on it alone. */
  key: string;
  nodes: readonly NodeItem[];
  cols: number;
  selectedNode?: string;
}

export interface WorkloadData extends Record<string, unknown> {
  kind: string;
  name: string;
  namespace: string;
  ready: string;
  detail: string;
  tone: WorkloadTone;
  revision?: number;
  newest?: boolean;
  child: boolean;
  hasChildren: boolean;
  emphasis: Emphasis;
}

export interface ServiceData extends Record<string, unknown> {
  name: string;
  namespace: string;
  type: string;
  clusterIP: string;
  ports: string;
  /** Ready endpoints / all endpoints, and the terminating ones, from its EndpointSlices. */
  ready: number;
  total: number;
  terminating: number;
  /** The load balancer's address(es), or '<pending>' while a LoadBalancer has none. */
  external: string;
  emphasis: Emphasis;
}

export interface IngressData extends Record<string, unknown> {
  name: string;
  namespace: string;
  hosts: string;
  backends: string;
  emphasis: Emphasis;
}

export interface ClientData extends Record<string, unknown> {
  id: number;
  url: string;
  rps: number;
}

export interface PvcData extends Record<string, unknown> {
  name: string;
  namespace: string;
  phase: string;
  capacity: string;
  storageClass: string;
  volumeName: string;
  emphasis: Emphasis;
}

export interface PvData extends Record<string, unknown> {
  name: string;
  phase: string;
  capacity: string;
  claim: string;
  emphasis: Emphasis;
}

export type CanvasNode =
  | Node<ClusterNodeData, 'clusterNode'>
  | Node<PodCardData, 'pod'>
  | Node<NodeTileData, 'nodeTile'>
  | Node<UnscheduledData, 'unscheduled'>
  | Node<HeatmapData, 'heatmap'>
  | Node<WorkloadData, 'workload'>
  | Node<ServiceData, 'service'>
  | Node<IngressData, 'ingress'>
  | Node<PvcData, 'pvc'>
  | Node<PvData, 'pv'>
  | Node<ClientData, 'client'>;

export type EdgeKind = 'owner' | 'svc-ready' | 'svc-notready' | 'ingress' | 'volume' | 'bound';
export type CanvasEdge = Edge<{ kind: EdgeKind; count?: number }>;

export type { PodTone };
