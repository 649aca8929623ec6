import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { labelSelectorMatches } from '../api/selectors';
import type { SchedulingAlgorithm } from './algorithm';
import type { SchedulerCache } from './cache';
import { nodeAt, statusAt, statusesHistogram, type Diagnosis } from './fitError';
import { PLUGIN, status, type Status } from './framework';
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import type { CycleContext, FilterPlugin } from './plugins/types';

export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';

/** A node where preemption would make room, and whom it would evict. */
export interface Candidate {
  node: NodeInfo;
  victims: PodInfo[];
  pdbViolations: number;
}

export type PreemptionOutcome = { message: string; candidate?: undefined } | { message: ''; candidate: Candidate };

/**
 * DefaultPreemption's PostFilter (pkg/scheduler/framework/preemption): when a pod fits nowhere,
 * look for a node where evicting lower-priority pods (respecting PodDisruptionBudgets where it
 * can) makes it fit, and pick the candidate that hurts least.
 */
export function preempt(ctx: CycleContext, algorithm: SchedulingAlgorithm, cache: SchedulerCache, d: Diagnosis): PreemptionOutcome {
  const pod = ctx.pod;
  const spec = pod.pod.spec!;
  if (spec.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nominated = pod.pod.status?.nominatedNodeName;
  if (nominated) {
    // A victim still terminating on the nominated node will free the room: wait for it.
    const ni = cache.nodes.get(nominated);
    if (ni) for (const p of ni.pods.values()) if (p.terminating && p.priority < pod.priority) return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
  }

  const all = d.allNodes;
  const statuses = new Map<string, Status>();
  const potential: NodeInfo[] = [];
  const notHelpful = status(PLUGIN.DefaultPreemption, 'UnschedulableAndUnresolvable', MSG_NOT_HELPFUL);
  const evaluated = new Set<string>();
  for (let i = 0; i < d.codes.length; i++) {
    const ni = nodeAt(d, i);
    const s = statusAt(d, i);
    evaluated.add(ni.name);
    if (s && s.code === 'Unschedulable') potential.push(ni);
    else statuses.set(ni.name, notHelpful);
  }
  for (const ni of all) if (!evaluated.has(ni.name)) statuses.set(ni.name, notHelpful);

  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    const pre = algorithm.preFilter(ctx);
    const active = 'active' in pre ? pre.active : [];
    const noVictims = status(PLUGIN.DefaultPreemption, 'UnschedulableAndUnresolvable', MSG_NO_VICTIMS);
    const anyLower = cache.hasPodBelowPriority(pod.priority);
    const pdbs = anyLower ? ctx.api.list('PodDisruptionBudget') as unknown as PodDisruptionBudget[] : [];
    for (const ni of potential) {
      const r = anyLower ? selectVictimsOnNode(ctx, algorithm, active, ni, pdbs) : noVictims;
      if (r === null) statuses.set(ni.name, noVictims);
      else if ('node' in r) candidates.push(r);
      else statuses.set(ni.name, r);
    }
  }
  if (candidates.length === 0) {
    const ordered = all.map((ni) => statuses.get(ni.name)).filter((s): s is Status => s !== undefined);
    const hist = statusesHistogram(ordered);
    return { message: `preemption: 0/${ordered.length} nodes are available: ${hist.join(', ')}.` };
  }
  return { message: '', candidate: pickOneNodeForPreemption(candidates) };
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod; if the pod still does not fit, the node
 * is no candidate. Otherwise add pods back from the most important down, PDB-protected ones
 * first, keeping each that still leaves room; the rest are the victims.
 */
function selectVictimsOnNode(ctx: CycleContext, algorithm: SchedulingAlgorithm, active: readonly FilterPlugin[], ni: NodeInfo, pdbs: readonly PodDisruptionBudget[]): Candidate | Status | null {
  const lower = [...ni.pods.values()].filter((p) => p.priority < ctx.pod.priority);
  if (lower.length === 0) return null;
  for (const p of lower) ni.removePod(p);
  try {
    const s = algorithm.runFilters(ctx, active, ni);
    if (s !== null) return s;
    lower.sort(moreImportantFirst);
    const { violating, nonViolating } = splitByPdbViolation(lower, pdbs);
    const victims: PodInfo[] = [];
    let pdbViolations = 0;
    const reprieve = (p: PodInfo): boolean => {
      ni.addPod(p);
      if (algorithm.runFilters(ctx, active, ni) === null) return true;
      ni.removePod(p);
      victims.push(p);
      return false;
    };
    for (const p of violating) if (!reprieve(p)) pdbViolations++;
    for (const p of nonViolating) reprieve(p);
    victims.sort(moreImportantFirst);
    return { node: ni, victims, pdbViolations };
  } finally {
    // Restore the node exactly as the cache holds it.
    for (const p of lower) if (!ni.pods.has(p.uid)) ni.addPod(p);
  }
}

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.startTime - b.startTime;
}

/** filterPodsWithPDBViolation: a pod whose eviction would take a budget below zero is "violating". */
function splitByPdbViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((b) => b.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violates = false;
    pdbs.forEach((b, i) => {
      if (b.metadata?.namespace !== p.namespace) return;
      const sel = b.spec?.selector;
      // policy/v1: a nil selector selects nothing, an empty one every pod.
      if (!sel || !labelSelectorMatches(sel, p.labels)) return;
      if (b.status?.disruptedPods && p.name in b.status.disruptedPods) return;
      allowed[i]--;
      if (allowed[i] < 0) violates = true;
    });
    (violates ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest highest-priority victim, the
 * lowest sum of priorities, the fewest victims, the latest start among the most important
 * victims; then the first.
 */
export function pickOneNodeForPreemption(cs: readonly Candidate[]): Candidate {
  const criteria: ((c: Candidate) => number)[] = [
    (c) => -c.pdbViolations,
    (c) => -(c.victims[0]?.priority ?? 0),
    (c) => -c.victims.reduce((s, p) => s + p.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => {
      const top = c.victims[0]?.priority ?? 0;
      let earliest = Infinity;
      for (const p of c.victims) if (p.priority === top && p.startTime < earliest) earliest = p.startTime;
      return earliest;
    },
  ];
  let pool = [...cs];
  for (const score of criteria) {
    if (pool.length === 1) break;
    let best = -Infinity;
    for (const c of pool) best = Math.max(best, score(c));
    pool = pool.filter((c) => score(c) === best);
  }
  return pool[0];
}
