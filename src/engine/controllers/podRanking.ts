import type { Pod } from 'kubernetes-types/core/v1';
import { getPodCondition, isPodActive, isPodReady, isSidecar } from '../api/podUtil';
import { parseTimestamp } from '../time';

/**
 * The order in which a controller gives up pods when it has too many: controller.ActivePodsWithRanks
 * (pkg/controller/controller_utils.go). The pod that sorts first is deleted first. `rank` is the
 * number of related active pods on the pod's node (getPodsRankedByRelatedPodsOnSameNode), so a
 * "doubled up" pod goes before a lone one. Feature gates PodDeletionCost and LogarithmicScaleDown
 * are on by default (both beta since 1.22), so both steps apply.
 */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

/** podPhaseToOrdinal: Pending < Unknown < Running; every other phase counts as 0 like Pending. */
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * helper.GetDeletionCostFromPodAnnotations: an int32 parsed from the annotation; missing or
 * invalid values count as 0.
 */
export function podDeletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v.trim());
  return n < -2147483648 || n > 2147483647 ? 0 : n;
}

/** podReadyTime: when the Ready condition last became True, or undefined (Go's zero time). */
function readyTime(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  return parseTimestamp(getPodCondition(pod, 'Ready')?.lastTransitionTime);
}

/** afterOrZero: a zero time sorts as "after" (i.e. first); otherwise the later time first. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/**
 * logarithmicRankDiff: the difference of floor(log2(age in nanoseconds)) of two timestamps, so
 * that pods whose ages are within a factor of two compare equal (and fall through to the UID).
 */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const r = (t: number) => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return r(t1) - r(t2);
}

/** maxContainerRestarts: the largest restart count among app containers, then among sidecars. */
function maxContainerRestarts(pod: Pod): [regular: number, sidecar: number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  // Most pods have no init containers: skip building the sidecar name set for every sort.
  if (!pod.spec?.initContainers?.length) return [regular, 0];
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter(isSidecar).map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

/** What the comparison reads from one pod version (everything but the rank). */
interface PodKey {
  readonly unassigned: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly readyTime: number | undefined;
  readonly restarts: number;
  readonly sidecarRestarts: number;
  readonly created: number | undefined;
  readonly uid: string;
}

/** What the comparison reads from one ranked pod, computed once per sort rather than per comparison. */
interface RankKey {
  readonly k: PodKey;
  readonly rank: number;
}

/**
 * Pod keys per stored (frozen) pod version: a rolling update sorts the old ReplicaSet's
 * thousands of pods at every scale-down step, and most of them have not changed in between.
 */
const podKeys = new WeakMap<Pod, PodKey>();

function podKey(p: Pod): PodKey {
  const frozen = Object.isFrozen(p);
  if (frozen) {
    const hit = podKeys.get(p);
    if (hit) return hit;
  }
  const [restarts, sidecarRestarts] = maxContainerRestarts(p);
  const k: PodKey = {
    unassigned: (p.spec?.nodeName ?? '') === '',
    phase: PHASE_ORDINAL[p.status?.phase ?? ''] ?? 0,
    ready: isPodReady(p),
    cost: podDeletionCost(p),
    readyTime: readyTime(p),
    restarts,
    sidecarRestarts,
    created: parseTimestamp(p.metadata?.creationTimestamp),
    uid: uidOf(p),
  };
  if (frozen) podKeys.set(p, k);
  return k;
}

function rankKey(rp: RankedPod): RankKey {
  return { k: podKey(rp.pod), rank: rp.rank };
}

/** ActivePodsWithRanks.Less over precomputed keys. */
function keyBefore(ri: RankKey, rj: RankKey, now: number): boolean {
  const i = ri.k;
  const j = rj.k;
  // 1. Unassigned < assigned.
  if (i.unassigned !== j.unassigned) return i.unassigned;
  // 2. PodPending < PodUnknown < PodRunning.
  if (i.phase !== j.phase) return i.phase < j.phase;
  // 3. Not ready < ready.
  if (i.ready !== j.ready) return !i.ready;
  // 4. Lower pod-deletion-cost < higher pod-deletion-cost.
  if (i.cost !== j.cost) return i.cost < j.cost;
  // 5. Doubled up < not doubled up.
  if (ri.rank !== rj.rank) return ri.rank > rj.rank;
  // 6. Been ready for empty time < less time < more time (log2 buckets).
  if (i.ready && j.ready && i.readyTime !== j.readyTime) {
    if (i.readyTime === undefined || j.readyTime === undefined) return afterOrZero(i.readyTime, j.readyTime);
    const diff = logarithmicRankDiff(i.readyTime, j.readyTime, now);
    if (diff === 0) return i.uid < j.uid;
    return diff < 0;
  }
  // 7. Higher restart counts < lower restart counts (app containers, then sidecars).
  if (i.restarts !== j.restarts) return i.restarts > j.restarts;
  if (i.sidecarRestarts !== j.sidecarRestarts) return i.sidecarRestarts > j.sidecarRestarts;
  // 8. Empty creation time < newer < older (log2 buckets), ties broken by UID.
  if (i.created !== j.created) {
    if (i.created === undefined || j.created === undefined) return afterOrZero(i.created, j.created);
    const diff = logarithmicRankDiff(i.created, j.created, now);
    if (diff === 0) return i.uid < j.uid;
    return diff < 0;
  }
  return false;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. `now` is simulated ms. */
export function deletesBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  return keyBefore(rankKey(a), rankKey(b), now);
}

function uidOf(p: Pod): string {
  return p.metadata?.uid ?? '';
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of active related pods
 * (the owner's and its siblings') on the same node.
 */
export function rankByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return podsToRank.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** Sorts ranked pods so that the first is the first to delete. Returns a new array. */
export function sortForDeletion(pods: readonly RankedPod[], now: number): RankedPod[] {
  const keyed = pods.map((rp) => ({ rp, k: rankKey(rp) }));
  keyed.sort((a, b) => (keyBefore(a.k, b.k, now) ? -1 : keyBefore(b.k, a.k, now) ? 1 : 0));
  return keyed.map((x) => x.rp);
}
