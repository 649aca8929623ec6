/** Manifests in: YAML with positions, schema checks, and `kubectl apply`. */
export { applyManifests, type ApplyOptions } from './apply';
export { loadManifests } from './load';
export { LAST_APPLIED, lastAppliedConfiguration } from './lastApplied';
export { formatProblem, type ApplyResult, type LoadedObject, type LoadResult, type ManifestFile, type ManifestProblem } from './types';
