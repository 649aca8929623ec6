/**
 * Traffic benchmark (not a timed test): requests the network routes per second of wall time,
 * hop by hop, with 1,000 endpoints behind one Service and 10 steady clients (outside through a
 * NodePort, outside through the Ingress, and inside pods through cluster DNS).
 *   npx tsx bench/traffic.ts
 */
import { Cluster } from '../src/engine/cluster';
import { applyManifests } from '../src/engine/manifests/apply';

const ENDPOINTS = 1000;

const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${ENDPOINTS}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources: {requests: {cpu: 10m, memory: 16Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, nodePort: 30080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: web.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client}
spec:
  replicas: 4
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec:
      containers: [{name: c, image: curlimages/curl, command: [sleep, infinity]}]
`;

function setup(): Cluster {
  const c = new Cluster({ seed: 1, workers: 110 });
  const r = applyManifests(c.api, [{ name: 'bench.yaml', text: manifests }]);
  if (r.exitCode !== 0) throw new Error(r.lines.join('\n'));
  c.runUntilQuiet(10 * 60_000);
  return c;
}

interface Row {
  rps: number;
  simSeconds: number;
  requests: number;
  wallMs: number;
  perSecond: number;
}

function run(c: Cluster, perClient: number, simSeconds: number): Row {
  const net = c.controlPlane.network;
  const clients = c.api.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'client').map((p) => ({ namespace: 'default', name: p.metadata.name! }));
  const urls: [string, { namespace: string; name: string } | undefined][] = [
    ['http://worker-1:30080/', undefined],
    ['http://worker-50:30080/', undefined],
    ['http://172.18.0.4:30080/', undefined],
    ['http://web.example.com/', undefined],
    ['http://web.example.com/index.html', undefined],
    ['http://web', clients[0]],
    ['http://web.default', clients[1]],
    ['http://web.default.svc.cluster.local', clients[2]],
    ['http://web', clients[3]],
    ['http://web.default.svc.cluster.local/', clients[0]],
  ];
  const before = net.traffic.list().reduce((n, x) => n + x.sent, 0);
  for (const [url, from] of urls) net.traffic.start(url, perClient, from);
  const t0 = performance.now();
  c.runFor(simSeconds * 1000);
  const wallMs = performance.now() - t0;
  net.traffic.stop();
  const requests = net.traffic.list().reduce((n, x) => n + x.sent, 0) - before;
  const failed = net.traffic.list().flatMap((x) => Object.entries(x.responses)).filter(([k]) => k !== '200').reduce((n, [, v]) => n + v, 0);
  if (failed) throw new Error(`${failed} requests failed`);
  return { rps: perClient, simSeconds, requests, wallMs, perSecond: requests / (wallMs / 1000) };
}

const c = setup();
const idle = performance.now();
c.runFor(10_000);
const idleMs = performance.now() - idle;
const rows = [run(c, 10, 60), run(c, 100, 20), run(c, 1000, 5)];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`${ENDPOINTS} endpoints, 10 clients (the cluster alone: ${fmt(idleMs)} ms of wall time per 10 simulated seconds)\n`);
console.log('| requests/s per client | simulated | requests | wall time | routed per second of wall time |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.rps} | ${r.simSeconds} s | ${fmt(r.requests)} | ${fmt(r.wallMs)} ms | ${fmt(r.perSecond)} |`);
if (c.internalErrors.length) throw new Error(c.internalErrors[0]);
