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

/**
 * A compiled selector that stays the same object while the spec it comes from is unchanged
 * (stored objects are frozen and share unchanged subtrees), so "did the selector change?" is an
 * identity check.
 */
export function compiledSelector<T extends object>(source: T | undefined, compile: (s: T | undefined) => Selector): Selector {
  if (!source) return compile(source);
  let s = selectorCache.get(source);
  if (!s) selectorCache.set(source, (s = compile(source)));
  return s;
}
