import type { Pod } from 'kubernetes-types/core/v1';
import type { ControllerContext } from '../controllers/controller';
import { rfc3339 } from '../time';
import { DEFAULT_SCHEDULER_NAME } from './framework';
import type { PodInfo } from './podInfo';
import type { Candidate } from './preemption';

/**
 * updatePod: writes the PodScheduled condition (and nominatedNodeName) of a pending pod, only
 * when they change; the transition time moves only when the status does.
 */
export function patchScheduledCondition(cc: ControllerContext, pod: Pod, reason: string, message: string, nominatedNodeName?: string): void {
  const api = cc.api;
  const current = api.store.getByKey('Pod', `${pod.metadata!.namespace}/${pod.metadata!.name}`);
  if (!current || current.metadata.uid !== pod.metadata!.uid || current.spec?.nodeName) return;
  const old = (current.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
  const conditionSame = old && old.status === 'False' && old.reason === reason && old.message === message;
  const nnnSame = nominatedNodeName === undefined || (current.status?.nominatedNodeName ?? '') === nominatedNodeName;
  if (conditionSame && nnnSame) return;
  const now = rfc3339(cc.clock.now());
  api.patchStatus('Pod', current.metadata.namespace, current.metadata.name!, (d: any) => {
    d.status ??= {};
    const conds = (d.status.conditions ??= []);
    const i = conds.findIndex((c: any) => c.type === 'PodScheduled');
    const cond: Record<string, unknown> = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: i >= 0 && conds[i].status === 'False' ? conds[i].lastTransitionTime : now,
      reason,
      message,
    };
    if (current.metadata.generation !== undefined) cond.observedGeneration = current.metadata.generation;
    if (i >= 0) conds[i] = cond;
    else conds.push(cond);
    if (nominatedNodeName !== undefined) {
      if (nominatedNodeName) d.status.nominatedNodeName = nominatedNodeName;
      else delete d.status.nominatedNodeName;
    }
  });
}

/**
 * prepareCandidate: marks each victim with a DisruptionTarget condition, deletes it and tells
 * it why; lower-priority pods nominated to the same node lose their nomination.
 */
export function evictVictims(cc: ControllerContext, preemptor: PodInfo, c: Candidate, nominatedHere: Map<string, PodInfo> | undefined): void {
  const api = cc.api;
  const now = rfc3339(cc.clock.now());
  for (const v of c.victims) {
    const current = api.store.getByKey('Pod', v.key);
    if (!current || current.metadata.uid !== v.uid) continue;
    if (!current.metadata.deletionTimestamp) {
      api.patchStatus('Pod', v.namespace, v.name, (d: any) => {
        d.status ??= {};
        const conds = (d.status.conditions ??= []);
        const cond = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'PreemptionByScheduler', message: `${DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod` };
        const i = conds.findIndex((x: any) => x.type === 'DisruptionTarget');
        if (i >= 0) conds[i] = cond;
        else conds.push(cond);
      });
      api.delete('Pod', v.namespace, v.name);
    }
    cc.recorder.event(current, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${c.node.name}`, DEFAULT_SCHEDULER_NAME);
  }
  if (!nominatedHere) return;
  for (const p of [...nominatedHere.values()]) {
    if (p.key === preemptor.key || p.priority >= preemptor.priority) continue;
    nominatedHere.delete(p.key);
    const current = api.store.getByKey('Pod', p.key);
    if (current && current.status?.nominatedNodeName) api.patchStatus('Pod', p.namespace, p.name, (d: any) => void delete d.status.nominatedNodeName);
  }
}
