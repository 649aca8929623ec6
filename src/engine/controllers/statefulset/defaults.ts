import type { StatefulSet } from 'kubernetes-types/apps/v1';

/**
 * The StatefulSet fields the controller reads, with SetDefaults_StatefulSet's values where the
 * object lacks them (pkg/apis/apps/v1/defaults.go; facts §4): 1 replica, OrderedReady,
 * RollingUpdate with partition 0 and maxUnavailable 1, 10 revisions, PVCs retained.
 */
export interface StatefulSetSettings {
  replicas: number;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  partition: number;
  maxUnavailable: number | string;
  revisionHistoryLimit: number;
  minReadySeconds: number;
  whenDeleted: 'Retain' | 'Delete';
  whenScaled: 'Retain' | 'Delete';
  startOrdinal: number;
}

export function statefulSetSettings(set: StatefulSet): StatefulSetSettings {
  const spec = set.spec;
  const strategy = spec?.updateStrategy;
  const policy = spec?.persistentVolumeClaimRetentionPolicy;
  return {
    replicas: spec?.replicas ?? 1,
    podManagementPolicy: spec?.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady',
    updateStrategy: strategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate',
    partition: strategy?.rollingUpdate?.partition ?? 0,
    maxUnavailable: strategy?.rollingUpdate?.maxUnavailable ?? 1,
    revisionHistoryLimit: spec?.revisionHistoryLimit ?? 10,
    minReadySeconds: spec?.minReadySeconds ?? 0,
    whenDeleted: policy?.whenDeleted === 'Delete' ? 'Delete' : 'Retain',
    whenScaled: policy?.whenScaled === 'Delete' ? 'Delete' : 'Retain',
    startOrdinal: spec?.ordinals?.start ?? 0,
  };
}
