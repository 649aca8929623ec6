import type { Node, Taint } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { rfc3339 } from '../../time';
import { getNode } from './nodeConditions';

export function hasTaint(node: Node, key: string, effect: string): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === effect);
}

/**
 * controllerutil.SwapNodeControllerTaint: adds `add` (stamped with timeAdded now) and removes
 * `remove`, matching taints by key and effect, in one write. Returns the node as stored.
 */
export function swapNodeTaints(api: ApiServer, nodeName: string, add: readonly Taint[], remove: readonly Taint[]): Node | undefined {
  const node = getNode(api, nodeName);
  if (!node) return undefined;
  const current = node.spec?.taints ?? [];
  const toAdd = add.filter((a) => !current.some((t) => t.key === a.key && t.effect === a.effect));
  const toRemove = remove.filter((r) => current.some((t) => t.key === r.key && t.effect === r.effect));
  if (toAdd.length === 0 && toRemove.length === 0) return node;
  const now = rfc3339(api.clock.now());
  return api.patch('Node', undefined, nodeName, (d) => {
    d.spec ??= {};
    let taints: Taint[] = (d.spec.taints ?? []).filter((t: Taint) => !toRemove.some((r) => r.key === t.key && r.effect === t.effect));
    taints = [...taints, ...toAdd.map((t) => ({ key: t.key, effect: t.effect, ...(t.value ? { value: t.value } : {}), timeAdded: now }))];
    if (taints.length) d.spec.taints = taints;
    else delete d.spec.taints;
  }) as Node;
}
