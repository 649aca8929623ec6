import { Cluster } from '../cluster';
import { applyManifests } from '../manifests/apply';
import { loadManifests } from '../manifests/load';
import { podStatusText } from '../kubectl/printers/podStatus';
import type { KObject } from '../api/object';

/**
 * Applies one documentation example to a fresh 3-worker cluster, as the docs' page would (namespaces
 * the page creates with `kubectl create namespace` are created first), runs it until quiet (at most
 * five simulated minutes), and sums up where it ended:
 *   - "settled": every pod Running and Ready or Completed, every Job Complete, every PVC Bound;
 *   - "refused: <first problem>" when apply failed;
 *   - otherwise the unsettled states counted, e.g. "Pod CrashLoopBackOff x3; PVC Pending x1".
 */
export function corpusOutcome(name: string, text: string): string {
  const c = new Cluster({ seed: 1, workers: 3 });
  const declared = new Set<string>();
  const wanted = new Set<string>();
  for (const o of loadManifests([{ name, text }]).objects) {
    if (o.object.kind === 'Namespace') declared.add(o.object.metadata?.name ?? '');
    else if (o.info.namespaced && o.object.metadata?.namespace) wanted.add(o.object.metadata.namespace);
  }
  for (const ns of wanted) {
    if (!declared.has(ns) && !c.api.get('Namespace', undefined, ns)) c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  c.runUntil(100);
  const r = applyManifests(c.api, [{ name, text }]);
  if (r.exitCode !== 0) return `refused: ${r.problems[0]?.message ?? r.lines.find((l) => l.startsWith('Error')) ?? r.lines.join(' ')}`;
  c.runUntilQuiet(5 * 60_000);
  if (c.internalErrors.length) return `internal error: ${c.internalErrors[0]}`;
  const states = new Map<string, number>();
  const note = (s: string) => states.set(s, (states.get(s) ?? 0) + 1);
  for (const p of c.api.list('Pod')) {
    const s = podStatusText(p as never, c.now());
    const ready = (p.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True');
    if (s === 'Completed' || (s === 'Running' && ready)) continue;
    note(`Pod ${s}`);
  }
  for (const j of c.api.list('Job')) if (!hasCondition(j, 'Complete')) note(hasCondition(j, 'Failed') ? 'Job Failed' : 'Job Active');
  for (const p of c.api.list('PersistentVolumeClaim')) if (p.status?.phase !== 'Bound') note(`PVC ${p.status?.phase}`);
  if (states.size === 0) return 'settled';
  return [...states].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s} x${n}`).join('; ');
}

function hasCondition(o: KObject, type: string): boolean {
  return (o.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === type && x.status === 'True');
}
