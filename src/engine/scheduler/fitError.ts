import type { Status } from './framework';
import type { NodeInfo } from './nodeInfo';

/**
 * framework.Diagnosis, compactly: the nodes were evaluated in order from `start` in `nodes`
 * (wrapping), and `codes[i]` says how the i-th one fared: 0 passed, k>0 failed with
 * `table[k-1]`. Nodes never evaluated (outside a PreFilter node set, or all of them when a
 * PreFilter rejected the pod) share `absent`. A pending pod's record stays small this way.
 */
export interface Diagnosis {
  readonly nodes: readonly NodeInfo[];
  readonly start: number;
  readonly codes: Uint16Array;
  readonly table: readonly Status[];
  readonly absent?: Status;
  /** All nodes of the cluster at the time: what "0/N" counts and what `absent` applies to. */
  readonly allNodes: readonly NodeInfo[];
  readonly unschedulablePlugins: ReadonlySet<string>;
  /** Set when a PreFilter plugin rejected the pod for every node. */
  readonly preFilterMsg: string;
  postFilterMsg: string;
}

export function nodeAt(d: Pick<Diagnosis, 'nodes' | 'start'>, i: number): NodeInfo {
  return d.nodes[(d.start + i) % d.nodes.length];
}

export function statusAt(d: Pick<Diagnosis, 'codes' | 'table'>, i: number): Status | null {
  const c = d.codes[i];
  return c === 0 ? null : d.table[c - 1];
}

/** FitError.Error(): "0/N nodes are available: <PreFilterMsg>. <histogram>. <PostFilterMsg>". */
export function fitErrorMessage(d: Diagnosis): string {
  const numAllNodes = d.allNodes.length;
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const hist = reasonHistogram(numAllNodes, d);
    if (hist.length) msg += ` ${hist.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/**
 * Each node contributes every reason of its status; the counts are printed as "<count> <reason>"
 * and sorted as strings (so "10 …" sorts before "2 …", as Go's sort.Strings does).
 */
export function reasonHistogram(numAllNodes: number, d: Pick<Diagnosis, 'codes' | 'table' | 'absent'>): string[] {
  const perStatus = new Array<number>(d.table.length).fill(0);
  let explicit = 0;
  for (let i = 0; i < d.codes.length; i++) {
    const c = d.codes[i];
    if (c === 0) continue;
    explicit++;
    perStatus[c - 1]++;
  }
  const counts = new Map<string, number>();
  d.table.forEach((s, k) => {
    if (perStatus[k] === 0) return;
    for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + perStatus[k]);
  });
  if (d.absent && explicit < numAllNodes) {
    for (const r of d.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + numAllNodes - explicit);
  }
  return [...counts].map(([r, n]) => `${n} ${r}`).sort();
}

/** The histogram of a plain list of per-node statuses (preemption's own FitError). */
export function statusesHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort();
}

/** truncateMessage: events carry at most NoteLengthLimit characters, ending in " ..." when cut. */
export function truncateMessage(message: string, max: number): string {
  if (message.length <= max) return message;
  const suffix = ' ...';
  return message.slice(0, max - suffix.length) + suffix;
}
