import type { Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../engine/api/object';
import { milli, parseQuantity } from '../../../engine/api/quantity';
import { nodeRoles, nodeStatus, servicePorts } from '../../../engine/kubectl/printers/tablesCore';
import type { ClusterSnapshot } from '../../../store/snapshot';
import { naturalCompare, SYSTEM_NAMESPACES } from './order';
import { podView, type PodView } from './podView';
import { buildWorkloads, podRevisions, type PodRevision, type WorkloadItem } from './workloads';
import { buildServices, buildStorage, type IngressItem, type PvcItem, type PvItem, type ServiceItem } from './relations';

export type { WorkloadItem, ServiceItem, IngressItem, PvcItem, PvItem, PodRevision };

export interface NodeItem {
  readonly name: string;
  readonly uid: string;
  /** The STATUS column of `kubectl get nodes` ("Ready", "NotReady,SchedulingDisabled"). */
  readonly status: string;
  readonly readyState: 'Ready' | 'NotReady' | 'Unknown';
  readonly cordoned: boolean;
  readonly controlPlane: boolean;
  /** `chaos node-down` stopped its kubelet (the node may still look Ready until the grace period ends). */
  readonly kubeletStopped: boolean;
  readonly roles: string;
  readonly allocatable: { readonly cpuMilli: number; readonly memBytes: number; readonly pods: number };
  readonly requested: { readonly cpuMilli: number; readonly memBytes: number };
  /** Pods drawn on this node (system namespaces left out unless shown). */
  readonly pods: readonly PodView[];
  /** Every pod bound here, drawn or not (capacity counts them all). */
  readonly podCount: number;
}

/** A traffic client outside the cluster (`traffic <url> <rps>`), drawn as its own node at the edge. */
export interface TrafficClientItem {
  readonly id: number;
  readonly url: string;
  readonly rps: number;
}

export interface ClusterModel {
  readonly time: number;
  readonly nodes: readonly NodeItem[];
  /** Pods with no node yet (or bound to a node that no longer exists). */
  readonly unscheduled: readonly PodView[];
  readonly pods: ReadonlyMap<string, PodView>;
  readonly podRevision: ReadonlyMap<string, PodRevision>;
  readonly workloads: readonly WorkloadItem[];
  /** Pod uid → the workload item (by uid) that directly owns it. */
  readonly podOwner: ReadonlyMap<string, string>;
  readonly services: readonly ServiceItem[];
  readonly ingresses: readonly IngressItem[];
  readonly pvcs: readonly PvcItem[];
  readonly pvs: readonly PvItem[];
  /** Running traffic clients outside the cluster (clients inside start at their pod). */
  readonly clients: readonly TrafficClientItem[];
}

export interface ModelOptions {
  /** Draw kube-system and the other system namespaces too. */
  showSystem?: boolean;
  /** Whether `chaos node-down` stopped a node's kubelet (a read-only lookup in the engine). */
  kubeletStopped?: (node: string) => boolean;
  /** The outside traffic clients, when already known (they only change with a command). */
  clients?: readonly TrafficClientItem[];
}

const of = (s: ClusterSnapshot, kind: string) => s.byKind.get(kind) ?? [];

function quantity(fn: (v: string) => number, v: string | undefined): number {
  if (v === undefined) return 0;
  try {
    return fn(v);
  } catch {
    return 0;
  }
}

function readyState(node: KObject): NodeItem['readyState'] {
  const c = (node.status?.conditions ?? []).find((x: { type: string }) => x.type === 'Ready');
  if (!c) return 'Unknown';
  return c.status === 'True' ? 'Ready' : c.status === 'False' ? 'NotReady' : 'Unknown';
}

function isControlPlane(node: KObject): boolean {
  return Object.prototype.hasOwnProperty.call(node.metadata.labels ?? {}, 'node-role.kubernetes.io/control-plane');
}

/** Control-plane nodes first, then the rest by name (natural order); never reshuffled by state. */
export function compareNodes(a: KObject, b: KObject): number {
  const ca = isControlPlane(a) ? 0 : 1;
  const cb = isControlPlane(b) ? 0 : 1;
  return ca - cb || naturalCompare(a.metadata.name!, b.metadata.name!);
}

/** Stable order for pods inside an area: oldest first, then by name (plain order: this runs for every pod, every frame). */
export function comparePods(a: PodView, b: PodView): number {
  return a.created - b.created || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Sorts in place unless already in order (pods mostly come in creation order: one pass instead of a sort every frame). */
export function sortIfNeeded<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) {
    if (cmp(list[i - 1], list[i]) > 0) return list.sort(cmp);
  }
  return list;
}

export function outsideClients(snap: ClusterSnapshot): TrafficClientItem[] {
  const out: TrafficClientItem[] = [];
  for (const c of snap.traffic?.clients ?? []) if (c.from === null && c.stoppedAt === undefined) out.push({ id: c.id, url: c.url, rps: c.rps });
  return out;
}

/**
 * Everything the canvas draws, derived from one snapshot: nodes with their pods, the pods still
 * waiting, workloads with their ownership, Services with the pods they select, Ingresses,
 * claims and volumes. Pure: the same snapshot gives the same model.
 */
export function buildClusterModel(snap: ClusterSnapshot, opts: ModelOptions = {}): ClusterModel {
  const visible = (ns: string | undefined) => opts.showSystem || !ns || !SYSTEM_NAMESPACES.has(ns);
  const nodeObjs = [...of(snap, 'Node')].sort(compareNodes);
  const byNode = new Map<string, { pods: PodView[]; count: number; cpu: number; mem: number }>();
  for (const n of nodeObjs) byNode.set(n.metadata.name!, { pods: [], count: 0, cpu: 0, mem: 0 });

  const pods = new Map<string, PodView>();
  const unscheduled: PodView[] = [];
  for (const p of of(snap, 'Pod')) {
    const v = podView(p as Pod);
    const slot = v.node ? byNode.get(v.node) : undefined;
    if (slot) {
      slot.count++;
      // Finished pods no longer hold their requests (the scheduler's NodeInfo drops them).
      if (v.tone !== 'done' && v.pod.status?.phase !== 'Failed') {
        slot.cpu += v.cpuMilli;
        slot.mem += v.memBytes;
      }
    }
    if (!visible(v.namespace)) continue;
    pods.set(v.uid, v);
    if (slot) slot.pods.push(v);
    else unscheduled.push(v);
  }
  sortIfNeeded(unscheduled, comparePods);

  const nodes: NodeItem[] = nodeObjs.map((n) => {
    const name = n.metadata.name!;
    const slot = byNode.get(name)!;
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    sortIfNeeded(slot.pods, comparePods);
    return {
      name,
      uid: n.metadata.uid ?? name,
      status: nodeStatus(n),
      readyState: readyState(n),
      cordoned: n.spec?.unschedulable === true,
      controlPlane: isControlPlane(n),
      kubeletStopped: opts.kubeletStopped?.(name) ?? false,
      roles: nodeRoles(n).join(',') || '<none>',
      allocatable: { cpuMilli: quantity(milli, alloc.cpu), memBytes: quantity(parseQuantity, alloc.memory), pods: quantity(parseQuantity, alloc.pods) },
      requested: { cpuMilli: slot.cpu, memBytes: slot.mem },
      pods: slot.pods,
      podCount: slot.count,
    };
  });

  const { workloads, podOwner } = buildWorkloads(snap, pods, visible);
  const { services, ingresses } = buildServices(snap, pods, visible, servicePorts);
  const { pvcs, pvs } = buildStorage(snap, pods, visible);
  return { time: snap.time, nodes, unscheduled, pods, podRevision: podRevisions(snap, pods), workloads, podOwner, services, ingresses, pvcs, pvs, clients: opts.clients ?? outsideClients(snap) };
}
