function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Field by field; arrays element by element (elements compared shallowly). A `key` field, when present, decides alone. */
export function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  if ('key' in a && 'key' in b) {
    for (const k of Object.keys(a)) if (k !== 'nodes' && !Object.is(a[k], b[k])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = a[k];
    const y = b[k];
    if (Object.is(x, y)) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!shallowEqual(x[i], y[i])) return false;
      continue;
    }
    return false;
  }
  return true;
}

interface Item {
  id: string;
  data?: Record<string, unknown>;
  [k: string]: unknown;
}

/**
 * Hands back the previous object for every element that did not change, so React Flow (which
 * compares nodes by identity) re-renders only what moved or changed.
 */
export function reuseUnchanged<T extends Item>(prev: readonly T[], next: T[]): T[] {
  if (prev.length === 0) return next.length === 0 ? (prev as T[]) : next;
  const byId = new Map<string, T>();
  for (const p of prev) byId.set(p.id, p);
  let changed = prev.length !== next.length;
  const out = next.map((n, i) => {
    const p = byId.get(n.id);
    if (p && same(p, n)) {
      if (prev[i] !== p) changed = true;
      return p;
    }
    changed = true;
    return n;
  });
  return changed ? out : (prev as T[]);
}

function same(a: Item, b: Item): boolean {
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) {
    if (k === 'data') {
      if (!sameData(a.data ?? {}, b.data ?? {})) return false;
    } else if (!shallowEqual(a[k], b[k])) return false;
  }
  return true;
}
