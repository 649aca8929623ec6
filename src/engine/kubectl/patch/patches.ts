/**
 * The three patch types of `kubectl patch` (apimachinery's strategicpatch, jsonpatch and RFC 7386
 * merge patch), over plain JSON values. Strategic merge patch merges lists by the merge keys the
 * Kubernetes Go types declare (`patchMergeKey`); lists without one are replaced.
 */

import { MERGED_SCALAR_LISTS, mergeKeyOf } from '../../api/mergeKeys';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export class PatchError extends Error {}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge, null removes a key, anything else (arrays too) replaces. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function strategicList(field: string, parent: string, original: Json[] | undefined, patch: Json[]): Json[] {
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObject(p) && p.$patch === 'replace'));
  const key = mergeKeyOf(field, parent);
  if (MERGED_SCALAR_LISTS.has(field)) {
    const out = [...(original ?? [])];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  if (!key || !patch.every(isObject)) return patch.filter((p) => !(isObject(p) && p.$patch === 'delete'));
  const out: Json[] = [...(original ?? [])];
  for (const item of patch as JsonObject[]) {
    if (!(key in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const at = out.findIndex((o) => isObject(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) out[at] = strategicMerge(out[at], item, field);
    else out.push(strategicMerge(undefined, item, field));
  }
  return out;
}

/** Strategic merge patch: objects merge, null removes a key, lists merge by their merge key. */
export function strategicMerge(original: Json | undefined, patch: Json, field = ''): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return rest;
  }
  if (patch.$patch === 'delete') return null;
  const out: JsonObject = isObject(original) ? { ...original } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k.startsWith('$setElementOrder/') || k === '$retainKeys') continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = strategicList(k, field, Array.isArray(out[k]) ? (out[k] as Json[]) : undefined, v);
    else if (isObject(v)) out[k] = strategicMerge(out[k], v, k);
    else out[k] = v;
  }
  // $retainKeys: fields of the original the patch does not list are cleared (a union's other members).
  if (Array.isArray(patch.$retainKeys)) for (const k of Object.keys(out)) if (!patch.$retainKeys.includes(k)) delete out[k];
  return out;
}

/** RFC 6901 pointer segments. */
function pointer(path: unknown): string[] {
  if (typeof path !== 'string') throw new PatchError('missing path');
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`JSON pointer must be empty or start with a "/"`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone<T extends Json>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function parentOf(doc: Json, segs: string[], op: string, path: string): { container: JsonObject | Json[]; last: string } {
  let cur: Json = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObject(cur)) cur = cur[s];
    else cur = undefined as unknown as Json;
    if (cur === undefined || cur === null) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { container: cur, last: segs[segs.length - 1] };
}

function getAt(doc: Json, path: string, op: string): Json {
  let cur: Json = doc;
  for (const s of pointer(path)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(s)] : isObject(cur) ? cur[s] : undefined;
    if (next === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return cur;
}

function arrayIndex(arr: Json[], last: string, op: string, path: string, forAdd: boolean): number {
  if (forAdd && last === '-') return arr.length;
  const i = Number(last);
  if (!/^\d+$/.test(last) || i > arr.length || (!forAdd && i === arr.length)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return i;
}

function addAt(doc: Json, path: string, value: Json, op: string): Json {
  const segs = pointer(path);
  if (segs.length === 0) return value;
  const { container, last } = parentOf(doc, segs, op, path);
  if (Array.isArray(container)) container.splice(arrayIndex(container, last, op, path, true), 0, value);
  else container[last] = value;
  return doc;
}

function removeAt(doc: Json, path: string, op: string): Json {
  const segs = pointer(path);
  const { container, last } = parentOf(doc, segs, op, path);
  if (Array.isArray(container)) container.splice(arrayIndex(container, last, op, path, false), 1);
  else {
    if (!(last in container)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    delete container[last];
  }
  return doc;
}

/** RFC 6902 JSON patch: add, remove, replace, move, copy and test, applied in order. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const raw of ops) {
    if (!isObject(raw)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = String(raw.op ?? '');
    const path = raw.path as string;
    switch (op) {
      case 'add':
        doc = addAt(doc, path, clone(raw.value ?? null), op);
        break;
      case 'remove':
        doc = removeAt(doc, path, op);
        break;
      case 'replace':
        getAt(doc, path, op);
        doc = removeAt(doc, path, op);
        doc = addAt(doc, path, clone(raw.value ?? null), op);
        break;
      case 'move':
      case 'copy': {
        const value = clone(getAt(doc, raw.from as string, op));
        if (op === 'move') doc = removeAt(doc, raw.from as string, op);
        doc = addAt(doc, path, value, op);
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(doc, path, op)) !== JSON.stringify(raw.value)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}
