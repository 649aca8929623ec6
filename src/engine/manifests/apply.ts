import type { ApiServer, WriteOptions } from '../api/apiServer';
import { ApiError } from '../api/errors';
import { resourceName, type KindInfo } from '../api/kinds';
import type { KObject } from '../api/object';
import type { PlaygroundLimits } from '../config';
import { LAST_APPLIED, withLastApplied } from './lastApplied';
import { loadManifests, withoutNulls } from './load';
import { threeWayMerge } from './threeWayMerge';
import type { ApplyResult, LoadedObject, ManifestFile, ManifestProblem } from './types';
import { isPlainObject } from './validateSchema';

export interface ApplyOptions {
  dryRun?: 'client' | 'server';
  limits?: PlaygroundLimits;
  /** The namespace kubectl works in (`-n`, else the context's; "default"): where objects without one go. */
  namespace?: string;
  /** `-n` was given: an object naming another namespace is refused, as kubectl does. */
  enforceNamespace?: boolean;
}

type Verb = 'created' | 'configured' | 'unchanged';

interface Outcome {
  verb: Verb;
  /** kubectl's warning when the live object was not created by apply. */
  warning?: string;
}

/**
 * `kubectl apply -f` for one or more files, all or nothing up to the commit:
 * 1. any problem reading or checking the files → exit 2, nothing applied;
 * 2. a server-side dry run of every object in order (a Namespace earlier in the batch counts as
 *    existing) → any refusal is reported, with positions, and nothing is applied (exit 2);
 * 3. the commit, in order: create with the last-applied-configuration annotation, or the
 *    three-way merge for an object that exists. A refusal now (rare: a quota used up by an earlier
 *    object) is kubectl's "Error from server" line and exit 1; objects before it stay applied.
 * `dryRun: 'client'` skips the server's checks and changes nothing; `'server'` stops after step 2.
 */
export function applyManifests(api: ApiServer, files: ManifestFile[], opts: ApplyOptions = {}): ApplyResult {
  const loaded = loadManifests(files, opts.limits);
  // Every problem at once: documents that read cleanly still go through the server's checks
  // even when another document is broken (nothing is applied either way).
  const problems: ManifestProblem[] = [...loaded.problems];
  const inFileOrder = () => {
    const order = new Map(files.map((f, i) => [f.name, i]));
    return [...problems].sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.col - b.col);
  };
  const namespace = opts.namespace || 'default';
  const items = loaded.objects.map((lo) => ({ lo, manifest: withNamespace(lo.manifest, lo.info, namespace) }));
  const refusedByClient = new Set<LoadedObject>();
  for (const { lo, manifest } of items) {
    const meta = manifest.metadata ?? {};
    if (opts.enforceNamespace && lo.info.namespaced && meta.namespace !== namespace) {
      const at = lo.positionOf('metadata.namespace');
      const message = `the namespace from the provided object "${meta.namespace}" does not match the namespace "${namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`;
      problems.push({ file: lo.file, line: at.line, col: at.col, message });
      refusedByClient.add(lo);
    }
    if (meta.name) continue;
    refusedByClient.add(lo);
    const at = lo.positionOf('metadata.name');
    const message = meta.generateName ? `from ${lo.file}: cannot use generate name with apply` : `resource name may not be empty`;
    problems.push({ file: lo.file, line: at.line, col: at.col, message });
  }
  if (problems.length && opts.dryRun === 'client') return { lines: [], problems: inFileOrder(), exitCode: 2 };

  if (opts.dryRun === 'client') {
    // kubectl --dry-run=client sends nothing: it only reads the live objects to word its output.
    const lines = items.map(({ lo, manifest }) => {
      let outcome: Outcome;
      try {
        outcome = applyOne(api, manifest, lo.info, { dryRun: true });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        outcome = { verb: api.get(lo.info.kind, manifest.metadata.namespace, manifest.metadata.name!) ? 'configured' : 'created' };
      }
      return `${ref(lo.info, manifest)} ${outcome.verb} (dry run)`;
    });
    return { lines, problems: [], exitCode: 0 };
  }

  const pendingNamespaces = new Set<string>();
  const dryOutcomes: Outcome[] = [];
  for (const { lo, manifest } of items) {
    if (refusedByClient.has(lo)) continue;
    try {
      dryOutcomes.push(applyOne(api, manifest, lo.info, { dryRun: true, pendingNamespaces }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      problems.push(...problemsOf(err, lo, manifest, api));
    }
    if (lo.info.kind === 'Namespace') pendingNamespaces.add(manifest.metadata.name!);
  }
  if (problems.length) return { lines: [], problems: inFileOrder(), exitCode: 2 };

  if (opts.dryRun === 'server') {
    const lines = items.flatMap(({ lo, manifest }, i) => [...warnings(dryOutcomes[i]), `${ref(lo.info, manifest)} ${dryOutcomes[i].verb} (server dry run)`]);
    return { lines, problems: [], exitCode: 0 };
  }

  const lines: string[] = [];
  const errors: string[] = [];
  for (const { lo, manifest } of items) {
    try {
      const outcome = applyOne(api, manifest, lo.info, {});
      lines.push(...warnings(outcome), `${ref(lo.info, manifest)} ${outcome.verb}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const refused = problemsOf(err, lo, manifest, api);
      problems.push(...refused);
      errors.push(...new Set(refused.map((p) => p.message)));
    }
  }
  return { lines: [...lines, ...errors], problems, exitCode: errors.length ? 1 : 0 };
}

/** Namespaced objects without a namespace go to kubectl's namespace, which it writes into the object. */
function withNamespace(manifest: KObject, info: KindInfo, namespace: string): KObject {
  if (!info.namespaced || (isPlainObject(manifest.metadata) && manifest.metadata.namespace)) return manifest;
  return { ...manifest, metadata: { ...(isPlainObject(manifest.metadata) ? manifest.metadata : {}), namespace } };
}

function ref(info: KindInfo, manifest: KObject): string {
  return `${resourceName(info)}/${manifest.metadata.name}`;
}

function warnings(o: Outcome): string[] {
  return o.warning ? [o.warning] : [];
}

/** One object: create it, or merge it into the live one. Throws the server's ApiError. */
function applyOne(api: ApiServer, manifest: KObject, info: KindInfo, opts: WriteOptions): Outcome {
  const body = withLastApplied(manifest);
  const namespace = info.namespaced ? manifest.metadata.namespace : undefined;
  const live = api.get(info.kind, namespace, manifest.metadata.name!);
  if (!live) {
    api.create(withoutNulls(body) as KObject, opts);
    return { verb: 'created' };
  }
  const annotation = live.metadata.annotations?.[LAST_APPLIED];
  const original = annotation === undefined ? undefined : parseJsonObject(annotation);
  const merged = threeWayMerge(original, body as Record<string, unknown>, live as Record<string, unknown>) as KObject;
  // The API server answers an update that changes nothing with the stored object itself.
  const result = api.update(merged, opts);
  const warning =
    annotation === undefined
      ? `Warning: resource ${info.plural}/${manifest.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. ` +
        'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. ' +
        'The missing annotation will be patched automatically.'
      : undefined;
  return { verb: result === live ? 'unchanged' : 'configured', warning };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isPlainObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A refusal as kubectl prints it, positioned: Invalid errors give one problem per cause at the
 * cause's field ("The Deployment \"web\" is invalid: spec.replicas: ..."); others are
 * "Error from server (Reason): error when creating \"file\": message".
 */
function problemsOf(err: ApiError, lo: LoadedObject, manifest: KObject, api: ApiServer): ManifestProblem[] {
  const at = (field: string) => lo.positionOf(field);
  const problem = (pos: { line: number; col: number }, message: string): ManifestProblem => ({ file: lo.file, line: pos.line, col: pos.col, message });
  if (err.reason === 'Invalid' && err.details && err.causes.length) {
    return err.causes.map((c) => problem(at(c.field), `The ${err.details!.kind} "${err.details!.name}" is invalid: ${c.toString()}`));
  }
  const exists = api.get(lo.info.kind, lo.info.namespaced ? manifest.metadata.namespace : undefined, manifest.metadata.name!) !== undefined;
  const verb = exists ? `applying patch to "${lo.file}"` : `creating "${lo.file}"`;
  const pos = err.reason === 'NotFound' && err.message.startsWith('namespaces ') ? at('metadata.namespace') : { line: lo.line, col: lo.col };
  return [problem(pos, `Error from server (${err.reason}): error when ${verb}: ${err.message}`)];
}
