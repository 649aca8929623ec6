/**
 * Helpers for the API server's write path. Stored objects are immutable: created objects are
 * built as plain mutable copies, then frozen once; updates share every untouched subtree with
 * the previous version (the structural sharing immer gives, without its proxies on hot paths).
 */

/** Deep-freezes a JSON-like value in place; already-frozen subtrees are skipped. */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  Object.freeze(v);
  if (Array.isArray(v)) {
    // An index loop: for-of allocates an iterator per array on every write.
    for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
  } else {
    for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** A deep, mutable copy of a JSON-like value (frozen or not). */
export function mutableCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = mutableCopy(v[i]);
    return out as unknown as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = mutableCopy(x);
  }
  return out as T;
}
