import type { KindInfo } from '../../api/kinds';
import { resourceName } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { formatLabels } from './format';
import { tableFor } from './tables';
import type { Cell } from './types';

export interface TableOptions {
  now: number;
  wide?: boolean;
  /** -A: a NAMESPACE column first (namespaced kinds only). */
  withNamespace?: boolean;
  /** Names as "kind/name", as kubectl prints them when several kinds are listed. */
  withKind?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** -L columns: one per label key, headed by the key's last path segment in upper case. */
  labelColumns?: string[];
}

function cellText(c: Cell): string {
  return typeof c === 'string' ? c : String(c);
}

/**
 * One kind's block of `kubectl get` output as tab-separated lines (not yet aligned): the header,
 * then a row per object, with the columns a human-readable printer shows for these options.
 */
export function tableLines(info: KindInfo, objs: readonly KObject[], opts: TableOptions): string[] {
  const table = tableFor(info.kind);
  const keep = table.columns.map((c) => (c.priority ?? 0) === 0 || !!opts.wide);
  const nameIdx = table.columns.findIndex((c) => c.name === 'Name');
  const ns = !!opts.withNamespace && info.namespaced;
  const labelCols = opts.labelColumns ?? [];
  const lines: string[] = [];
  if (!opts.noHeaders) {
    const header = table.columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
    if (ns) header.unshift('NAMESPACE');
    for (const l of labelCols) header.push(l.split('/').pop()!.toUpperCase());
    if (opts.showLabels) header.push('LABELS');
    lines.push(header.join('\t'));
  }
  const prefix = resourceName(info);
  for (const obj of objs) {
    const cells = table.row(obj, { now: opts.now, wide: opts.wide }).map(cellText);
    if (opts.withKind && nameIdx >= 0) cells[nameIdx] = `${prefix}/${cells[nameIdx]}`;
    const row = cells.filter((_, i) => keep[i]);
    if (ns) row.unshift(obj.metadata.namespace ?? '');
    const labels = obj.metadata.labels ?? {};
    for (const l of labelCols) row.push(labels[l] ?? '');
    if (opts.showLabels) row.push(formatLabels(labels));
    lines.push(row.join('\t'));
  }
  return lines;
}
