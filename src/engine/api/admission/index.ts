import type { ApiServer } from '../apiServer';
import type { ClusterConfig } from '../../config';
import { defaultIngressClassPlugin } from './defaultIngressClass';
import { defaultTolerationSecondsPlugin } from './defaultTolerationSeconds';
import { limitRangerPlugin } from './limitRanger';
import { playgroundLimitsPlugin } from './playgroundLimits';
import { priorityPlugin } from './priority';
import { resourceQuotaPlugin } from './resourceQuota';
import { serviceAccountPlugin } from './serviceAccount';
import { defaultStorageClassPlugin, persistentVolumeClaimResizePlugin, storageObjectInUseProtectionPlugin } from './storageAdmission';

/**
 * Registers the admission chain in upstream's order (kube-apiserver's AllOrderedPlugins, the
 * default-enabled ones; NamespaceLifecycle's checks live in the API server itself), then
 * Podscape's PlaygroundLimits last. The API server runs every mutate in this order, then every
 * validate.
 */
export function registerAdmissionPlugins(api: ApiServer, config: ClusterConfig): void {
  for (const p of [
    limitRangerPlugin(),
    serviceAccountPlugin(),
    priorityPlugin(),
    defaultTolerationSecondsPlugin(),
    defaultStorageClassPlugin(),
    storageObjectInUseProtectionPlugin(),
    persistentVolumeClaimResizePlugin(),
    defaultIngressClassPlugin(),
    resourceQuotaPlugin(),
    playgroundLimitsPlugin(config.limits),
  ]) {
    api.registerAdmission(p);
  }
}
