import type { Job } from 'kubernetes-types/batch/v1';
import { MAX_INT32 } from './constants';

/**
 * The Job fields the controller reads, with SetDefaults_Job's values where the object lacks them
 * (pkg/apis/batch/v1/defaults.go; facts §6): with neither completions nor parallelism both are
 * 1; with only completions, parallelism is 1; only parallelism makes a work-queue Job
 * (completions unset). backoffLimit 6, or MaxInt32 with backoffLimitPerIndex. podReplacementPolicy
 * TerminatingOrFailed, or Failed with a podFailurePolicy.
 */
export interface JobSettings {
  completions: number | undefined;
  parallelism: number;
  backoffLimit: number;
  backoffLimitPerIndex: number | undefined;
  maxFailedIndexes: number | undefined;
  indexed: boolean;
  suspend: boolean;
  activeDeadlineSeconds: number | undefined;
  podReplacementPolicy: 'TerminatingOrFailed' | 'Failed';
  restartPolicy: string;
}

export function jobSettings(job: Job): JobSettings {
  const spec = job.spec ?? ({} as NonNullable<Job['spec']>);
  const completions = spec.completions ?? (spec.parallelism === undefined ? 1 : undefined);
  const indexed = spec.completionMode === 'Indexed';
  const perIndex = indexed ? (spec as any).backoffLimitPerIndex : undefined;
  return {
    completions,
    parallelism: spec.parallelism ?? 1,
    backoffLimit: spec.backoffLimit ?? (perIndex !== undefined ? MAX_INT32 : 6),
    backoffLimitPerIndex: perIndex,
    maxFailedIndexes: indexed ? (spec as any).maxFailedIndexes : undefined,
    indexed,
    suspend: spec.suspend === true,
    activeDeadlineSeconds: spec.activeDeadlineSeconds,
    podReplacementPolicy: (spec as any).podReplacementPolicy ?? (spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed'),
    restartPolicy: spec.template?.spec?.restartPolicy ?? 'Always',
  };
}

/** onlyReplaceFailedPods: new pods only once the old ones are Failed (policy Failed or a podFailurePolicy). */
export function onlyReplaceFailedPods(job: Job): boolean {
  return jobSettings(job).podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;
}

/** hasBackoffLimitPerIndex (JobBackoffLimitPerIndex, GA 1.33). */
export function hasBackoffLimitPerIndex(job: Job): boolean {
  return jobSettings(job).backoffLimitPerIndex !== undefined;
}
