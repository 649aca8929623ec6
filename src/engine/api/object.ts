import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

export type { ObjectMeta, OwnerReference };

/**
 * Any stored Kubernetes object. Controllers narrow it with the kubernetes-types interfaces
 * (`as Pod`); the API server only relies on apiVersion, kind and metadata.
 */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: any;
}

/** Identifies one object: kind plus namespace (empty for cluster-scoped kinds) plus name. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** The store key of an object inside its kind: "namespace/name", or "name" when cluster-scoped. */
export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function objectKey(obj: { metadata: ObjectMeta }): string {
  return keyOf(obj.metadata.namespace, obj.metadata.name!);
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function controllerRef(obj: { metadata: ObjectMeta }): OwnerReference | undefined {
  // A plain loop: the store's indexes call this on every write of every object.
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
}

/** An ownerReference that makes `owner` the managing controller of a dependent. */
export function newControllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function labelsOf(obj: { metadata?: ObjectMeta }): Record<string, string> {
  return obj.metadata?.labels ?? {};
}

export function isBeingDeleted(obj: { metadata: ObjectMeta }): boolean {
  return obj.metadata.deletionTimestamp !== undefined;
}
