/**
 * What immutability costs at 10,000 pods (a benchmark, not a timed test):
 *   npx tsx bench/immer-cost.ts
 * Compares three ways to write a pod status change into a store of frozen objects: immer's
 * produce (structural sharing through proxies), the engine's write path (a shallow copy of the
 * changed levels, frozen), and a deep copy (no sharing at all), and the heap each version keeps.
 */
import { produce } from 'immer';
import { Cluster } from '../src/engine/cluster';
import { applyManifests } from '../src/engine/manifests/apply';
import { deepFreeze, mutableCopy } from '../src/engine/api/freeze';
import type { KObject } from '../src/engine/api/object';

const N = 10_000;
const c = new Cluster({ seed: 1, workers: 3 });
applyManifests(c.api, [{ name: 'p.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: sample}\nspec: {containers: [{name: web, image: "nginx:1.27"}]}\n' }]);
c.runUntilQuiet(60_000);
const sample = c.api.get('Pod', 'default', 'sample')!;
const newStatus = deepFreeze({ ...sample.status, phase: 'Running' });

function measure(label: string, write: (p: KObject, i: number) => KObject) {
  const pods: KObject[] = [];
  for (let i = 0; i < N; i++) pods.push(deepFreeze(mutableCopy({ ...sample, metadata: { ...sample.metadata, name: `p-${i}` } })));
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const next = pods.map((p, i) => write(p, i));
  const ms = performance.now() - t0;
  global.gc?.();
  const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  void next.length;
  return { label, usPerWrite: (ms * 1000) / N, heapMbPerVersion: heap };
}

const rows = [
  measure('immer produce (proxies, structural sharing)', (p) => produce(p, (d) => {
    d.status = newStatus as never;
    d.metadata.resourceVersion = '2';
  })),
  measure('engine path (shallow copy of changed levels, frozen)', (p) => deepFreeze({ ...p, status: newStatus, metadata: { ...p.metadata, resourceVersion: '2' } })),
  measure('deep copy, no sharing', (p) => deepFreeze(mutableCopy({ ...p, status: newStatus }))),
];
console.log('| write of a pod status, 10,000 pods | µs per write | extra heap for the new versions |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.usPerWrite.toFixed(1)} | ${r.heapMbPerVersion.toFixed(1)} MB |`);
