import type { Node } from 'kubernetes-types/core/v1';
import { matches, type Selector } from '../api/selectors';
import { NodeInfo } from './nodeInfo';
import { NodeNumbers } from './nodeNumbers';
import { hasPodAffinity, type PodInfo } from './podInfo';

/**
 * Per-node counts of the pods (in one namespace, not terminating) that one label selector
 * matches: what PodTopologySpread would otherwise recount over every pod in every cycle.
 */
export class SelectorCounts {
  counts: Int32Array;
  constructor(
    readonly namespace: string,
    readonly selector: Selector,
    capacity: number,
  ) {
    this.counts = new Int32Array(capacity);
  }

  matches(p: PodInfo): boolean {
    return p.namespace === this.namespace && !p.terminating && matches(this.selector, p.labels);
  }
}

const MAX_SELECTOR_COUNTS = 64;

/**
 * The scheduler cache (pkg/scheduler/backend/cache): a NodeInfo per node, fed by Node and Pod
 * watch events, plus pods "assumed" onto a node between the decision and the binding. Nodes are
 * listed in the node tree's order: round-robin over zones, so consecutive nodes of the list
 * spread over zones as upstream's snapshot does.
 */
export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  private readonly slots: (NodeInfo | undefined)[] = [];
  private freeSlots: number[] = [];
  private ordered: NodeInfo[] = [];
  private orderedSlots = new Int32Array(0);
  private orderDirty = false;
  /** Where each cached pod (by uid) sits; assumed pods are also in `assumed`. */
  private readonly podNode = new Map<string, { node: string; info: PodInfo }>();
  readonly assumed = new Set<string>();
  /** Image name → number of nodes that have it (ImageLocality's spread). */
  readonly imageNodes = new Map<string, number>();
  private readonly selectorCounts = new Map<string, SelectorCounts>();
  /** Cluster-wide count of cached pods with required anti-affinity / any affinity. */
  podsWithRequiredAntiAffinity = 0;
  podsWithAffinity = 0;
  /** Pods by priority value: lets preemption know at once whether any lower-priority pod exists. */
  private readonly priorityCounts = new Map<number, number>();
  capacity = 16;
  /** Per-slot numbers for the hot loops, mirrored by each NodeInfo. */
  readonly nums = new NodeNumbers(16);
  /** How many nodes carry each label key (lets scoring skip topology keys no node has). */
  private readonly labelKeyNodes = new Map<string, number>();
  /** How many nodes have a PreferNoSchedule taint (TaintToleration scores are all equal when none). */
  preferNoScheduleNodes = 0;

  // ---- nodes --------------------------------------------------------------------------------

  upsertNode(node: Node): NodeInfo {
    const name = node.metadata!.name!;
    let ni = this.nodes.get(name);
    if (ni) this.forgetNodeKeys(ni);
    if (!ni) {
      const slot = this.freeSlots.length ? this.freeSlots.pop()! : this.slots.length;
      if (slot >= this.capacity) this.grow(slot + 1);
      ni = new NodeInfo(name, slot, this.nums);
      this.slots[slot] = ni;
      this.nodes.set(name, ni);
      ni.setNode(node);
      this.orderDirty = true;
    } else {
      const oldZone = ni.zoneKey;
      this.forgetImages(ni);
      ni.setNode(node);
      if (ni.zoneKey !== oldZone) this.orderDirty = true;
    }
    for (const img of ni.images.keys()) this.imageNodes.set(img, (this.imageNodes.get(img) ?? 0) + 1);
    for (const k of Object.keys(ni.labels)) this.labelKeyNodes.set(k, (this.labelKeyNodes.get(k) ?? 0) + 1);
    if (ni.hasPreferNoSchedule) this.preferNoScheduleNodes++;
    return ni;
  }

  private forgetNodeKeys(ni: NodeInfo): void {
    for (const k of Object.keys(ni.labels)) {
      const n = (this.labelKeyNodes.get(k) ?? 1) - 1;
      if (n <= 0) this.labelKeyNodes.delete(k);
      else this.labelKeyNodes.set(k, n);
    }
    if (ni.hasPreferNoSchedule) this.preferNoScheduleNodes--;
  }

  /** The number of nodes that carry a label key. */
  nodesWithLabel(key: string): number {
    return this.labelKeyNodes.get(key) ?? 0;
  }

  removeNode(name: string): NodeInfo | undefined {
    const ni = this.nodes.get(name);
    if (!ni) return undefined;
    this.forgetImages(ni);
    this.forgetNodeKeys(ni);
    // Pods still bound to a deleted node stay in the cache until they go (upstream keeps a
    // ghost NodeInfo); they no longer count anywhere the filters look.
    for (const p of ni.pods.values()) this.dropPodCounts(p, ni);
    for (const sc of this.selectorCounts.values()) sc.counts[ni.slot] = 0;
    this.nodes.delete(name);
    this.slots[ni.slot] = undefined;
    this.freeSlots.push(ni.slot);
    this.orderDirty = true;
    return ni;
  }

  private forgetImages(ni: NodeInfo): void {
    for (const img of ni.images.keys()) {
      const n = (this.imageNodes.get(img) ?? 1) - 1;
      if (n <= 0) this.imageNodes.delete(img);
      else this.imageNodes.set(img, n);
    }
  }

  private grow(min: number): void {
    let cap = this.capacity;
    while (cap < min) cap *= 2;
    this.capacity = cap;
    this.nums.grow(cap);
    for (const sc of this.selectorCounts.values()) {
      const next = new Int32Array(cap);
      next.set(sc.counts);
      sc.counts = next;
    }
  }

  /** The nodes in node-tree order (a fresh array only when the set or the zones changed). */
  list(): readonly NodeInfo[] {
    if (this.orderDirty) {
      this.ordered = nodeTreeOrder([...this.nodes.values()]);
      this.orderedSlots = Int32Array.from(this.ordered, (ni) => ni.slot);
      this.orderDirty = false;
    }
    return this.ordered;
  }

  /** The slots of `list()`, in the same order. */
  listSlots(): Int32Array {
    this.list();
    return this.orderedSlots;
  }

  // ---- pods ---------------------------------------------------------------------------------

  nodeOfPod(uid: string): string | undefined {
    return this.podNode.get(uid)?.node;
  }

  podInfo(uid: string): PodInfo | undefined {
    return this.podNode.get(uid)?.info;
  }

  /** Adds or replaces a pod bound (or assumed) to `nodeName`. */
  addPod(p: PodInfo, nodeName: string): void {
    const prev = this.podNode.get(p.uid);
    if (prev) this.removePod(p.uid);
    this.podNode.set(p.uid, { node: nodeName, info: p });
    this.priorityCounts.set(p.priority, (this.priorityCounts.get(p.priority) ?? 0) + 1);
    if (p.requiredAntiAffinity.length) this.podsWithRequiredAntiAffinity++;
    if (hasPodAffinity(p)) this.podsWithAffinity++;
    const ni = this.nodes.get(nodeName);
    if (!ni) return;
    ni.addPod(p);
    for (const sc of this.selectorCounts.values()) if (sc.matches(p)) sc.counts[ni.slot]++;
  }

  removePod(uid: string): PodInfo | undefined {
    const prev = this.podNode.get(uid);
    if (!prev) return undefined;
    this.podNode.delete(uid);
    this.assumed.delete(uid);
    const p = prev.info;
    const n = (this.priorityCounts.get(p.priority) ?? 1) - 1;
    if (n <= 0) this.priorityCounts.delete(p.priority);
    else this.priorityCounts.set(p.priority, n);
    if (p.requiredAntiAffinity.length) this.podsWithRequiredAntiAffinity--;
    if (hasPodAffinity(p)) this.podsWithAffinity--;
    const ni = this.nodes.get(prev.node);
    if (ni && ni.pods.get(uid) === p) this.dropPodCounts(p, ni);
    return p;
  }

  private dropPodCounts(p: PodInfo, ni: NodeInfo): void {
    ni.removePod(p);
    for (const sc of this.selectorCounts.values()) if (sc.matches(p)) sc.counts[ni.slot]--;
  }

  /** Pods that came back to a node re-registered under its name (a node deleted and re-added). */
  adoptPodsOf(ni: NodeInfo): void {
    for (const { node, info } of this.podNode.values()) {
      if (node !== ni.name || ni.pods.has(info.uid)) continue;
      ni.addPod(info);
      for (const sc of this.selectorCounts.values()) if (sc.matches(info)) sc.counts[ni.slot]++;
    }
  }

  /** Is there any cached pod with priority below `priority`? */
  hasPodBelowPriority(priority: number): boolean {
    for (const p of this.priorityCounts.keys()) if (p < priority) return true;
    return false;
  }

  /**
   * Per-node counts for a namespace+selector, built once (one pass over the cached pods) and
   * then kept up to date by addPod/removePod. The least recently used set is dropped past 64.
   */
  countsFor(namespace: string, selector: Selector, selectorKey: string): SelectorCounts {
    const key = `${namespace}\u0000${selectorKey}`;
    let sc = this.selectorCounts.get(key);
    if (sc) {
      this.selectorCounts.delete(key);
      this.selectorCounts.set(key, sc);
      return sc;
    }
    sc = new SelectorCounts(namespace, selector, this.capacity);
    for (const ni of this.nodes.values()) {
      let c = 0;
      for (const p of ni.pods.values()) if (sc.matches(p)) c++;
      sc.counts[ni.slot] = c;
    }
    if (this.selectorCounts.size >= MAX_SELECTOR_COUNTS) this.selectorCounts.delete(this.selectorCounts.keys().next().value!);
    this.selectorCounts.set(key, sc);
    return sc;
  }
}

/**
 * nodeTree.list: nodes grouped by zone (zones in the order they first appeared), taken
 * round-robin one node per zone at a time.
 */
function nodeTreeOrder(nodes: NodeInfo[]): NodeInfo[] {
  const zones = new Map<string, NodeInfo[]>();
  for (const ni of nodes) {
    let z = zones.get(ni.zoneKey);
    if (!z) zones.set(ni.zoneKey, (z = []));
    z.push(ni);
  }
  if (zones.size <= 1) return nodes;
  const groups = [...zones.values()];
  const out: NodeInfo[] = [];
  for (let i = 0; out.length < nodes.length; i++) for (const g of groups) if (i < g.length) out.push(g[i]);
  return out;
}
