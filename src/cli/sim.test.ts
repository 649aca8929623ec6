import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
let dir: string;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

function sim(args: string[], input?: string) {
  const r = spawnSync(TSX, [join(ROOT, 'src', 'cli', 'sim.ts'), ...args], { cwd: dir, encoding: 'utf8', input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscape-sim-'));
  writeFileSync(join(dir, 'web.yaml'), WEB);
  writeFileSync(join(dir, 'bad.yaml'), WEB.replace('replicas: 2', 'replicas: two').replace('image: nginx:1.25', 'image: [nginx]'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run sim', () => {
  it('prints the final state as JSON with items, events and what --at commands printed', () => {
    const r = sim(['--until', '90s', '--at', '30s kubectl scale deploy/web --replicas=3', '--at', '45s kubectl get deploy web', 'web.yaml']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['time', 'items', 'events', 'commands']);
    expect(doc.time).toBe(90);
    const pods = doc.items.filter((o: any) => o.kind === 'Pod');
    expect(pods).toHaveLength(3);
    expect(pods[0].metadata).toHaveProperty('ownerReferences');
    expect(doc.items.some((o: any) => o.kind === 'Event')).toBe(false);
    expect(doc.events.find((e: any) => e.reason === 'ScalingReplicaSet')).toMatchObject({ type: 'Normal', involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default' } });
    expect(doc.commands[0]).toEqual({ time: 30, command: 'kubectl scale deploy/web --replicas=3', exitCode: 0, output: 'deployment.apps/web scaled\n' });
    expect(doc.commands[1].output).toMatch(/^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb {4}3\/3 {5}3 {12}3 {11}45s\n$/);
  });

  it('gives byte-identical output for the same input and seed, read from a file or stdin', () => {
    const a = sim(['--seed', '3', '--until', '60s', 'web.yaml']);
    const b = sim(['--seed', '3', '--until', '60s', '-'], WEB);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const c = sim(['--seed', '4', '--until', '60s', 'web.yaml']);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('prints kubectl get all,nodes,pvc,pv,ingress -A -o wide with -o table', () => {
    const r = sim(['-o', 'table', '--nodes', '2', 'web.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAMESPACE {3}NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\ndefault {5}pod\/web-/);
    expect(r.stdout).toMatch(/\nNAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME\nnode\/control-plane\s/);
    expect(r.stdout).toContain('node/worker-2 ');
    expect(r.stdout).not.toContain('node/worker-3');
  });

  it('prints watch events and cluster events as time-ordered JSON lines with -o trace', () => {
    const r = sim(['-o', 'trace', '--until', '20s', 'web.yaml']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const times = lines.map((l) => l.time);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(new Set(lines.map((l) => l.type))).toEqual(new Set(['ADDED', 'MODIFIED', 'EVENT']));
    expect(lines.find((l) => l.type === 'EVENT').event).toHaveProperty('involvedObject');
  });

  it('exits 2 with file:line:col problems and applies nothing for invalid input', () => {
    const r = sim(['bad.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const l of lines) expect(l).toMatch(/^bad\.yaml:\d+:\d+: .+/);
    expect(sim(['missing.yaml']).stderr).toBe('missing.yaml:1:1: open missing.yaml: no such file or directory\n');
    expect(sim(['--until', 'soon', 'web.yaml']).code).toBe(2);
  });
});
