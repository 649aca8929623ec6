import type { ScoreTable } from './algorithm';
import { nodeAt, statusAt, type Diagnosis } from './fitError';
import type { NodeInfo } from './nodeInfo';

/** One node's part in a decision, as the UI shows it. */
export interface NodeVerdict {
  node: string;
  /** 'passed', or the reasons the first failing filter gave (comma-joined). */
  filter: string;
  /** Weighted score per plugin, for nodes that were scored. */
  scores?: Record<string, number>;
  total?: number;
}

/** Why a pod went where it went (or nowhere), for `scheduler.lastDecision`. */
export interface Decision {
  time: number;
  outcome: 'Scheduled' | 'Unschedulable';
  node?: string;
  nodesEvaluated: number;
  perNode: NodeVerdict[];
  message: string;
}

/** A decision kept compactly (typed arrays and shared node lists) and materialized on request. */
interface StoredDecision {
  time: number;
  outcome: 'Scheduled' | 'Unschedulable';
  node?: string;
  nodesEvaluated: number;
  message: string;
  diagnosis?: Diagnosis;
  feasible?: readonly NodeInfo[];
  scores?: ScoreTable;
}

/** How many decisions about pods no longer pending are kept. */
export const RECENT_DECISIONS = 300;

/**
 * The scheduler's memory of its decisions: the latest one for every pod still pending, and the
 * most recent few hundred overall. Per-node detail is stored as typed arrays and resolved to
 * names only when asked for, so 10,000 pods on 1,000 nodes do not fill the heap.
 */
export class DecisionLog {
  private readonly pending = new Map<string, StoredDecision>();
  private readonly recent = new Map<string, StoredDecision>();

  record(key: string, d: StoredDecision, stillPending: boolean): void {
    if (stillPending) {
      this.pending.set(key, d);
      this.recent.delete(key);
      return;
    }
    this.pending.delete(key);
    this.recent.delete(key);
    this.recent.set(key, d);
    if (this.recent.size > RECENT_DECISIONS) this.recent.delete(this.recent.keys().next().value!);
  }

  /** The pod is no longer pending (bound by someone else, or deleted): keep it only among the recent. */
  settle(key: string): void {
    const d = this.pending.get(key);
    if (!d) return;
    this.pending.delete(key);
    this.record(key, d, false);
  }

  get(key: string): Decision | undefined {
    const d = this.pending.get(key) ?? this.recent.get(key);
    return d ? materialize(d) : undefined;
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}

function materialize(d: StoredDecision): Decision {
  const perNode: NodeVerdict[] = [];
  const diag = d.diagnosis;
  if (diag) {
    const seen = new Set<string>();
    const scoreIndex = new Map<string, number>();
    d.feasible?.forEach((ni, i) => scoreIndex.set(ni.name, i));
    for (let i = 0; i < diag.codes.length; i++) {
      const ni = nodeAt(diag, i);
      seen.add(ni.name);
      const s = statusAt(diag, i);
      const v: NodeVerdict = { node: ni.name, filter: s ? s.reasons.join(', ') : 'passed' };
      const k = scoreIndex.get(ni.name);
      if (!s && d.scores && k !== undefined) {
        const n = d.feasible!.length;
        const scores: Record<string, number> = {};
        d.scores.plugins.forEach((p, j) => (scores[p] = d.scores!.weighted[j * n + k]));
        v.scores = scores;
        v.total = d.scores.totals[k];
      }
      perNode.push(v);
    }
    if (diag.absent) {
      const reason = diag.absent.reasons.join(', ');
      for (const ni of diag.allNodes) if (!seen.has(ni.name)) perNode.push({ node: ni.name, filter: reason });
    }
  }
  return { time: d.time, outcome: d.outcome, node: d.node, nodesEvaluated: d.nodesEvaluated, perNode, message: d.message };
}
