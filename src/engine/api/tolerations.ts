import type { Taint, Toleration } from 'kubernetes-types/core/v1';

/**
 * v1.Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go): the effect must match
 * unless the toleration's is empty; an empty key with Exists matches every taint; Equal (the
 * default operator) also needs the value.
 */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  switch (tol.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (tol.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tols: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tols ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint with one of `effects` that no toleration tolerates (v1helper.FindMatchingUntoleratedTaint). */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tols: readonly Toleration[] | undefined,
  effects: readonly string[],
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.includes(taint.effect)) continue;
    if (!tolerationsTolerateTaint(tols, taint)) return taint;
  }
  return undefined;
}

/** How the scheduler and kubectl print a taint: "{key: value}" in messages, "key=value:Effect" in tables. */
export function taintToString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
