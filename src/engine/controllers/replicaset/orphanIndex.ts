import { controllerRef, type KObject } from '../../api/object';
import type { ObjectStore } from '../../api/store';

/**
 * Index of objects with no controller, keyed by namespace: upstream indexes orphaned pods under
 * their namespace in the pod informer's controllerUID index (controller.OrphanPodIndexKeyForNamespace)
 * so that a ReplicaSet finds adoption candidates without listing every pod. Registered on
 * Pods (for ReplicaSets and ReplicationControllers) and ReplicaSets (for Deployments).
 */
export const ORPHANS_BY_NAMESPACE = 'podscape.io/orphansByNamespace';

const orphanNamespace = (o: KObject): string[] => (controllerRef(o) ? [] : [o.metadata.namespace ?? '']);

export function registerOrphanIndex(store: ObjectStore, kind: string): void {
  store.addIndex({ kind, name: ORPHANS_BY_NAMESPACE, values: orphanNamespace });
}
