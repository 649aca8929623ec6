import { withoutNulls } from './load';
import { isPlainObject } from './validateSchema';

type Obj = Record<string, unknown>;

/**
 * kubectl apply's three-way merge: from the last-applied configuration (`original`), the new
 * manifest (`modified`) and the live object (`current`), the object to write.
 *
 * - a field the manifest sets is set (and nested maps merge recursively);
 * - a field in the last-applied configuration that the manifest no longer has is removed;
 * - a field neither mentions is kept: someone else owns it (replicas after `kubectl scale`,
 *   status, server-set metadata).
 *
 * This is CreateThreeWayJSONMergePatch (JSON merge patch, RFC 7386) applied to the live object,
 * which kubectl uses for custom resources. For built-in kinds kubectl uses a strategic merge
 * patch instead, which merges some lists item by item (containers by name, ports by port); here
 * every list is replaced whole, so list items that others changed are reset to the manifest's.
 */
export function threeWayMerge(original: Obj | undefined, modified: Obj, current: Obj): Obj {
  const out: Obj = { ...current };
  for (const k of Object.keys(modified)) {
    const m = modified[k];
    if (m === null) {
      // An explicit null deletes only what was applied before (the patch from original to modified).
      if (original && original[k] !== undefined && original[k] !== null) delete out[k];
      continue;
    }
    const cur = current[k];
    if (isPlainObject(m) && isPlainObject(cur)) {
      const orig = original?.[k];
      out[k] = threeWayMerge(isPlainObject(orig) ? orig : undefined, m, cur);
    } else out[k] = withoutNulls(m);
  }
  if (original) {
    for (const k of Object.keys(original)) if (!Object.hasOwn(modified, k)) delete out[k];
  }
  return out;
}
