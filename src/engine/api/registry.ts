import type { ApiServer } from './apiServer';
import type { ClusterConfig } from '../config';
import { registerStrategies } from './strategies';
import { registerAdmissionPlugins } from './admission';

/** Installs every kind's registry strategy and the admission chain on an API server. */
export function registerApiBehaviour(api: ApiServer, config: ClusterConfig): void {
  registerStrategies(api, config);
  registerAdmissionPlugins(api, config);
}
