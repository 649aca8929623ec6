/**
 * The lists that strategic merge (kubectl apply, kubectl patch) merges item by item: those the
 * Kubernetes Go types tag `patchStrategy:"merge"`, with their `patchMergeKey`. Every other list is
 * atomic and replaced whole.
 */

/**
 * The merge key of list `field`, found inside the object held by `parent` (the field name that
 * leads to it): a container's `ports` merge by containerPort, a ServiceSpec's by port.
 */
export function mergeKeyOf(field: string, parent: string): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'env':
    case 'resourceClaims':
    case 'schedulingGates':
      return 'name';
    case 'ports':
      if (parent === 'spec') return 'port';
      return parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers' ? 'containerPort' : undefined;
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
  }
  return undefined;
}

/** Lists of scalars that merge as sets (ObjectMeta.finalizers). */
export const MERGED_SCALAR_LISTS: ReadonlySet<string> = new Set(['finalizers']);
