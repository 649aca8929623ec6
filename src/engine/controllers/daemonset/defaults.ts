import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { scaledValue } from '../../api/intstr';

/**
 * The DaemonSet fields the controller reads, with SetDefaults_DaemonSet's values where the
 * object lacks them (pkg/apis/apps/v1/defaults.go): RollingUpdate with maxUnavailable 1 and
 * maxSurge 0, revisionHistoryLimit 10.
 */
export interface DaemonSetSettings {
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  maxUnavailable: number | string;
  maxSurge: number | string;
  revisionHistoryLimit: number;
  minReadySeconds: number;
}

export function daemonSetSettings(ds: DaemonSet): DaemonSetSettings {
  const strategy = ds.spec?.updateStrategy;
  return {
    updateStrategy: strategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate',
    maxUnavailable: strategy?.rollingUpdate?.maxUnavailable ?? 1,
    maxSurge: strategy?.rollingUpdate?.maxSurge ?? 0,
    revisionHistoryLimit: ds.spec?.revisionHistoryLimit ?? 10,
    minReadySeconds: ds.spec?.minReadySeconds ?? 0,
  };
}

/** util.UnavailableCount: maxUnavailable of the desired number, percentages rounded up. */
export function unavailableCount(ds: DaemonSet, desired: number): number {
  const s = daemonSetSettings(ds);
  if (s.updateStrategy !== 'RollingUpdate') return 0;
  return scaledValue(s.maxUnavailable, desired, true);
}

/** util.SurgeCount: maxSurge of the desired number, percentages rounded up. */
export function surgeCount(ds: DaemonSet, desired: number): number {
  const s = daemonSetSettings(ds);
  if (s.updateStrategy !== 'RollingUpdate') return 0;
  return scaledValue(s.maxSurge, desired, true);
}

/** util.AllowsSurge: a rolling update with a non-zero maxSurge. */
export function allowsSurge(ds: DaemonSet): boolean {
  const s = daemonSetSettings(ds);
  if (s.updateStrategy !== 'RollingUpdate') return false;
  const v = s.maxSurge;
  return typeof v === 'number' ? v > 0 : v !== '0' && v !== '0%' && v !== '';
}
