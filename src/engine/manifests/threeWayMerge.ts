import { MERGED_SCALAR_LISTS, mergeKeyOf } from '../api/mergeKeys';
import { withoutNulls } from './load';
import { isPlainObject } from './validateSchema';

type Obj = Record<string, unknown>;

/**
 * kubectl apply's three-way strategic merge: from the last-applied configuration (`original`),
 * the new manifest (`modified`) and the live object (`current`), the object to write.
 *
 * - a field the manifest sets is set (and nested maps merge recursively);
 * - a field in the last-applied configuration that the manifest no longer has is removed;
 * - a field neither mentions is kept: someone else owns it (replicas after `kubectl scale`,
 *   status, server-set metadata);
 * - lists the Go types tag with a merge key (containers and volumes by name, a container's ports
 *   by containerPort, a Service's by port, ...) merge item by item by the same three rules, so
 *   items others added (the service-account token volume, a nodePort the server allocated) stay;
 *   other lists are replaced whole. This is CreateThreeWayMergePatch applied to the live object.
 *   The live order is kept and new items go last.
 */
export function threeWayMerge(original: Obj | undefined, modified: Obj, current: Obj, field = ''): Obj {
  const out: Obj = { ...current };
  for (const k of Object.keys(modified)) {
    const m = modified[k];
    if (m === null) {
      // An explicit null deletes only what was applied before (the patch from original to modified).
      if (original && original[k] !== undefined && original[k] !== null) delete out[k];
      continue;
    }
    const cur = current[k];
    const orig = original?.[k];
    if (isPlainObject(m) && isPlainObject(cur)) out[k] = threeWayMerge(isPlainObject(orig) ? orig : undefined, m, cur, k);
    else if (Array.isArray(m) && Array.isArray(cur)) out[k] = mergeList(k, field, Array.isArray(orig) ? orig : undefined, m, cur);
    else out[k] = withoutNulls(m);
  }
  if (original) {
    for (const k of Object.keys(original)) if (!Object.hasOwn(modified, k)) delete out[k];
  }
  return out;
}

function mergeList(field: string, parent: string, original: unknown[] | undefined, modified: unknown[], current: unknown[]): unknown[] {
  if (MERGED_SCALAR_LISTS.has(field)) {
    const dropped = (original ?? []).filter((v) => !modified.includes(v));
    const out = current.filter((v) => !dropped.includes(v));
    for (const v of modified) if (!out.includes(v)) out.push(v);
    return out;
  }
  const key = mergeKeyOf(field, parent);
  const keyed = (list: unknown[]): list is Obj[] => list.every((i) => isPlainObject(i) && i[key!] !== undefined && i[key!] !== null);
  if (!key || !keyed(modified) || !keyed(current)) return withoutNulls(modified) as unknown[];
  const origItems = original && keyed(original) ? original : [];
  const find = (list: Obj[], v: unknown) => list.find((i) => i[key] === v);
  const out: unknown[] = [];
  for (const c of current) {
    const mine = find(modified, c[key]);
    const before = find(origItems, c[key]);
    if (mine) out.push(threeWayMerge(before, mine, c, field));
    else if (!before) out.push(c); // someone else's item
    // else: applied before and dropped from the manifest now: deleted
  }
  for (const mine of modified) if (!find(current, mine[key])) out.push(withoutNulls(mine));
  return out;
}
