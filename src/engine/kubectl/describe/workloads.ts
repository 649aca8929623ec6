import type { KObject } from '../../api/object';
import { fromLabelSelector, fromMap, matches, selectorToString, type Selector } from '../../api/selectors';
import { humanDuration, parseTimestamp } from '../../time';
import { formatLabels, formatLabelSelector, intOrString } from '../printers/format';
import { replicaSetsOf } from '../rollout/deploymentUtil';
import { controllerOf, describeEvents, eventsFor, printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, printLabelsMultilineWithIndent, rfc1123z } from './helpers';
import { describePodTemplate } from './podTemplate';
import { allEvents, type DescribeContext } from './types';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

function events(ctx: DescribeContext, obj: KObject, w: PrefixWriter): void {
  if (ctx.showEvents) describeEvents(eventsFor(allEvents(ctx, obj.metadata.namespace), obj), w, ctx.now);
}

/** getPodStatusForController: the phases of the pods this controller owns. */
function podPhases(ctx: DescribeContext, obj: KObject, selector: Selector): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of ctx.api.list('Pod', obj.metadata.namespace)) {
    if (!matches(selector, p.metadata.labels)) continue;
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== obj.metadata.uid) continue;
    switch (p.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function header(w: PrefixWriter, obj: KObject): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
}

function conditionsTable(w: PrefixWriter, conditions: any[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function rsList(list: KObject[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(ctx: DescribeContext, d: KObject): string {
  const w = new PrefixWriter();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  header(w, d);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorToString(fromLabelSelector(spec.selector ?? {}))}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  describePodTemplate(spec.template, w);
  conditionsTable(w, st.conditions);
  const { old, newRS } = replicaSetsOf(ctx.api, d);
  if (old.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(old)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  events(ctx, d, w);
  return w.toString();
}

export function describeReplicaSet(ctx: DescribeContext, rs: KObject): string {
  const w = new PrefixWriter();
  header(w, rs);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = controllerOf(rs);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${podPhases(ctx, rs, fromLabelSelector(rs.spec?.selector))}\n`);
  describePodTemplate(rs.spec?.template, w);
  conditionsTable(w, rs.status?.conditions);
  events(ctx, rs, w);
  return w.toString();
}

export function describeReplicationController(ctx: DescribeContext, rc: KObject): string {
  const w = new PrefixWriter();
  header(w, rc);
  w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podPhases(ctx, rc, fromMap(rc.spec?.selector))}\n`);
  describePodTemplate(rc.spec?.template, w);
  conditionsTable(w, rc.status?.conditions);
  events(ctx, rc, w);
  return w.toString();
}

export function describeJob(ctx: DescribeContext, job: KObject): string {
  const w = new PrefixWriter();
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  header(w, job);
  w.write(LEVEL_0, `Selector:\t${selectorToString(fromLabelSelector(spec.selector ?? {}))}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = controllerOf(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration((parseTimestamp(st.completionTime) ?? 0) - (parseTimestamp(st.startTime) ?? 0))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') {
    const idx: string = st.completedIndexes ?? '';
    let shown = idx || '<none>';
    if (idx.length > 50) {
      const comma = idx.indexOf(',', 50);
      if (comma >= 0) shown = idx.slice(0, comma + 1) + '...';
    }
    w.write(LEVEL_0, `Completed Indexes:\t${shown}\n`);
  }
  describePodTemplate(spec.template, w);
  events(ctx, job, w);
  return w.toString();
}

export function describeCronJob(ctx: DescribeContext, cj: KObject): string {
  const w = new PrefixWriter();
  const spec = cj.spec ?? {};
  header(w, cj);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
  w.write(LEVEL_0, `Time Zone:\t${spec.timeZone ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  const jt = spec.jobTemplate?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${jt.selector ? selectorToString(fromLabelSelector(jt.selector)) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${jt.parallelism ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${jt.completions ?? '<unset>'}\n`);
  if (jt.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt.template, w);
  w.write(LEVEL_0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Active Jobs:\t');
  const active: any[] = cj.status?.active ?? [];
  if (active.length === 0) w.line('<none>');
  else w.line(active.map((j) => j.name).join(', '));
  events(ctx, cj, w);
  return w.toString();
}

export function describeDaemonSet(ctx: DescribeContext, ds: KObject): string {
  const w = new PrefixWriter();
  const st = ds.status ?? {};
  const selector = fromLabelSelector(ds.spec?.selector);
  header(w, ds);
  w.write(LEVEL_0, `Selector:\t${selectorToString(selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podPhases(ctx, ds, selector)}\n`);
  describePodTemplate(ds.spec?.template, w);
  events(ctx, ds, w);
  return w.toString();
}

export function describeStatefulSet(ctx: DescribeContext, sts: KObject): string {
  const w = new PrefixWriter();
  const spec = sts.spec ?? {};
  const selector = fromLabelSelector(spec.selector);
  header(w, sts);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorToString(selector)}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podPhases(ctx, sts, selector)}\n`);
  describePodTemplate(spec.template, w);
  const claims: any[] = spec.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      printLabelsMultilineWithIndent(w, '  ', 'Labels', '\t', pvc.metadata?.labels);
      printLabelsMultilineWithIndent(w, '  ', 'Annotations', '\t', pvc.metadata?.annotations);
      const cap = pvc.spec?.resources?.requests?.storage;
      w.write(LEVEL_1, `Capacity:\t${cap ?? '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  events(ctx, sts, w);
  return w.toString();
}
