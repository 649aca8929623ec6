import type { ApiServer } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { controllerRef, newControllerRef, type KObject } from '../../api/object';

/**
 * ControllerRefManager.ClaimObject (pkg/controller/controller_ref_manager.go) for any dependent
 * kind: keep what we own and still select, release what we own but no longer select, adopt
 * orphans we select. Adoption and release are metadata patches of ownerReferences; a dependent
 * that disappeared meanwhile is ignored, any other error is returned to requeue the owner.
 */
export function claimObjects<T extends KObject>(api: ApiServer, owner: KObject, candidates: readonly T[], match: (o: T) => boolean): T[] {
  const claimed: T[] = [];
  const ownerUid = owner.metadata.uid!;
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    if (ref) {
      // Owned by someone else: ignore.
      if (ref.uid !== ownerUid) continue;
      // Ours and still selected (allowed even while being deleted: it takes no action).
      if (match(obj)) {
        claimed.push(obj);
        continue;
      }
      // Ours but no longer selected: release, unless we are being deleted.
      if (ownerDeleting) continue;
      ignoreNotFound(() =>
        api.patchMetadata(obj.kind, obj.metadata.namespace, obj.metadata.name!, (m) => {
          m.ownerReferences = (m.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
          if (m.ownerReferences.length === 0) delete m.ownerReferences;
        }),
      );
      continue;
    }
    // An orphan: adopt it when we select it, are not being deleted, and it is not being deleted.
    if (ownerDeleting || !match(obj)) continue;
    if (obj.metadata.deletionTimestamp !== undefined) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
    const adopted = ignoreNotFound(() =>
      api.patchMetadata<T>(obj.kind, obj.metadata.namespace, obj.metadata.name!, (m) => {
        const refs = (m.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
        refs.push(newControllerRef(owner));
        m.ownerReferences = refs;
      }),
    );
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function ignoreNotFound<R>(fn: () => R): R | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'NotFound') return undefined;
    throw e;
  }
}
