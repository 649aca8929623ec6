/**
 * Engine benchmark (not a timed test): how long the headless engine takes to run big clusters.
 *   npx tsx bench/engine.ts [--max 10000]
 * Reports, per size: wall time and peak heap to take a Deployment from apply to all pods
 * Running, scheduling throughput, a full rolling update, and one simulated hour.
 */
import { Cluster } from '../src/engine/cluster';
import { applyManifests } from '../src/engine/manifests/apply';
import { runCommand } from '../src/engine/kubectl/run';

interface Row {
  pods: number;
  nodes: number;
  toRunningMs: number;
  simSecondsToRunning: number;
  podsPerSecond: number;
  rolloutMs: number;
  simHourMs: number;
  peakHeapMb: number;
  liveHeapMb: number;
}

function deployment(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: bench}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: bench}}
  template:
    metadata: {labels: {app: bench}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: {requests: {cpu: 10m, memory: 16Mi}}
`;
}

function countRunning(c: Cluster): number {
  let n = 0;
  for (const p of c.api.store.each('Pod')) if (p.status?.phase === 'Running' && !p.metadata.deletionTimestamp) n++;
  return n;
}

let peak = 0;
function sampleHeap(): void {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
}

/** The heap still in use after a full garbage collection (what the cluster really holds). */
function liveHeapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Runs the clock in 1 s slices until `done` holds, sampling the heap; returns wall ms. */
function runUntil(c: Cluster, done: () => boolean, maxSimMs: number): number {
  const start = performance.now();
  const limit = c.now() + maxSimMs;
  while (!done() && c.now() < limit) {
    c.runFor(1000);
    sampleHeap();
  }
  return performance.now() - start;
}

function bench(pods: number): Row {
  const nodes = Math.max(3, Math.ceil(pods / 10));
  global.gc?.();
  peak = 0;
  const c = new Cluster({ seed: 1, workers: nodes });
  sampleHeap();
  const t0 = performance.now();
  const applied = applyManifests(c.api, [{ name: 'bench.yaml', text: deployment(pods) }]);
  if (applied.exitCode !== 0) throw new Error(applied.lines.join('\n') + applied.problems.map((p) => p.message).join('\n'));
  const sim0 = c.now();
  runUntil(c, () => countRunning(c) >= pods, 30 * 60_000);
  const toRunningMs = performance.now() - t0;
  const simSecondsToRunning = (c.now() - sim0) / 1000;
  if (countRunning(c) < pods) throw new Error(`only ${countRunning(c)}/${pods} Running`);
  const live = liveHeapMb();
  const scheduled = c.recorder.log.filter((e) => e.reason === 'Scheduled');
  const firstS = scheduled[0]?.time ?? 0;
  const lastS = scheduled[scheduled.length - 1]?.time ?? 0;
  void firstS;
  void lastS;
  const podsPerSecond = pods / (toRunningMs / 1000);

  const r0 = performance.now();
  runCommand({ cluster: c, readFile: () => undefined }, 'kubectl set image deployment/bench web=nginx:1.28');
  runUntil(c, () => {
    const d = c.api.get('Deployment', 'default', 'bench')!;
    const s = d.status ?? {};
    return s.updatedReplicas === pods && s.availableReplicas === pods && s.replicas === pods && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  }, 60 * 60_000);
  const rolloutMs = performance.now() - r0;

  const h0 = performance.now();
  c.runFor(3600_000);
  sampleHeap();
  const simHourMs = performance.now() - h0;
  if (c.internalErrors.length) throw new Error(c.internalErrors[0]);
  return { pods, nodes, toRunningMs, simSecondsToRunning, podsPerSecond, rolloutMs, simHourMs, peakHeapMb: peak / 2 ** 20, liveHeapMb: live };
}

const maxArg = process.argv.indexOf('--max');
const max = maxArg > 0 ? Number(process.argv[maxArg + 1]) : 10_000;
const sizes = [100, 1000, 10_000].filter((n) => n <= max);
const rows: Row[] = [];
for (const n of sizes) {
  rows.push(bench(n));
  const r = rows[rows.length - 1];
  console.error(`${n} pods done: ${r.toRunningMs.toFixed(0)} ms`);
}
const fmt = (n: number, d = 0) => n.toFixed(d);
console.log('| pods | nodes | apply → all Running (wall) | simulated time | pods/s (wall) | full rolling update (wall) | 1 simulated hour (wall) | peak RSS | live heap at all Running |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.pods} | ${r.nodes} | ${fmt(r.toRunningMs)} ms | ${fmt(r.simSecondsToRunning, 1)} s | ${fmt(r.podsPerSecond)} | ${fmt(r.rolloutMs)} ms | ${fmt(r.simHourMs)} ms | ${fmt(r.peakHeapMb)} MB | ${fmt(r.liveHeapMb)} MB |`);
}
