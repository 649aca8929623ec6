import type { Taint } from 'kubernetes-types/core/v1';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../../api/tolerations';
import { defaultNormalizeScore, MAX_NODE_SCORE, PLUGIN, SCORE_WEIGHTS, status, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import { FLAG_TAINTED, FLAG_UNSCHEDULABLE, type NodeNumbers } from '../nodeNumbers';
import type { CycleContext, FilterPlugin, PreFilterResult, ScorePlugin, SlotFilterPlugin } from './types';

export const ERR_NODE_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_NODE_NAME = "node(s) didn't match the requested node name";
export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const DO_NOT_SCHEDULE = ['NoSchedule', 'NoExecute'] as const;

/** The message TaintToleration gives for a node whose taint the pod does not tolerate. */
export function untoleratedTaintReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
}

/** NodeUnschedulable: a cordoned node takes only pods that tolerate node.kubernetes.io/unschedulable:NoSchedule. */
export class NodeUnschedulable implements SlotFilterPlugin {
  readonly name = PLUGIN.NodeUnschedulable;
  readonly slowFlags = FLAG_UNSCHEDULABLE;
  private tolerates = false;
  private readonly rejected = status(this.name, 'UnschedulableAndUnresolvable', ERR_NODE_UNSCHEDULABLE);

  preFilter(ctx: CycleContext): PreFilterResult {
    this.tolerates = tolerationsTolerateTaint(ctx.pod.tolerations, UNSCHEDULABLE_TAINT);
    return undefined;
  }

  filter(_ctx: CycleContext, ni: NodeInfo): Status | null {
    return ni.unschedulable && !this.tolerates ? this.rejected : null;
  }

  /** A node without FLAG_UNSCHEDULABLE passes. */
  filterSlot(): Status | null {
    return null;
  }
}

/** NodeName: a pod that names its node fits only there. */
export class NodeName implements FilterPlugin {
  readonly name = PLUGIN.NodeName;
  private readonly rejected = status(this.name, 'UnschedulableAndUnresolvable', ERR_NODE_NAME);

  preFilter(ctx: CycleContext): PreFilterResult {
    return ctx.pod.pod.spec?.nodeName ? undefined : 'skip';
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    return ctx.pod.pod.spec!.nodeName !== ni.name ? this.rejected : null;
  }
}

/** TaintToleration: NoSchedule and NoExecute taints filter; PreferNoSchedule taints lower the score. */
export class TaintToleration implements SlotFilterPlugin, ScorePlugin {
  readonly name = PLUGIN.TaintToleration;
  readonly slowFlags = FLAG_TAINTED;
  readonly weight = SCORE_WEIGHTS[PLUGIN.TaintToleration];
  private preferTolerations: NonNullable<CycleContext['pod']['tolerations']> = [];

  preFilter(): PreFilterResult {
    return undefined;
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    if (ni.taints.length === 0) return null;
    const t = findUntoleratedTaint(ni.taints, ctx.pod.tolerations, DO_NOT_SCHEDULE);
    return t ? status(this.name, 'UnschedulableAndUnresolvable', untoleratedTaintReason(t)) : null;
  }

  /** An untainted node passes. */
  filterSlot(_ctx: CycleContext, _nums: NodeNumbers, _slot: number): Status | null {
    return null;
  }

  preScore(ctx: CycleContext, nodes: readonly NodeInfo[]): boolean | number {
    // Tolerations with an empty effect tolerate every effect, PreferNoSchedule included.
    this.preferTolerations = ctx.pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    // No candidate has a PreferNoSchedule taint: every count is 0, which normalizes to 100.
    if (ctx.cache.preferNoScheduleNodes === 0 || !nodes.some((ni) => ni.hasPreferNoSchedule)) return MAX_NODE_SCORE;
    return true;
  }

  scoreNodes(_ctx: CycleContext, nodes: readonly NodeInfo[], _slots: Int32Array, n: number, out: Int32Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(nodes[i]);
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate. */
  score(ni: NodeInfo): number {
    let n = 0;
    for (const t of ni.taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(this.preferTolerations, t)) n++;
    return n;
  }

  normalize(_ctx: CycleContext, scores: Int32Array, n: number): void {
    defaultNormalizeScore(scores, n, true);
  }
}

/** NodePorts: a host port can be taken once per node (per protocol and IP). */
export class NodePorts implements FilterPlugin {
  readonly name = PLUGIN.NodePorts;
  private readonly rejected = status(this.name, 'Unschedulable', ERR_NODE_PORTS);

  preFilter(ctx: CycleContext): PreFilterResult {
    return ctx.pod.hostPorts.length ? undefined : 'skip';
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    return ni.usedPorts.length && ni.portsConflictWith(ctx.pod.hostPorts) ? this.rejected : null;
  }
}
