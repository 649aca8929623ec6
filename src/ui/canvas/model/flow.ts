import type { ClusterModel, NodeItem } from './clusterModel';
import { buildEdges, nodeId, PER_POD_EDGE_BUDGET } from './edges';
import type { CanvasEdge, CanvasNode, ClusterNodeData, Emphasis, PodCell } from './flowTypes';
import { GEOMETRY } from './geometry';
import type { Box, Placement } from './placement';
import { terminationProgress, type PodView } from './podView';
import { UNSCHEDULED, type SlotState } from './slots';

export interface FlowOptions {
  /** uid (or `node:<name>`) of the selected object. */
  selected?: string;
  /** Objects related to the selection: emphasised, the rest dimmed. */
  related?: ReadonlySet<string>;
  /** Selection plus hover: their edges are drawn pod by pod. */
  focus?: ReadonlySet<string>;
  /** Image pull progress of a ContainerCreating pod (see PullTracker). */
  pullProgress?: (pod: PodView) => number | null | undefined;
  perPodEdgeBudget?: number;
}

const pct = (used: number, total: number) => (total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0);

function emphasisOf(id: string, opts: FlowOptions): Emphasis {
  if (!opts.selected) return 'none';
  if (id === opts.selected) return 'selected';
  return opts.related?.has(id) ? 'related' : 'dim';
}

function nodeData(n: NodeItem, opts: FlowOptions): ClusterNodeData {
  let ok = 0;
  let progress = 0;
  let bad = 0;
  for (const p of n.pods) {
    if (p.tone === 'ok' || p.tone === 'done') ok++;
    else if (p.tone === 'bad' || p.tone === 'unknown') bad++;
    else progress++;
  }
  return {
    name: n.name,
    status: n.status,
    readyState: n.readyState,
    cordoned: n.cordoned,
    controlPlane: n.controlPlane,
    kubeletStopped: n.kubeletStopped,
    roles: n.roles,
    podCount: n.podCount,
    maxPods: n.allocatable.pods,
    cpuPct: pct(n.requested.cpuMilli, n.allocatable.cpuMilli),
    memPct: pct(n.requested.memBytes, n.allocatable.memBytes),
    ok,
    progress,
    bad,
    emphasis: emphasisOf(nodeId.node(n.name), opts),
  };
}

/**
 * Where a node goes and how big it is. `measured` says the size is known: without it React Flow
 * forgets the handle positions of every node object it is handed anew, and measures the node in
 * the DOM again (a resize observation and a forced layout per changed node, every frame).
 */
function at(box: Box) {
  return { position: { x: box.x, y: box.y }, width: box.w, height: box.h, measured: { width: box.w, height: box.h } };
}

function cellsOf(model: ClusterModel, pods: readonly PodView[], slots: ReadonlyMap<string, number> | undefined): PodCell[] {
  return pods.map((view) => {
    const rev = model.podRevision.get(view.uid);
    return { view, slot: slots?.get(view.uid) ?? 0, revision: rev?.revision, newest: rev?.newest };
  });
}

/** A cheap fingerprint of what the heat map draws, so it redraws only when that changed. */
function heatKey(model: ClusterModel, selectedNode: string | undefined): string {
  let h = 0;
  const mix = (n: number) => (h = (Math.imul(h, 31) + n) | 0);
  for (const n of model.nodes) {
    mix(n.readyState.length + (n.cordoned ? 7 : 0) + (n.kubeletStopped ? 13 : 0));
    mix(n.pods.length);
    for (const p of n.pods) mix(p.tone.charCodeAt(0) + p.tone.length);
  }
  return `${model.nodes.length}:${h}:${selectedNode ?? ''}`;
}

/**
 * React Flow nodes and edges for the model as placed. Containers sit under the pods
 * (zIndex 0), edges above containers (1), cards on top (2).
 */
export function buildFlow(model: ClusterModel, placement: Placement, slots: SlotState, opts: FlowOptions = {}): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes: CanvasNode[] = [];
  const tier = placement.tier;
  const common = { draggable: false, selectable: false, connectable: false } as const;

  if (placement.heat) {
    const selectedNode = opts.selected?.startsWith('node:') ? opts.selected.slice(5) : undefined;
    nodes.push({
      id: nodeId.heatmap, type: 'heatmap', ...at(placement.heat), zIndex: 0, ...common,
      data: { key: heatKey(model, selectedNode), nodes: model.nodes, cols: placement.heat.cols, selectedNode },
    });
  }
  for (const n of model.nodes) {
    const box = placement.nodes.get(n.name);
    if (!box) continue;
    if (tier === 'detailed') {
      nodes.push({ id: nodeId.node(n.name), type: 'clusterNode', ...at(box), zIndex: 0, ...common, data: nodeData(n, opts) });
    } else {
      nodes.push({
        id: nodeId.node(n.name), type: 'nodeTile', ...at(box), zIndex: 2, ...common,
        data: { ...nodeData(n, opts), cells: cellsOf(model, n.pods, slots.slots.get(n.name)), cols: GEOMETRY.compact.cols },
      });
    }
  }

  const ucols = placement.unscheduledCols;
  nodes.push({
    id: nodeId.unscheduled, type: 'unscheduled', ...at(placement.unscheduled), zIndex: tier === 'detailed' ? 0 : 2, ...common,
    data: { count: model.unscheduled.length, cols: ucols, ...(tier === 'detailed' ? {} : { cells: cellsOf(model, model.unscheduled, slots.slots.get(UNSCHEDULED)) }) },
  });

  if (tier === 'detailed') {
    const backends = new Set<string>();
    for (const s of model.services) for (const uid of s.selected) backends.add(uid);
    for (const [uid, box] of placement.pods) {
      const view = model.pods.get(uid);
      if (!view) continue;
      const rev = model.podRevision.get(uid);
      const pull = view.status === 'ContainerCreating' || view.status.startsWith('Init:') ? opts.pullProgress?.(view) : undefined;
      nodes.push({
        id: nodeId.pod(uid), type: 'pod', ...at(box), zIndex: 2, ...common, className: 'pod-node',
        data: { view, revision: rev?.revision, newest: rev?.newest, pull, fade: view.deletion ? terminationProgress(view, model.time) : 0, backend: backends.has(uid), emphasis: emphasisOf(uid, opts) },
      });
    }
  }

  for (const w of model.workloads) {
    const items = [{ w, child: false }, ...w.children.map((c) => ({ w: c, child: true }))];
    for (const { w: it, child } of items) {
      const box = placement.workloads.get(it.uid);
      if (!box) continue;
      nodes.push({
        id: nodeId.workload(it.uid), type: 'workload', ...at(box), zIndex: 2, ...common,
        data: { kind: it.kind, name: it.name, namespace: it.namespace, ready: it.ready, detail: it.detail, tone: it.tone, revision: it.revision, newest: it.newest, child, hasChildren: it.children.length > 0, emphasis: emphasisOf(it.uid, opts) },
      });
    }
  }
  for (const s of model.services) {
    const box = placement.services.get(s.uid)!;
    nodes.push({
      id: nodeId.service(s.uid), type: 'service', ...at(box), zIndex: 2, ...common,
      data: {
        name: s.name, namespace: s.namespace, type: s.type, clusterIP: s.clusterIP, ports: s.ports, external: s.external,
        ready: s.endpoints.ready, total: s.endpoints.total, terminating: s.endpoints.terminating, emphasis: emphasisOf(s.uid, opts),
      },
    });
  }
  for (const i of model.ingresses) {
    nodes.push({
      id: nodeId.ingress(i.uid), type: 'ingress', ...at(placement.ingresses.get(i.uid)!), zIndex: 2, ...common,
      data: { name: i.name, namespace: i.namespace, hosts: i.hosts.join(', '), backends: i.backends.join(', '), emphasis: emphasisOf(i.uid, opts) },
    });
  }
  for (const c of model.pvcs) {
    nodes.push({
      id: nodeId.pvc(c.uid), type: 'pvc', ...at(placement.pvcs.get(c.uid)!), zIndex: 2, ...common,
      data: { name: c.name, namespace: c.namespace, phase: c.phase, capacity: c.capacity, storageClass: c.storageClass, volumeName: c.volumeName, emphasis: emphasisOf(c.uid, opts) },
    });
  }
  for (const v of model.pvs) {
    nodes.push({
      id: nodeId.pv(v.uid), type: 'pv', ...at(placement.pvs.get(v.uid)!), zIndex: 2, ...common,
      data: { name: v.name, phase: v.phase, capacity: v.capacity, claim: v.claim, emphasis: emphasisOf(v.uid, opts) },
    });
  }

  for (const c of model.clients) {
    const box = placement.clients.get(c.id);
    if (box) nodes.push({ id: `client:${c.id}`, type: 'client', ...at(box), zIndex: 2, ...common, data: { id: c.id, url: c.url, rps: c.rps } });
  }

  const edges = buildEdges(model, placement, opts.focus ?? new Set(), opts.perPodEdgeBudget ?? PER_POD_EDGE_BUDGET);
  return { nodes, edges };
}
