import type { KObject } from '../../api/object';
import { EPOCH_MS, humanDuration, parseTimestamp } from '../../time';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: "Thu, 01 Jan 2026 00:00:00 +0000". */
export function rfc1123z(ts: string | undefined | null): string {
  const t = parseTimestamp(ts ?? undefined);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(EPOCH_MS + t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince. */
export function since(ts: string | undefined | null, now: number): string {
  const t = parseTimestamp(ts ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

export function printLabelsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string, innerIndent: string, labels: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: sorted, last-applied-configuration skipped, long values wrapped and shortened. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

export function taintString(t: { key: string; value?: string; effect?: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

export function printTaintsMultiline(w: PrefixWriter, title: string, taints: any[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.line('<none>');
    return;
  }
  const sorted = [...taints].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

export function printTolerationsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string, innerIndent: string, tolerations: any[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.line('<none>');
    return;
  }
  const sorted = tolerations.map((t, i) => ({ t, i })).sort((a, b) => ((a.t.key ?? '') < (b.t.key ?? '') ? -1 : (a.t.key ?? '') > (b.t.key ?? '') ? 1 : a.i - b.i));
  sorted.forEach(({ t }, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

export function printPodsMultiline(w: PrefixWriter, title: string, pods: KObject[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (pods.length === 0) {
    w.line('<none>');
    return;
  }
  [...pods]
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .forEach((p, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${p.metadata.name}\n`);
    });
}

/** The events whose involvedObject is `obj` (searchEvents): same name, namespace, uid and, unless omitted, kind. */
export function eventsFor(events: readonly KObject[], obj: KObject, opts: { omitKind?: boolean; uids?: string[] } = {}): KObject[] {
  const ns = obj.metadata.namespace ?? '';
  const uids = opts.uids ?? [obj.metadata.uid ?? ''];
  return events.filter((e) => {
    const io = e.involvedObject ?? {};
    return io.name === obj.metadata.name && (io.namespace ?? '') === ns && (opts.omitKind || io.kind === obj.kind) && uids.includes(io.uid ?? '');
  });
}

function eventSortTime(e: KObject): number {
  if (e.series) return parseTimestamp(e.series.lastObservedTime) ?? 0;
  return parseTimestamp(e.lastTimestamp) ?? parseTimestamp(e.eventTime) ?? 0;
}

/** DescribeEvents: the Events table, oldest last-seen first, "x3 over 2m" for repeated events. */
export function describeEvents(events: KObject[] | undefined, w: PrefixWriter, now: number): void {
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => eventSortTime(a.e) - eventSortTime(b.e) || a.i - b.i);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const { e } of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    let message = String(e.message ?? '').trim();
    if (e.involvedObject?.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}

/** printController: "ReplicaSet/web-7d4b9c5f8d" for the controlling owner. */
export function controllerOf(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

export function printBoolPtr(v: boolean | undefined | null): string {
  return v === undefined || v === null ? '<unset>' : printBool(v);
}

export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}
