import type { Job } from 'kubernetes-types/batch/v1';
import { parseIndexes, total, type Intervals } from './intervals';

/** matchSucceededIndexesRule: how many of the rule's indexes succeeded, against all of them or succeededCount. */
function matchSucceededIndexesRule(rule: Intervals, succeeded: Intervals, succeededCount: number | undefined): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < rule.length && s < succeeded.length) {
    const overlap = Math.min(rule[r].last, succeeded[s].last) - Math.max(rule[r].first, succeeded[s].first) + 1;
    if (overlap > 0) contains += overlap;
    if (succeeded[s].last < rule[r].last) s++;
    else if (succeeded[s].last > rule[r].last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === total(rule) || (succeededCount !== undefined && contains >= succeededCount);
}

/**
 * matchSuccessPolicy (success_policy.go, JobSuccessPolicy GA 1.33): the first rule satisfied by
 * the succeeded indexes; the message names its position, "Matched rules at index 0".
 */
export function matchSuccessPolicy(job: Job, completions: number, succeeded: Intervals): string | undefined {
  const policy = (job.spec as any)?.successPolicy as { rules?: { succeededIndexes?: string; succeededCount?: number }[] } | undefined;
  if (!policy || succeeded.length === 0) return undefined;
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    if (rule.succeededIndexes !== undefined) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && total(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
