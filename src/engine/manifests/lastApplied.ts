import type { KObject } from '../api/object';
import { isPlainObject } from './validateSchema';

/** kubectl's record of what was last applied, read by the next apply's three-way merge. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * JSON as Go's json.Encoder writes it for an unstructured object: keys sorted, compact, and the
 * HTML-sensitive characters and line separators escaped (<, >, & as \u003c, \u003e, \u0026).
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${goString(k)}:${goJson(o[k])}`).join(',')}}`;
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The annotation's value for a manifest (apply.GetModifiedConfiguration): the manifest without
 * the annotation itself, its annotations map present even when empty (`"annotations":{}`), the
 * namespace kubectl filled in, encoded as above with the Encoder's trailing newline.
 */
export function lastAppliedConfiguration(manifest: KObject): string {
  const metadata = isPlainObject(manifest.metadata) ? { ...manifest.metadata } : {};
  const annotations = isPlainObject(metadata.annotations) ? { ...(metadata.annotations as Record<string, string>) } : {};
  delete annotations[LAST_APPLIED];
  metadata.annotations = annotations;
  return `${goJson({ ...manifest, metadata })}\n`;
}

/** The manifest with the last-applied annotation set: what apply sends. */
export function withLastApplied(manifest: KObject): KObject {
  const config = lastAppliedConfiguration(manifest);
  const metadata = isPlainObject(manifest.metadata) ? manifest.metadata : {};
  return { ...manifest, metadata: { ...metadata, annotations: { ...(isPlainObject(metadata.annotations) ? metadata.annotations : {}), [LAST_APPLIED]: config } } };
}
