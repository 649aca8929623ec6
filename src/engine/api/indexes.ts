import { KINDS } from './kinds';
import { controllerRef, type KObject } from './object';
import type { ObjectStore } from './store';

/** Index of every kind: the uid of the controlling owner (who manages this object). */
export const BY_CONTROLLER = 'controllerUid';
/** Index of every kind: the uids of all owners (the garbage collector's dependency graph). */
export const BY_OWNER = 'ownerUid';
/** Index of pods: spec.nodeName ("" while unscheduled). */
export const BY_NODE = 'nodeName';

/** Shared by every object without owners (most writes): no array allocated for them. */
const NONE: readonly string[] = Object.freeze([]);

const controllerUid = (o: KObject): readonly string[] => {
  const r = controllerRef(o);
  return r ? [r.uid] : NONE;
};
const ownerUids = (o: KObject): readonly string[] => {
  const refs = o.metadata.ownerReferences;
  return refs && refs.length ? refs.map((r) => r.uid) : NONE;
};

export function registerStandardIndexes(store: ObjectStore): void {
  for (const info of KINDS) {
    store.addIndex({ kind: info.kind, name: BY_CONTROLLER, values: controllerUid });
    store.addIndex({ kind: info.kind, name: BY_OWNER, values: ownerUids });
  }
  store.addIndex({ kind: 'Pod', name: BY_NODE, values: (o) => [o.spec?.nodeName ?? ''] });
}
