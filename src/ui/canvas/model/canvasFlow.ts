import type { ClusterSnapshot } from '../../../store/snapshot';
import { buildClusterModel, type ClusterModel, type ModelOptions } from './clusterModel';
import { buildFlow } from './flow';
import type { CanvasEdge, CanvasNode } from './flowTypes';
import { relatedTo, resolveRef, type CanvasRef } from './focus';
import { gridColumns } from './geometry';
import { placeCluster, type Placement } from './placement';
import type { PodView } from './podView';
import { reuseUnchanged } from './reuse';
import { EMPTY_SLOTS, updateSlots, type SlotState } from './slots';
import { chooseTier, type Tier, type TierChoice } from './tier';

/** What the canvas keeps between frames: slot assignments, the tier, and the last nodes/edges. */
export interface CanvasState {
  readonly slots: SlotState;
  readonly tier?: Tier;
  /** Node grid columns, kept until the node count, tier or canvas shape changes. */
  readonly grid?: { readonly key: string; readonly cols: number };
  readonly nodes: CanvasNode[];
  readonly edges: CanvasEdge[];
  /** What the last frame was drawn from, to skip frames where nothing drawn changed. */
  readonly source?: ClusterSnapshot;
  readonly inputsKey?: string;
}

export const INITIAL_CANVAS: CanvasState = { slots: EMPTY_SLOTS, nodes: [], edges: [] };

export interface CanvasInputs {
  model?: ModelOptions;
  tier?: TierChoice;
  selected?: CanvasRef;
  /** React Flow id of the node under the pointer. */
  hovered?: string;
  pullProgress?: (pod: PodView) => number | null | undefined;
  perPodEdgeBudget?: number;
  /** The canvas's width / height, to pick how many node columns fill it best. */
  aspect?: number;
}

export interface CanvasFrame extends CanvasState {
  readonly source: ClusterSnapshot;
  readonly inputsKey: string;
  readonly tier: Tier;
  readonly grid: { readonly key: string; readonly cols: number };
  readonly model: ClusterModel;
  readonly placement: Placement;
}

/** The uid the canvas keys an object by, from its React Flow id. */
export function uidOfNodeId(id: string): string {
  if (id.startsWith('node:')) return id;
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(i + 1);
}

/** The kinds the canvas draws or reads; other writes (leases, events) never change the picture. */
export const DRAWN_KINDS = [
  'Node', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController',
  'ControllerRevision', 'Service', 'EndpointSlice', 'Ingress', 'PersistentVolumeClaim', 'PersistentVolume',
];

/** Whether two snapshots hold the very same objects of every drawn kind (stored objects are replaced on write). */
export function sameDrawnObjects(a: ClusterSnapshot, b: ClusterSnapshot): boolean {
  if (a === b) return true;
  for (const kind of DRAWN_KINDS) {
    const x = a.byKind.get(kind) ?? [];
    const y = b.byKind.get(kind) ?? [];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

function inputsKeyOf(inputs: CanvasInputs, stopped: string): string {
  const s = inputs.selected;
  return [s ? `${s.kind}/${s.namespace ?? ''}/${s.name}` : '', inputs.hovered ?? '', inputs.tier ?? 'auto', inputs.model?.showSystem ? 1 : 0, inputs.aspect ?? '', inputs.perPodEdgeBudget ?? '', stopped].join('|');
}

/**
 * One frame of the canvas: snapshot and previous state in, React Flow nodes and edges out.
 * Pure; pods keep their slots from `prev`, and unchanged nodes/edges keep their identity.
 * When nothing drawn changed (only time passed, or only leases and events were written) the
 * previous frame comes back as is, except in the detailed tier where time shows (fades, pulls).
 */
export function snapshotToFlow(snap: ClusterSnapshot, prev: CanvasState, inputs: CanvasInputs = {}): CanvasFrame {
  const nodeObjs = snap.byKind.get('Node') ?? [];
  const stopped = inputs.model?.kubeletStopped ? nodeObjs.filter((n) => inputs.model!.kubeletStopped!(n.metadata.name!)).map((n) => n.metadata.name).join(',') : '';
  const inputsKey = inputsKeyOf(inputs, stopped);
  if (isFrame(prev) && prev.tier !== 'detailed' && prev.inputsKey === inputsKey && sameDrawnObjects(prev.source, snap)) return prev;
  // Outside traffic clients start and stop only with a command, which changes the version; reading
  // them means reading the traffic snapshot, which costs too much to do every animation frame.
  const clients = isFrame(prev) && prev.source.version === snap.version ? prev.model.clients : undefined;
  const model = buildClusterModel(snap, clients ? { ...inputs.model, clients } : inputs.model);
  const tier = chooseTier({ pods: model.pods.size, nodes: model.nodes.length }, prev.tier, inputs.tier);
  const slots = updateSlots(model, prev.slots);
  const selected = resolveRef(model, inputs.selected);
  const selectedNode = selected?.startsWith('node:') ? selected.slice(5) : selected ? model.pods.get(selected)?.node || undefined : undefined;
  const aspect = Math.round((inputs.aspect ?? 16 / 9) * 10) / 10;
  const gridKey = `${tier}:${model.nodes.length}:${aspect}`;
  const grid = prev.grid?.key === gridKey ? prev.grid : { key: gridKey, cols: gridColumns(tier, model.nodes.length, aspect) };
  const placement = placeCluster(model, slots, tier, { selectedNode, gridCols: grid.cols });
  const related = relatedTo(model, selected);
  const hovered = inputs.hovered ? uidOfNodeId(inputs.hovered) : undefined;
  const focus = hovered && hovered !== selected ? new Set([...related, ...relatedTo(model, hovered)]) : related;
  const flow = buildFlow(model, placement, slots, { selected, related, focus, pullProgress: inputs.pullProgress, perPodEdgeBudget: inputs.perPodEdgeBudget });
  return {
    source: snap,
    inputsKey,
    slots,
    tier,
    grid,
    model,
    placement,
    nodes: reuseUnchanged(prev.nodes, flow.nodes),
    edges: reuseUnchanged(prev.edges, flow.edges),
  };
}

function isFrame(s: CanvasState): s is CanvasFrame {
  return s.source !== undefined && (s as CanvasFrame).model !== undefined;
}
