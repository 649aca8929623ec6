import { KINDS } from './kinds';
import { controllerRef, type KObject } from './object';
import type { ObjectStore } from './store';

/** Index of every kind: the uid of the controlling owner (who manages this object). */
export const BY_CONTROLLER = 'controllerUid';
/** Index of every kind: the uids of all owners (the garbage collector's dependency graph). */
export const BY_OWNER = 'ownerUid';
/** Index of pods: spec.nodeName ("" while unscheduled). */
export const BY_NODE = 'nodeName';

const controllerUid = (o: KObject): string[] => {
  const r = controllerRef(o);
  return r ? [r.uid] : [];
};
const ownerUids = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export function registerStandardIndexes(store: ObjectStore): void {
  for (const info of KINDS) {
    store.addIndex({ kind: info.kind, name: BY_CONTROLLER, values: controllerUid });
    store.addIndex({ kind: info.kind, name: BY_OWNER, values: ownerUids });
  }
  store.addIndex({ kind: 'Pod', name: BY_NODE, values: (o) => [o.spec?.nodeName ?? ''] });
}
