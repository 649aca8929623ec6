/**
 * The scheduling framework's vocabulary (pkg/scheduler/framework): status codes, plugin names in
 * the default profile's order, score weights, and the constants the plugins share.
 */

/** fwk.Code: a rejection is Unschedulable (preemption may help) or UnschedulableAndUnresolvable (it cannot). */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A plugin's rejection of one node (or of every node, from PreFilter). Frozen and shared: never mutate. */
export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

const statusCache = new Map<string, Status>();

/** Statuses are interned so the filter loop allocates nothing for the common reasons. */
export function status(plugin: string, code: Code, ...reasons: string[]): Status {
  const key = `${plugin}\u0000${code}\u0000${reasons.join('\u0000')}`;
  let s = statusCache.get(key);
  if (!s) {
    s = Object.freeze({ code, reasons: Object.freeze([...reasons]), plugin });
    if (statusCache.size < 10_000) statusCache.set(key, s);
  }
  return s;
}

export const PLUGIN = {
  SchedulingGates: 'SchedulingGates',
  PrioritySort: 'PrioritySort',
  NodeUnschedulable: 'NodeUnschedulable',
  NodeName: 'NodeName',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  VolumeBinding: 'VolumeBinding',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  DefaultPreemption: 'DefaultPreemption',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  ImageLocality: 'ImageLocality',
  DefaultBinder: 'DefaultBinder',
} as const;

/** Score weights of the default profile (apis/config/v1/default_plugins.go). */
export const SCORE_WEIGHTS: Readonly<Record<string, number>> = {
  [PLUGIN.TaintToleration]: 3,
  [PLUGIN.NodeAffinity]: 2,
  [PLUGIN.NodeResourcesFit]: 1,
  [PLUGIN.PodTopologySpread]: 2,
  [PLUGIN.InterPodAffinity]: 2,
  [PLUGIN.NodeResourcesBalancedAllocation]: 1,
  [PLUGIN.ImageLocality]: 1,
};

/** fwk.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** pkg/scheduler/util: what a container without a request counts as, for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** validation.NoteLengthLimit: event messages are cut to this length. */
export const NOTE_LENGTH_LIMIT = 1024;

/**
 * helper.DefaultNormalizeScore: scales scores so the highest becomes maxPriority; `reverse`
 * makes the lowest raw score the best.
 */
export function defaultNormalizeScore(scores: Int32Array, n: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) for (let i = 0; i < n; i++) scores[i] = MAX_NODE_SCORE;
    return;
  }
  for (let i = 0; i < n; i++) {
    let s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}
