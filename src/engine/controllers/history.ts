import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import { deepClone, deepEqual } from '../api/equal';
import { ApiError } from '../api/errors';
import { BY_CONTROLLER } from '../api/indexes';
import { newControllerRef, type KObject } from '../api/object';
import { parseTimestamp } from '../time';
import { computeHash } from './hash';

/**
 * ControllerRevisions: the snapshots of a DaemonSet's or StatefulSet's pod template that make
 * rolling updates and `kubectl rollout undo` possible (pkg/controller/history upstream).
 */
export interface ControllerRevision extends KObject {
  data: unknown;
  revision: number;
}

/** history.ControllerRevisionHashLabel: the hash a revision was named with. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** apps/v1 ControllerRevisionHashLabelKey, carried by DaemonSet and StatefulSet pods. */
export const POD_REVISION_LABEL = 'controller-revision-hash';

/**
 * getPatch of the daemon and statefulset controllers: a strategic merge patch that replaces
 * spec.template, which is what a revision stores and what ApplyRevision re-applies.
 */
export function templatePatch(template: PodTemplateSpec | undefined): Record<string, unknown> {
  return { spec: { template: { ...deepClone(template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision stored (the inverse of templatePatch). */
export function templateOfRevision(rev: ControllerRevision): PodTemplateSpec {
  const stored = (rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {};
  const { $patch: _ignored, ...template } = stored;
  return deepClone(template) as PodTemplateSpec;
}

/** The revisions controlled by `owner`, sorted as history.SortControllerRevisions does. */
export function listControllerRevisions(api: ApiServer, owner: KObject): ControllerRevision[] {
  const revs = api.store.byIndex('ControllerRevision', BY_CONTROLLER, owner.metadata.uid!) as ControllerRevision[];
  return sortControllerRevisions(revs);
}

/** By revision number, then creation time, then name (history.byRevision). */
export function sortControllerRevisions(revs: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = parseTimestamp(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTimestamp(b.metadata.creationTimestamp) ?? 0;
    if (ta !== tb) return ta - tb;
    return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
  });
}

/** history.EqualRevision: the stored data is the same (the hash labels never parse as integers). */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b;
  return deepEqual(a.data, b.data);
}

export function findEqualRevisions(revs: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revs.filter((r) => equalRevision(r, needle));
}

/** nextRevision: one more than the highest revision number, or 1. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1].revision + 1;
}

/** history.ControllerRevisionName: "<parent>-<hash>", the parent name cut to 223 characters. */
export function controllerRevisionName(parentName: string, hash: string): string {
  return `${parentName.length > 223 ? parentName.slice(0, 223) : parentName}-${hash}`;
}

/** history.HashControllerRevision: the revision's data hashed with the collision count. */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  return computeHash(data, collisionCount);
}

/**
 * history.NewControllerRevision: a revision of `parent` holding `data`, labelled with the
 * template's labels plus controller.kubernetes.io/hash, owned by the parent.
 */
export function newControllerRevision(
  parent: KObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount?: number,
): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name!, hash),
      namespace: parent.metadata.namespace,
      labels: { ...(templateLabels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(parent)],
    },
    data,
    revision,
  };
}

/**
 * realHistory.CreateControllerRevision: creates the revision under the name its hash gives; on
 * a name taken by a different revision the collision count goes up and the hash is recomputed.
 * Returns the stored revision and the collision count that named it.
 */
export function createControllerRevision(
  api: ApiServer,
  parent: KObject,
  revision: ControllerRevision,
  collisionCount: number,
): { revision: ControllerRevision; collisionCount: number } {
  let count = collisionCount;
  for (let attempt = 0; attempt < 100; attempt++) {
    const hash = hashControllerRevision(revision.data, count);
    const candidate: ControllerRevision = {
      ...revision,
      metadata: {
        ...revision.metadata,
        name: controllerRevisionName(parent.metadata.name!, hash),
        labels: { ...(revision.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      },
    };
    const existing = api.get<ControllerRevision>('ControllerRevision', parent.metadata.namespace, candidate.metadata.name!);
    if (!existing) return { revision: api.create<ControllerRevision>(candidate), collisionCount: count };
    if (equalRevision(existing, candidate)) return { revision: existing, collisionCount: count };
    count++;
  }
  throw new ApiError('AlreadyExists', `controllerrevisions.apps "${parent.metadata.name}" hash collisions could not be resolved`);
}

/** realHistory.UpdateControllerRevision: gives an existing revision a new number (a rollback to it). */
export function updateControllerRevisionNumber(api: ApiServer, rev: ControllerRevision, revision: number): ControllerRevision {
  if (rev.revision === revision) return rev;
  return api.patch<ControllerRevision>('ControllerRevision', rev.metadata.namespace, rev.metadata.name!, (d) => {
    d.revision = revision;
  });
}

export function deleteControllerRevision(api: ApiServer, rev: ControllerRevision): void {
  if (api.get('ControllerRevision', rev.metadata.namespace, rev.metadata.name!)) {
    api.delete('ControllerRevision', rev.metadata.namespace, rev.metadata.name!);
  }
}
