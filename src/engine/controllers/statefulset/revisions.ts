import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import type { KObject } from '../../api/object';
import {
  createControllerRevision,
  deleteControllerRevision,
  equalRevision,
  findEqualRevisions,
  listControllerRevisions,
  newControllerRevision,
  nextRevision,
  templateOfRevision,
  templatePatch,
  updateControllerRevisionNumber,
  type ControllerRevision,
} from '../history';
import { statefulSetSettings } from './defaults';
import { podRevision } from './identity';

/** newRevision: a revision holding the set's template patch, labelled like the template, annotated like the set. */
function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set as unknown as KObject, set.spec?.template?.metadata?.labels, templatePatch(set.spec?.template), revision, collisionCount);
  if (set.metadata?.annotations) cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

export interface SetRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
  /** Every revision of the set, sorted, as listed before this sync's changes. */
  all: ControllerRevision[];
}

/**
 * getStatefulSetRevisions (stateful_set_control.go): the update revision is the one matching the
 * set's template now; an equal older revision is renumbered (a rollback), else a new one is
 * created. The current revision is status.currentRevision, or the update revision at first.
 */
export function statefulSetRevisions(api: ApiServer, set: StatefulSet): SetRevisions {
  const all = listControllerRevisions(api, set as unknown as KObject);
  let collisionCount = set.status?.collisionCount ?? 0;
  let update = newRevision(set, nextRevision(all), collisionCount);
  const equal = findEqualRevisions(all, update);
  if (equal.length > 0 && equalRevision(all[all.length - 1], equal[equal.length - 1])) {
    update = all[all.length - 1];
  } else if (equal.length > 0) {
    update = updateControllerRevisionNumber(api, equal[equal.length - 1], update.revision);
  } else {
    ({ revision: update, collisionCount } = createControllerRevision(api, set as unknown as KObject, update, collisionCount));
  }
  const current = all.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount, all };
}

/** ApplyRevision: the set as it was at a revision, i.e. with that revision's pod template. */
export function templateAt(rev: ControllerRevision): PodTemplateSpec {
  return templateOfRevision(rev);
}

/**
 * truncateHistory: revisions that are neither current, update, nor run by a pod are deleted,
 * oldest first, until only revisionHistoryLimit of them remain.
 */
export function truncateHistory(api: ApiServer, set: StatefulSet, pods: readonly Pod[], revs: SetRevisions): void {
  const live = new Set<string>([revs.current.metadata.name!, revs.update.metadata.name!]);
  for (const p of pods) live.add(podRevision(p));
  const history = revs.all.filter((r) => !live.has(r.metadata.name!));
  const limit = statefulSetSettings(set).revisionHistoryLimit;
  if (history.length <= limit) return;
  for (const r of history.slice(0, history.length - limit)) deleteControllerRevision(api, r);
}
