import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { ApiError } from '../../api/errors';
import { newControllerRef, type KObject } from '../../api/object';
import { computeHash } from '../hash';
import {
  deleteControllerRevision,
  listControllerRevisions,
  POD_REVISION_LABEL,
  templatePatch,
  type ControllerRevision,
} from '../history';
import { daemonSetSettings } from './defaults';

/** Match: the revision stores exactly the DaemonSet's current template. */
export function matchesRevision(ds: DaemonSet, rev: ControllerRevision): boolean {
  return deepEqual(templatePatch(ds.spec?.template), rev.data);
}

function maxRevision(revs: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revs) if (r.revision > max) max = r.revision;
  return max;
}

/**
 * constructHistory (pkg/controller/daemon/update.go): splits the DaemonSet's revisions into the
 * one matching its template (created if missing, named "<ds>-<hash>") and the old ones, and
 * makes sure the current one carries the highest revision number.
 */
export function constructHistory(api: ApiServer, ds: DaemonSet, pods: readonly Pod[]): { cur: ControllerRevision; old: ControllerRevision[] } {
  const owner = ds as unknown as KObject;
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let rev of listControllerRevisions(api, owner)) {
    if (!rev.metadata.labels?.[POD_REVISION_LABEL]) {
      // Legacy revisions without the hash label get their name as label, as upstream does.
      rev = api.patchMetadata<ControllerRevision>('ControllerRevision', rev.metadata.namespace, rev.metadata.name!, (m) => {
        m.labels = { ...(m.labels ?? {}), [POD_REVISION_LABEL]: rev.metadata.name! };
      });
    }
    (matchesRevision(ds, rev) ? current : old).push(rev);
  }
  const currRevision = maxRevision(old) + 1;
  let cur: ControllerRevision;
  if (current.length === 0) {
    cur = snapshot(api, ds, currRevision);
  } else {
    cur = dedupCurHistories(api, current, pods);
    if (cur.revision < currRevision) {
      cur = api.patch<ControllerRevision>('ControllerRevision', cur.metadata.namespace, cur.metadata.name!, (d) => {
        d.revision = currRevision;
      });
    }
  }
  return { cur, old };
}

/** dedupCurHistories: keeps the highest-numbered duplicate, relabels pods to it, deletes the rest. */
function dedupCurHistories(api: ApiServer, revs: ControllerRevision[], pods: readonly Pod[]): ControllerRevision {
  if (revs.length === 1) return revs[0];
  let keep = revs[0];
  for (const r of revs) if (r.revision >= keep.revision) keep = r;
  const hash = keep.metadata.labels![POD_REVISION_LABEL];
  for (const pod of pods) {
    if (pod.metadata?.labels?.[POD_REVISION_LABEL] !== hash) {
      api.patchMetadata('Pod', pod.metadata!.namespace, pod.metadata!.name!, (m) => {
        m.labels = { ...(m.labels ?? {}), [POD_REVISION_LABEL]: hash };
      });
    }
  }
  for (const r of revs) if (r !== keep) deleteControllerRevision(api, r);
  return keep;
}

/**
 * snapshot: a new ControllerRevision "<ds>-<hash>" of the template. The hash is computeHash of
 * the template and status.collisionCount; if the name is taken by a different revision the
 * collision count goes up and the sync is retried.
 */
function snapshot(api: ApiServer, ds: DaemonSet, revision: number): ControllerRevision {
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  const name = `${ds.metadata!.name}-${hash}`;
  const ns = ds.metadata!.namespace;
  const existing = api.get<ControllerRevision>('ControllerRevision', ns, name);
  if (existing) {
    if (matchesRevision(ds, existing)) return existing;
    api.patchStatus('DaemonSet', ns, ds.metadata!.name!, (d: any) => {
      d.status ??= {};
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
    });
    throw new ApiError('AlreadyExists', `controllerrevisions.apps "${name}" already exists`);
  }
  return api.create<ControllerRevision>({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [POD_REVISION_LABEL]: hash },
      ...(ds.metadata?.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds as unknown as KObject)],
    },
    data: templatePatch(ds.spec?.template),
    revision,
  });
}

/**
 * cleanupHistory: deletes old revisions beyond revisionHistoryLimit, oldest first, never one
 * that a live pod still runs.
 */
export function cleanupHistory(api: ApiServer, ds: DaemonSet, old: ControllerRevision[], pods: readonly Pod[]): void {
  let toKill = old.length - daemonSetSettings(ds).revisionHistoryLimit;
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const p of pods) {
    const h = p.metadata?.labels?.[POD_REVISION_LABEL];
    if (h) live.add(h);
  }
  const sorted = [...old].sort((a, b) => a.revision - b.revision);
  for (const rev of sorted) {
    if (toKill <= 0) break;
    if (live.has(rev.metadata.labels?.[POD_REVISION_LABEL] ?? '')) continue;
    deleteControllerRevision(api, rev);
    toKill--;
  }
}
