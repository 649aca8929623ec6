import { rfc3339 } from '../time';

const cache = new Map<number, string>();

/**
 * rfc3339 of a simulated time, cached per second: status writes of thousands of pods format the
 * same few seconds over and over.
 */
export function timestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  let s = cache.get(second);
  if (s === undefined) {
    if (cache.size > 256) cache.clear();
    s = rfc3339(second * 1000);
    cache.set(second, s);
  }
  return s;
}

let microSecond = Number.NaN;
let microPrefix = '';

/** metav1.MicroTime of a simulated time ("2026-01-01T00:00:10.000000Z"), as rfc3339Micro gives it. */
export function microTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== microSecond) {
    microSecond = second;
    microPrefix = timestamp(second * 1000).slice(0, -1);
  }
  return `${microPrefix}.${String(ms - second * 1000).padStart(3, '0')}000Z`;
}

/** Freezes the new parts of a value (frozen parts are shared and stay as they are). */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  // Index and for-in loops: Object.values allocated an array per object of every status write.
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
  } else {
    for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return Object.freeze(v);
}
