/**
 * Canvas benchmark (a measurement, not a timed test): frame rate of the live canvas in Debian's
 * Chromium, and how long a cold load takes until the canvas is interactive.
 *   npx vite build && npx tsx bench/canvas-fps.ts [--seconds 8] [--skip-10k] [--skip-traffic]
 * Serves dist/ with `vite preview` itself. Scenarios are seeded through the same localStorage
 * key the playground restores a session from (podscape.scenario.v1), so the store replays them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';

const PORT = 4195;
const URL = `http://127.0.0.1:${PORT}/`;
const CHROMIUM = process.env.PODSCAPE_CHROMIUM ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1]) || 8;
const SKIP_10K = args.includes('--skip-10k');
const SKIP_TRAFFIC = args.includes('--skip-traffic');

interface Scenario {
  seed: number;
  workers: number;
  editorText: string;
  steps: { time: number; kind: 'apply' | 'command'; text: string }[];
  time: number;
}

function deployment(name: string, replicas: number, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: web
        image: ${image}
        resources: {requests: {cpu: 10m, memory: 16Mi}}
`;
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopServer(server);
  throw new Error(`vite preview did not answer on ${URL} (run npx vite build first)`);
}

/** Stops vite preview and the npx wrapper around it (its own process group). */
function stopServer(server: ChildProcess): void {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
}

/** Opens the page with a scenario saved (or none) and waits for the canvas's first drawn node. */
async function open(browser: Browser, scenario: Scenario | undefined, timeout: number, opts: { reducedMotion?: boolean } = {}): Promise<{ page: Page; interactiveMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference' });
  if (scenario) await page.addInitScript((s) => localStorage.setItem('podscape.scenario.v1', s), JSON.stringify(scenario));
  const t0 = Date.now();
  await page.goto(URL);
  await page.locator('[data-testid=canvas] .react-flow__node').first().waitFor({ timeout });
  await page.getByTestId('play').waitFor({ timeout });
  return { page, interactiveMs: Date.now() - t0 };
}

/** Counts animation frames for `seconds`: mean fps, and the 95th percentile frame time. */
async function measure(page: Page, seconds: number): Promise<{ fps: number; p95: number; simSeconds: number }> {
  const before = Number(await page.getByTestId('sim-time').getAttribute('data-seconds'));
  // A string, not a function: tsx's name-keeping helper does not exist inside the page.
  const r = (await page.evaluate(`new Promise((resolve) => {
    const times = [];
    let last = performance.now();
    const start = last;
    const frame = (t) => {
      times.push(t - last);
      last = t;
      if (t - start < ${seconds * 1000}) requestAnimationFrame(frame);
      else {
        const sorted = times.slice(1).sort((a, b) => a - b);
        resolve({ fps: (times.length * 1000) / (t - start), p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 });
      }
    };
    requestAnimationFrame(frame);
  })`)) as { fps: number; p95: number };
  const after = Number(await page.getByTestId('sim-time').getAttribute('data-seconds'));
  return { ...r, simSeconds: after - before };
}

/**
 * Samples the dots layer while `fn` runs (it reports the dots in flight and its own time per
 * frame): the most dots seen, and the layer's mean time per frame.
 */
async function dotsLayer<T>(page: Page, fn: () => Promise<T>): Promise<{ result: T; dots: number; layerMs: number }> {
  let max = 0;
  const costs: number[] = [];
  let done = false;
  const layer = page.getByTestId('traffic-dots');
  const poll = (async () => {
    while (!done) {
      max = Math.max(max, Number((await layer.getAttribute('data-dots')) ?? 0));
      const ms = Number(await layer.getAttribute('data-frame-ms'));
      if (ms) costs.push(ms);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const result = await fn();
  done = true;
  await poll;
  return { result, dots: max, layerMs: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : 0 };
}

/**
 * Traffic with many legs to draw: 100 in-cluster clients (a StatefulSet's pods, so their names
 * are known) each sending 10 requests a second to a Service of 50 nginx pods, on 10 workers.
 */
function trafficScenario(): Scenario {
  const clients = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: client}
spec:
  serviceName: client
  podManagementPolicy: Parallel
  replicas: 100
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec:
      containers:
      - name: c
        image: busybox:1.36
        command: [sleep, infinity]
        resources: {requests: {cpu: 10m, memory: 16Mi}}
`;
  const svc = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;
  const steps: Scenario['steps'] = [{ time: 0, kind: 'apply', text: `${deployment('web', 50, 'nginx:1.27')}---\n${svc}---\n${clients}` }];
  for (let i = 0; i < 100; i++) steps.push({ time: 60_000, kind: 'command', text: `traffic --from client-${i} http://web 10` });
  return { seed: 1, workers: 10, editorText: '', steps, time: 62_000 };
}

async function play(page: Page, speed: number): Promise<void> {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.getByTestId('play').click();
}

const rows: string[][] = [];
const row = (what: string, value: string, note = '') => {
  rows.push([what, value, note]);
  console.log(`${what}: ${value} ${note}`);
};

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'] });
try {
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { page, interactiveMs } = await open(browser, undefined, 60_000);
    cold.push(interactiveMs);
    await page.close();
  }
  cold.sort((a, b) => a - b);
  row('Cold load to interactive canvas (empty cluster)', `${cold[1]} ms`, `median of 3`);

  // 500 pods on 10 workers, then a new image: press play while the rolling update runs.
  const v1 = deployment('web', 500, 'nginx:1.27');
  const v2 = deployment('web', 500, 'nginx:1.28');
  const rollout: Scenario = { seed: 1, workers: 10, editorText: v2, steps: [{ time: 0, kind: 'apply', text: v1 }, { time: 120_000, kind: 'apply', text: v2 }], time: 120_000 };
  {
    const { page, interactiveMs } = await open(browser, rollout, 300_000);
    row('Load 500 pods + start rollout (replay 2 min)', `${interactiveMs} ms`);
    const tier = await page.getByTestId('canvas').getAttribute('data-tier');
    for (const speed of [1, 4]) {
      await play(page, speed);
      const m = await measure(page, SECONDS);
      row(`Rolling update, 500 pods, ${speed}×`, `${m.fps.toFixed(1)} fps`, `p95 frame ${m.p95.toFixed(1)} ms, ${m.simSeconds.toFixed(1)} sim s, ${tier} view`);
    }
    await page.close();
  }

  if (!SKIP_TRAFFIC) {
    const { page, interactiveMs } = await open(browser, trafficScenario(), 300_000);
    row('Load 150 pods + 100 traffic clients (replay 1 min)', `${interactiveMs} ms`);
    for (const speed of [1, 8]) {
      await play(page, speed);
      const { result: m, dots, layerMs } = await dotsLayer(page, () => measure(page, SECONDS));
      row(`Traffic, 100 clients → 50 pods (1,000 req/s simulated), ${speed}×`, `${m.fps.toFixed(1)} fps`, `p95 frame ${m.p95.toFixed(1)} ms, up to ${dots} dots in flight, dots layer ${layerMs.toFixed(2)} ms/frame, ${m.simSeconds.toFixed(1)} sim s`);
    }
    await page.close();
    // The same without moving dots (prefers-reduced-motion: rates and counters only), and without traffic: what the dots and the traffic cost.
    const still = await open(browser, trafficScenario(), 300_000, { reducedMotion: true });
    await play(still.page, 1);
    const r = await measure(still.page, SECONDS);
    row('Traffic as above, reduced motion (no dots), 1×', `${r.fps.toFixed(1)} fps`, `p95 frame ${r.p95.toFixed(1)} ms`);
    await still.page.close();
    const quiet = trafficScenario();
    quiet.steps = quiet.steps.filter((x) => x.kind === 'apply');
    const none = await open(browser, quiet, 300_000);
    await play(none.page, 1);
    const q = await measure(none.page, SECONDS);
    row('The same 150 pods, no traffic, 1×', `${q.fps.toFixed(1)} fps`, `p95 frame ${q.p95.toFixed(1)} ms`);
    await none.page.close();
  }

  if (!SKIP_10K) {
    const big: Scenario = { seed: 1, workers: 1000, editorText: '', steps: [{ time: 0, kind: 'apply', text: deployment('big', 10_000, 'nginx:1.27') }], time: 60_000 };
    const { page, interactiveMs } = await open(browser, big, 900_000);
    row('Cold load, 10,000 pods on 1,000 nodes (replay 1 min)', `${interactiveMs} ms`);
    const tier = await page.getByTestId('canvas').getAttribute('data-tier');
    const running = await page.locator('[data-kind=Pod]').count();
    await play(page, 1);
    const m = await measure(page, SECONDS);
    row('10,000 pods on 1,000 nodes, playing 1×', `${m.fps.toFixed(1)} fps`, `p95 frame ${m.p95.toFixed(1)} ms, ${tier} view, ${running} pod elements in the DOM`);
    await page.close();
  }
} finally {
  await browser.close();
  stopServer(server);
}

console.log('\n| measurement | result | note |\n|---|---|---|');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
