import type { LabelSelector } from 'kubernetes-types/meta/v1';

/**
 * The generated String() of *metav1.LabelSelector, which upstream's "%v" prints in the
 * UnmanagedPods event: map keys sorted, Go slice syntax for values.
 */
export function goLabelSelectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
