import type { KObject } from '../../api/object';
import { formatLabels, formatLabelSelector, intOrString, quantityString } from '../printers/format';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './helpers';
import { allEvents, type DescribeContext } from './types';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './writer';

function events(ctx: DescribeContext, obj: KObject, w: PrefixWriter): void {
  if (ctx.showEvents) describeEvents(eventsFor(allEvents(ctx, obj.metadata.namespace), obj), w, ctx.now);
}

function nameNs(w: PrefixWriter, o: KObject): void {
  w.write(LEVEL_0, `Name:\t${o.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace}\n`);
}

export function describeConfigMap(ctx: DescribeContext, cm: KObject): string {
  const w = new PrefixWriter();
  nameNs(w, cm);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, string> = cm.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const bin: Record<string, string> = cm.binaryData ?? {};
  for (const k of Object.keys(bin).sort()) w.write(LEVEL_0, `${k}: ${decodedLength(bin[k])} bytes\n`);
  w.write(LEVEL_0, '\n');
  events(ctx, cm, w);
  return w.toString();
}

/** The number of bytes a base64 value decodes to. */
function decodedLength(b64: string): number {
  const s = b64.replace(/\s/g, '');
  return Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
}

export function describeSecret(_ctx: DescribeContext, s: KObject): string {
  const w = new PrefixWriter();
  nameNs(w, s);
  printLabelsMultiline(w, 'Labels', s.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${s.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, string> = s.data ?? {};
  for (const k of Object.keys(data).sort()) w.write(LEVEL_0, `${k}:\t${decodedLength(data[k])} bytes\n`);
  return w.toString();
}

export function describeNamespace(ctx: DescribeContext, ns: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: any[] = ns.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  const quotas = ctx.api.list('ResourceQuota', ns.metadata.name).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  w.write(LEVEL_0, '\n');
  if (quotas.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
  else {
    w.write(LEVEL_0, 'Resource Quotas\n');
    for (const q of quotas) {
      w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
      w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
      w.write(LEVEL_1, '--------\t---\t---\n');
      const hard: Record<string, string> = q.status?.hard ?? {};
      for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${quantityString(q.status?.used?.[r] ?? '0')}\t${quantityString(hard[r])}\n`);
    }
  }
  const limits = ctx.api.list('LimitRange', ns.metadata.name);
  w.write(LEVEL_0, '\n');
  if (limits.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
  else {
    w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) limitRangeRows(lr, ' ', w);
  }
  return w.toString();
}

function limitRangeRows(lr: KObject, prefix: string, w: PrefixWriter): void {
  for (const item of lr.spec?.limits ?? []) {
    const keys = new Set<string>();
    for (const m of [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio]) for (const k of Object.keys(m ?? {})) keys.add(k);
    for (const k of [...keys].sort()) {
      const v = (m: any) => (m?.[k] !== undefined ? quantityString(m[k]) : '-');
      w.write(LEVEL_0, `${prefix}${item.type}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
    }
  }
}

export function describeLimitRange(_ctx: DescribeContext, lr: KObject): string {
  const w = new PrefixWriter();
  nameNs(w, lr);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(lr, '', w);
  return w.toString();
}

export function describeResourceQuota(_ctx: DescribeContext, q: KObject): string {
  const w = new PrefixWriter();
  nameNs(w, q);
  const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  const hard: Record<string, string> = q.status?.hard ?? {};
  for (const r of Object.keys(hard).sort()) w.write(LEVEL_0, `${r}\t${quantityString(q.status?.used?.[r] ?? '0')}\t${quantityString(hard[r])}\n`);
  return w.toString();
}

export function describeServiceAccount(ctx: DescribeContext, sa: KObject): string {
  const w = new PrefixWriter();
  nameNs(w, sa);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const pulls: string[] = (sa.imagePullSecrets ?? []).map((s: any) => s.name);
  if (pulls.length === 0) w.write(LEVEL_0, 'Image pull secrets:\t<none>\n');
  else pulls.forEach((n, i) => w.write(LEVEL_0, `${i === 0 ? 'Image pull secrets:' : '                   '}\t${n}\n`));
  events(ctx, sa, w);
  return w.toString();
}

export function describeHPA(ctx: DescribeContext, hpa: KObject): string {
  const w = new PrefixWriter();
  const spec = hpa.spec ?? {};
  const cur: any[] = hpa.status?.currentMetrics ?? [];
  nameNs(w, hpa);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    const st = cur[i];
    if (m.type === 'Resource') {
      w.write(LEVEL_1, `resource ${m.resource.name} on pods`);
      const t = m.resource.target ?? {};
      if (t.averageValue !== undefined) w.write(LEVEL_0, `:\t${st?.resource?.current?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
      else {
        const c = st?.resource?.current;
        const current = c?.averageUtilization !== undefined ? `${c.averageUtilization}% (${c.averageValue})` : '<unknown>';
        w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>'}\n`);
      }
    } else if (m.type === 'Pods') {
      w.write(LEVEL_1, `"${m.pods.metric.name}" on pods:\t${st?.pods?.current?.averageValue ?? '<unknown>'} / ${m.pods.target.averageValue}\n`);
    } else {
      w.write(LEVEL_1, `<unknown metric type "${m.type}">\n`);
    }
  });
  w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    for (const [dir, rules] of [['Scale Up', spec.behavior.scaleUp], ['Scale Down', spec.behavior.scaleDown]] as const) {
      if (!rules) continue;
      w.write(LEVEL_1, `${dir}:\n`);
      if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
      if (rules.policies?.length) {
        w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
        w.write(LEVEL_2, 'Policies:\n');
        for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
      }
    }
  }
  w.write(LEVEL_0, `${spec.scaleTargetRef?.kind} pods:\t`);
  w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
  const conds: any[] = hpa.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  events(ctx, hpa, w);
  return w.toString();
}

export function describePDB(ctx: DescribeContext, pdb: KObject): string {
  const w = new PrefixWriter();
  nameNs(w, pdb);
  if (pdb.spec?.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${intOrString(pdb.spec.minAvailable)}\n`);
  else if (pdb.spec?.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${intOrString(pdb.spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${pdb.spec?.selector ? formatLabelSelector(pdb.spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${pdb.status?.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${pdb.status?.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${pdb.status?.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${pdb.status?.expectedPods ?? 0}\n`);
  events(ctx, pdb, w);
  return w.toString();
}

export function describePriorityClass(ctx: DescribeContext, pc: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  events(ctx, pc, w);
  return w.toString();
}
