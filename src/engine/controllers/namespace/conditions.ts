import type { NamespaceCondition } from 'kubernetes-types/core/v1';

/** The condition types the namespace deleter maintains, in upstream's order (status_condition_utils.go). */
export const NAMESPACE_CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK_REASONS: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'ResourcesDiscovered',
  NamespaceDeletionGroupVersionParsingFailure: 'ParsedGroupVersions',
  NamespaceDeletionContentFailure: 'ContentDeleted',
  NamespaceContentRemaining: 'ContentRemoved',
  NamespaceFinalizersRemaining: 'ContentRemoved',
};

const OK_MESSAGES: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'All resources successfully discovered',
  NamespaceDeletionGroupVersionParsingFailure: 'All legacy kube types successfully parsed',
  NamespaceDeletionContentFailure: 'All content successfully deleted, may be waiting on finalization',
  NamespaceContentRemaining: 'All content successfully removed',
  NamespaceFinalizersRemaining: 'All content successfully removed',
};

/** What a deletion pass found: remaining instances per "resource.group", per finalizer, and errors. */
export interface DeletionTotals {
  remaining: Map<string, number>;
  finalizers: Map<string, number>;
  errors: string[];
}

/** The failing conditions a pass produces (ProcessContentTotals, makeDeleteContentCondition). */
export function failingConditions(t: DeletionTotals, nowTs: string): NamespaceCondition[] {
  const out: NamespaceCondition[] = [];
  if (t.errors.length) {
    const msgs = [...t.errors].sort();
    out.push({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      lastTransitionTime: nowTs,
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`,
    });
  }
  const remaining = [...t.remaining].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
  if (t.remaining.size) {
    out.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: nowTs, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` });
  }
  const fins = [...t.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (t.finalizers.size) {
    out.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: nowTs, reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${fins.join(', ')}` });
  }
  return out;
}

/**
 * updateConditions: each maintained type takes its failing value or its "ok" variant; an
 * existing condition keeps its lastTransitionTime unless its status flips. Returns the new list,
 * or undefined when nothing changed.
 */
export function mergeConditions(current: readonly NamespaceCondition[], failing: readonly NamespaceCondition[], nowTs: string): NamespaceCondition[] | undefined {
  const next = current.map((c) => ({ ...c }));
  let changed = false;
  for (const type of NAMESPACE_CONDITION_TYPES) {
    const want = failing.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: nowTs, reason: OK_REASONS[type], message: OK_MESSAGES[type] };
    const old = next.find((c) => c.type === type);
    if (!old) {
      next.push(want);
      changed = true;
    } else if (old.status !== want.status || old.message !== want.message || old.reason !== want.reason) {
      if (old.status !== want.status) old.lastTransitionTime = nowTs;
      old.status = want.status;
      old.reason = want.reason;
      old.message = want.message;
      changed = true;
    }
  }
  return changed ? next : undefined;
}
