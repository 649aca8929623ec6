import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { WatchEvent } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { Controller, type ControllerContext } from '../controller';
import {
  FINALIZER_FOREGROUND,
  FINALIZER_ORPHAN,
  classifyRef,
  deletionStartsWith,
  dependentsOf,
  hasDependents,
  hasFinalizer,
  invalidNamespaceOwner,
  invalidRefMessage,
  isDeletingDependents,
  type RefClass,
} from './ownerRefs';

const isBlocking = (r: OwnerReference) => r.blockOwnerDeletion === true;

/**
 * The garbage collector (pkg/controller/garbagecollector). The dependency graph is the store's
 * owner index; watch events put objects on two queues:
 * - attemptToDelete ("d/<uid>"): a dependent whose owner went away (or never existed) is deleted
 *   once none of its owners remains, or loses the references to the missing ones when another
 *   owner still stands; an owner being deleted in the foreground deletes its dependents and drops
 *   its foregroundDeletion finalizer when no blocking dependent is left.
 * - attemptToOrphan ("o/<uid>"): an owner deleted with the orphan finalizer has its references
 *   removed from every dependent, then the finalizer.
 */
export class GarbageCollector extends Controller {
  constructor(ctx: ControllerContext) {
    super('garbage-collector-controller', ctx);
    this.api.watchAll((ev) => this.onEvent(ev));
  }

  private onEvent(ev: WatchEvent): void {
    const obj = ev.object;
    const uid = obj.metadata.uid;
    if (!uid) return;
    if (ev.type === 'DELETED') {
      for (const dep of dependentsOf(this.api, uid)) this.enqueue(`d/${dep.metadata.uid}`);
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const owner = this.api.getByUid(ref.uid);
        if (owner && isDeletingDependents(owner)) this.enqueue(`d/${ref.uid}`);
      }
      return;
    }
    this.onReferences(obj, ev.type === 'ADDED' ? undefined : ev.old);
    if (deletionStartsWith(ev.old, obj, FINALIZER_ORPHAN)) {
      this.enqueue(`o/${uid}`);
    } else if (deletionStartsWith(ev.old, obj, FINALIZER_FOREGROUND)) {
      for (const dep of dependentsOf(this.api, uid)) this.enqueue(`d/${dep.metadata.uid}`);
      this.enqueue(`d/${uid}`);
    }
  }

  /** New owner references are checked at once; removed or unblocked ones may release a waiting owner. */
  private onReferences(obj: KObject, old: KObject | undefined): void {
    const refs = obj.metadata.ownerReferences ?? [];
    const oldRefs = old?.metadata.ownerReferences ?? [];
    if (refs === oldRefs) return;
    let suspicious = false;
    for (const ref of refs) {
      const before = oldRefs.find((r) => r.uid === ref.uid);
      if (before) {
        if (isBlocking(before) && !isBlocking(ref)) this.enqueue(`d/${ref.uid}`);
        continue;
      }
      if (invalidNamespaceOwner(this.api, obj, ref)) {
        this.event(obj, 'Warning', 'OwnerRefInvalidNamespace', invalidRefMessage(obj, ref));
        suspicious = true;
      } else if (!this.api.getByUid(ref.uid)) {
        suspicious = true;
      }
    }
    for (const r of oldRefs) {
      if (isBlocking(r) && !refs.some((x) => x.uid === r.uid)) this.enqueue(`d/${r.uid}`);
    }
    if (suspicious) this.enqueue(`d/${obj.metadata.uid}`);
  }

  protected reconcile(key: string): void {
    const uid = key.slice(2);
    const obj = this.api.getByUid(uid);
    if (!obj) return;
    try {
      if (key.startsWith('o/')) this.orphanDependents(obj);
      else this.attemptToDelete(obj);
    } catch (e) {
      // The object changed or went away underneath; the watch event that follows brings it back.
      if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
    }
  }

  private attemptToDelete(obj: KObject): void {
    if (obj.metadata.deletionTimestamp && !hasFinalizer(obj, FINALIZER_FOREGROUND)) return;
    if (isDeletingDependents(obj)) {
      this.processDeletingDependents(obj);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const classes = new Map<RefClass, OwnerReference[]>();
    for (const ref of refs) {
      const c = classifyRef(this.api, obj, ref);
      classes.set(c, [...(classes.get(c) ?? []), ref]);
    }
    if (classes.has('unresolvable')) return;
    const solid = classes.get('solid') ?? [];
    const dangling = classes.get('dangling') ?? [];
    const waiting = classes.get('waiting') ?? [];
    const { kind, metadata } = obj;
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Waiting owners are dropped too, or they would hold their foregroundDeletion finalizer forever.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.api.patchMetadata(kind, metadata.namespace, metadata.name!, (m) => {
        const kept = (m.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
        if (kept.length) m.ownerReferences = kept;
        else delete m.ownerReferences;
      });
      return;
    }
    if (waiting.length > 0 && hasDependents(this.api, metadata.uid!)) {
      // Deleting a dependent that has dependents itself in the foreground too; a dependent already
      // deleting its own dependents could wait on us, so our references stop blocking first.
      if (dependentsOf(this.api, metadata.uid!).some(isDeletingDependents)) {
        this.api.patchMetadata(kind, metadata.namespace, metadata.name!, (m) => {
          for (const r of m.ownerReferences ?? []) r.blockOwnerDeletion = false;
        });
      }
      this.api.delete(kind, metadata.namespace, metadata.name!, { propagationPolicy: 'Foreground' });
      return;
    }
    const policy = hasFinalizer(obj, FINALIZER_ORPHAN) ? 'Orphan' : hasFinalizer(obj, FINALIZER_FOREGROUND) ? 'Foreground' : 'Background';
    this.api.delete(kind, metadata.namespace, metadata.name!, { propagationPolicy: policy });
  }

  /** processDeletingDependentsItem: wait for the blocking dependents, deleting them, then let the owner go. */
  private processDeletingDependents(owner: KObject): void {
    const uid = owner.metadata.uid!;
    const blocking = dependentsOf(this.api, uid).filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && isBlocking(r)));
    if (blocking.length === 0) {
      this.removeFinalizer(owner, FINALIZER_FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!isDeletingDependents(dep)) this.enqueue(`d/${dep.metadata.uid}`);
  }

  private orphanDependents(owner: KObject): void {
    if (!owner.metadata.deletionTimestamp || !hasFinalizer(owner, FINALIZER_ORPHAN)) return;
    const uid = owner.metadata.uid!;
    for (const dep of dependentsOf(this.api, uid)) {
      this.api.patchMetadata(dep.kind, dep.metadata.namespace, dep.metadata.name!, (m) => {
        const kept = (m.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (kept.length) m.ownerReferences = kept;
        else delete m.ownerReferences;
      });
    }
    this.removeFinalizer(owner, FINALIZER_ORPHAN);
  }

  private removeFinalizer(obj: KObject, f: string): void {
    this.api.patchMetadata(obj.kind, obj.metadata.namespace, obj.metadata.name!, (m) => {
      const rest = (m.finalizers ?? []).filter((x) => x !== f);
      if (rest.length) m.finalizers = rest;
      else delete m.finalizers;
    });
  }
}
