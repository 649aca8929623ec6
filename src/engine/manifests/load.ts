import { DEFAULT_LIMITS, type PlaygroundLimits } from '../config';
import type { KObject } from '../api/object';
import { parseManifest } from './parse';
import { positionIn, valuePositionIn, type PosNode } from './positions';
import type { LoadedObject, LoadResult, ManifestFile, ManifestProblem } from './types';
import { isPlainObject, validateObject } from './validateSchema';

/**
 * `kubectl apply -f a.yaml -f b.yaml`'s reading step: every file parsed (all documents, `kind: List`
 * items flattened), every object checked against the schema. Objects come back only when they
 * loaded cleanly; every problem comes back with its file, line and column.
 */
export function loadManifests(files: ManifestFile[], limits: PlaygroundLimits = DEFAULT_LIMITS): LoadResult {
  const objects: LoadedObject[] = [];
  const problems: ManifestProblem[] = [];
  let count = 0;
  for (const file of files) {
    const before = problems.length;
    const stop = loadFile(file, limits, objects, problems, () => ++count > limits.maxDocuments);
    // Within a file, problems read top to bottom (YAML errors and schema problems interleaved).
    const mine = problems.splice(before).sort((a, b) => a.line - b.line || a.col - b.col);
    problems.push(...mine);
    if (stop) break;
  }
  return { objects, problems };
}

/** Loads one file into `objects` and `problems`; returns true when the object limit stopped it. */
function loadFile(file: ManifestFile, limits: PlaygroundLimits, objects: LoadedObject[], problems: ManifestProblem[], overLimit: () => boolean): boolean {
  const parsed = parseManifest(file.name, file.text, limits);
  problems.push(...parsed.problems);
  for (const doc of parsed.documents) {
    for (const item of flattenLists(doc.value, doc.pos)) {
      if (overLimit()) {
        problems.push({ file: file.name, line: item.pos.line, col: item.pos.col, message: `too many objects: the playground accepts at most ${limits.maxDocuments}` });
        return true;
      }
      const result = validateObject(item.value, file.name);
      if (result.problems.length || !result.info) {
        for (const p of result.problems) {
          const at = p.at === 'key' ? positionIn(item.pos, p.path) : valuePositionIn(item.pos, p.path);
          problems.push({ file: file.name, line: at.line, col: at.col, message: p.message });
        }
        continue;
      }
      const pos = item.pos;
      const manifest = item.value as KObject;
      objects.push({
        file: file.name,
        docIndex: doc.docIndex,
        line: pos.line,
        col: pos.col,
        object: withoutNulls(manifest) as KObject,
        manifest,
        info: result.info,
        positionOf: (path: string) => positionIn(pos, path),
      });
    }
  }
  return false;
}

/** A `kind: List` (or any `*List` with items) stands for its items, as kubectl's builder flattens it. */
function* flattenLists(value: unknown, pos: PosNode, depth = 0): Generator<{ value: unknown; pos: PosNode }> {
  if (depth < 8 && isPlainObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    const itemsPos = pos.fields?.get('items');
    for (let i = 0; i < value.items.length; i++) yield* flattenLists(value.items[i], itemsPos?.items?.[i] ?? itemsPos ?? pos, depth + 1);
    return;
  }
  yield { value, pos };
}

/**
 * The object as the API server decodes it: a JSON null leaves a field unset, so null-valued keys
 * (`creationTimestamp: null` from `kubectl create --dry-run -o yaml`) disappear.
 */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== null) out[k] = withoutNulls(v[k]);
    return out;
  }
  return v;
}
