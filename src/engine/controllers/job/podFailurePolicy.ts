import type { Job, PodFailurePolicy } from 'kubernetes-types/batch/v1';
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';

/** What a failed pod means under the Job's podFailurePolicy (pod_failure_policy.go). */
export interface PolicyMatch {
  /** Set when a FailJob rule matched: the reason the whole Job fails. */
  failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit (false for Ignore). */
  countFailed: boolean;
  /** The action of the matching rule, if any. */
  action?: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
}

function exitCodeMatches(code: number, req: { operator: string; values: number[] }): boolean {
  if (req.operator === 'In') return req.values.includes(code);
  if (req.operator === 'NotIn') return !req.values.includes(code);
  return false;
}

/** The first terminated container (app containers, then init containers) with a matching non-zero exit code. */
function matchOnExitCodes(pod: Pod, req: { containerName?: string; operator: string; values: number[] }): ContainerStatus | undefined {
  for (const list of [pod.status?.containerStatuses ?? [], pod.status?.initContainerStatuses ?? []]) {
    for (const s of list) {
      const t = s.state?.terminated;
      if (!t) continue;
      if (req.containerName !== undefined && req.containerName !== s.name) continue;
      if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return s;
    }
  }
  return undefined;
}

function matchOnPodConditions(pod: Pod, patterns: { type: string; status?: string }[]): PodCondition | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) if (c.type === p.type && c.status === (p.status ?? 'True')) return c;
  }
  return undefined;
}

/**
 * matchPodFailurePolicy: the first rule that matches decides. FailJob fails the Job with a message
 * naming the container and exit code (or the pod condition); Ignore does not count the failure;
 * Count counts it as usual; FailIndex marks the index failed (with backoffLimitPerIndex).
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as any;
    let matched: { kind: 'exit'; status: ContainerStatus } | { kind: 'cond'; cond: PodCondition } | undefined;
    if (rule.onExitCodes) {
      const s = matchOnExitCodes(pod, rule.onExitCodes);
      if (s) matched = { kind: 'exit', status: s };
    } else if (rule.onPodConditions) {
      const c = matchOnPodConditions(pod, rule.onPodConditions);
      if (c) matched = { kind: 'cond', cond: c };
    }
    if (!matched) continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'Count':
        return { countFailed: true, action: 'Count' };
      case 'FailIndex':
        return { countFailed: true, action: 'FailIndex' };
      case 'FailJob': {
        const ns = pod.metadata?.namespace;
        const name = pod.metadata?.name;
        const failJobMessage =
          matched.kind === 'exit'
            ? `Container ${matched.status.name} for pod ${ns}/${name} failed with exit code ${matched.status.state!.terminated!.exitCode} matching FailJob rule at index ${index}`
            : `Pod ${ns}/${name} has condition ${matched.cond.type} matching FailJob rule at index ${index}`;
        return { failJobMessage, countFailed: true, action: 'FailJob' };
      }
      default:
        // An unknown action matches nothing (as upstream's switch falls through to the next rule).
        break;
    }
  }
  return { countFailed: true };
}

/** getFailJobMessage: the message of the first failed pod that matches a FailJob rule. */
export function failJobMessage(job: Job, pods: readonly Pod[], isFailed: (p: Pod) => boolean): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isFailed(p)) continue;
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p).failJobMessage;
    if (m) return m;
  }
  return undefined;
}
