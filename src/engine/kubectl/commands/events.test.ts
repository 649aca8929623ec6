import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session, webDeployment } from '../testing';

const WEB = webDeployment(2, 'nginx:1.25');

const BAD = `apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers: [{name: app, image: "nginx:no-such-tag-anywhere"}]
`;

function cluster() {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': WEB, 'bad.yaml': BAD });
  tc.advance('5s');
  s.ok('apply -f web.yaml');
  tc.settle();
  return { tc, ...s };
}

const rows = (out: string) => out.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/));

describe('kubectl events', () => {
  it('lists events oldest first, naming objects as Kind/name', () => {
    const { ok } = cluster();
    const out = ok('events');
    expect(out.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    const objects = rows(out).map((r) => r[3]);
    expect(objects).toContain('Deployment/web');
    expect(objects.some((o) => /^Pod\/web-\w+-\w{5}$/.test(o))).toBe(true);
    // Time order: the nodes registered 5s before the Deployment was applied, whose name sorts first.
    expect(objects.indexOf('Node/worker-1')).toBeLessThan(objects.indexOf('Deployment/web'));
    const started = rows(out).findIndex((r) => r[2] === 'Started');
    const scheduled = rows(out).findIndex((r) => r[2] === 'Scheduled');
    expect(scheduled).toBeLessThan(started);
  });

  it('filters with --for and --types, and shows repeats as (xN over T)', () => {
    const { tc, ok, run } = cluster();
    ok('apply -f bad.yaml');
    tc.advance('2m');
    const forPod = ok('events --for pod/bad');
    expect(rows(forPod).every((r) => r[3] === 'Pod/bad')).toBe(true);
    expect(rows(forPod).map((r) => r[2])).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Failed', 'BackOff']));
    const warnings = rows(ok('events --types=Warning'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((r) => r[1] === 'Warning')).toBe(true);
    expect(forPod).toMatch(/\d+s \(x\d+ over \d+[ms]\d*s?\)\s+Normal\s+BackOff\s+Pod\/bad\s+Back-off pulling image/);
    expect(run('events --types=Error')).toEqual({ exitCode: 1, output: 'error: valid --types are Normal or Warning\n' });
    expect(run('events --for bad')).toEqual({ exitCode: 1, output: 'error: --for must be in resource/name form\n' });
  });

  it('says so when a namespace has no events, and prints all namespaces with -A', () => {
    const { ok, run } = cluster();
    expect(run('events -n kube-public')).toEqual({ exitCode: 0, output: 'No events found in kube-public namespace.\n' });
    expect(ok('events -A').split('\n')[0]).toMatch(/^NAMESPACE\s+LAST SEEN\s+TYPE/);
    const json = JSON.parse(ok('events --for deployment/web -o json'));
    expect(json.kind).toBe('List');
    expect(json.items.map((e: { reason: string }) => e.reason)).toEqual(['ScalingReplicaSet']);
  });
});
