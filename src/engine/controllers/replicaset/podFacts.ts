import type { Pod } from 'kubernetes-types/core/v1';
import type { Selector } from '../../api/selectors';
import { parseTimestamp } from '../../time';

/** What a replica controller reads of one stored version of a pod. */
export interface PodFacts {
  /** controller.IsPodActive: not Succeeded/Failed and not being deleted. */
  readonly active: boolean;
  /** Being deleted and not yet finished (FilterTerminatingPods). */
  readonly terminating: boolean;
  readonly ready: boolean;
  /** When Ready last became True (simulated ms), if ready. */
  readonly readySince?: number;
}

export function podFacts(pod: Pod): PodFacts {
  const phase = pod.status?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const deleting = pod.metadata?.deletionTimestamp !== undefined;
  let ready = false;
  let readySince: number | undefined;
  for (const c of pod.status?.conditions ?? []) {
    if (c.type !== 'Ready') continue;
    ready = c.status === 'True';
    if (ready) readySince = parseTimestamp(c.lastTransitionTime);
    break;
  }
  return { active: !terminal && !deleting, terminating: deleting && !terminal, ready, readySince };
}

/** podutil.IsPodAvailable from facts (the same rule as api/podUtil.isPodAvailable). */
export function isAvailable(f: PodFacts, minReadySeconds: number, now: number): boolean {
  if (!f.ready) return false;
  if (minReadySeconds <= 0) return true;
  return f.readySince !== undefined && f.readySince + minReadySeconds * 1000 <= now;
}

const selectorCache = new WeakMap<object, Selector>();
/** By variant and JSON text: an equal copy of a selector (an update rebuilt the spec) compiles to the same object. */
const selectorsByText = new Map<string, Selector>();
const SELECTORS_BY_TEXT_MAX = 1024;

/**
 * A compiled selector that stays the same object while the spec it comes from is unchanged
 * (stored objects are frozen and share unchanged subtrees), so "did the selector change?" is an
 * identity check. Equal content also gives the same object, even from a rebuilt copy: otherwise
 * every scaling write of a ReplicaSet would make its tracker re-evaluate all its pods. `variant`
 * names the compile function, since the same text compiles differently per call site.
 */
export function compiledSelector<T extends object>(source: T | undefined, variant: string, compile: (s: T | undefined) => Selector): Selector {
  if (!source) return compile(source);
  let s = selectorCache.get(source);
  if (!s) {
    const text = `${variant}\u0000${JSON.stringify(source)}`;
    s = selectorsByText.get(text);
    if (!s) {
      s = compile(source);
      if (selectorsByText.size >= SELECTORS_BY_TEXT_MAX) selectorsByText.clear();
      selectorsByText.set(text, s);
    }
    selectorCache.set(source, s);
  }
  return s;
}
