import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { ApiServer } from '../../api/apiServer';
import { BY_OWNER } from '../../api/indexes';
import { KINDS, resolveKind, type KindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';

export const FINALIZER_FOREGROUND = 'foregroundDeletion';
export const FINALIZER_ORPHAN = 'orphan';

export function hasFinalizer(obj: KObject, f: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(f);
}

/** The owner is being deleted in the foreground: it waits for its blocking dependents. */
export function isDeletingDependents(obj: KObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined && hasFinalizer(obj, FINALIZER_FOREGROUND);
}

/** deletionStartsWithFinalizer: the object is now being deleted with `f`, and was not before. */
export function deletionStartsWith(old: KObject | undefined, obj: KObject, f: string): boolean {
  if (!obj.metadata.deletionTimestamp || !hasFinalizer(obj, f)) return false;
  return !old || !old.metadata.deletionTimestamp || !hasFinalizer(old, f);
}

/** Every object, of any kind, that lists `uid` among its owners (the GC graph's dependents). */
export function dependentsOf(api: ApiServer, uid: string): KObject[] {
  const out: KObject[] = [];
  for (const info of KINDS) {
    if (api.store.countByIndex(info.kind, BY_OWNER, uid) === 0) continue;
    out.push(...api.store.byIndex(info.kind, BY_OWNER, uid));
  }
  return out;
}

export function hasDependents(api: ApiServer, uid: string): boolean {
  return KINDS.some((info) => api.store.countByIndex(info.kind, BY_OWNER, uid) > 0);
}

export type RefClass = 'solid' | 'dangling' | 'waiting' | 'unresolvable';

/** The served kind an owner reference names, or undefined (upstream cannot map it and retries). */
export function ownerKind(ref: OwnerReference): KindInfo | undefined {
  return resolveKind(ref.apiVersion, ref.kind);
}

/**
 * isDangling + classifyReferences: the owner is looked up by name where the dependent can see
 * it (its own namespace, or cluster scope), and is absent when missing or of another uid; an
 * owner being deleted in the foreground is "waiting"; a cluster-scoped dependent cannot have a
 * namespaced owner at all (never collected).
 */
export function classifyRef(api: ApiServer, dependent: KObject, ref: OwnerReference): RefClass {
  const info = ownerKind(ref);
  if (!info) return 'unresolvable';
  const ns = dependent.metadata.namespace;
  if (!ns && info.namespaced) return 'unresolvable';
  const owner = api.get(info.kind, info.namespaced ? ns : undefined, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return 'dangling';
  return isDeletingDependents(owner) ? 'waiting' : 'solid';
}

/**
 * The graph builder's namespace check: an owner seen (by uid) in another namespace than its
 * namespaced dependent, or a namespaced owner of a cluster-scoped dependent, is invalid.
 */
export function invalidNamespaceOwner(api: ApiServer, dependent: KObject, ref: OwnerReference): boolean {
  const owner = api.getByUid(ref.uid);
  if (!owner || owner.metadata.namespace === undefined) return false;
  return owner.metadata.namespace !== (dependent.metadata.namespace ?? '');
}

/** objectReference.String() of the invalid identity, as the OwnerRefInvalidNamespace event prints it. */
export function invalidRefMessage(dependent: KObject, ref: OwnerReference): string {
  const ns = dependent.metadata.namespace ?? '';
  return `ownerRef [${ref.apiVersion}/${ref.kind}, namespace: ${ns}, name: ${ref.name}, uid: ${ref.uid}] does not exist in namespace "${ns}"`;
}
