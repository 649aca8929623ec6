import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session, webDeployment } from '../testing';

const WEB = webDeployment(2, 'nginx:1.27');

function cluster() {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': WEB, 'sidecar.yaml': 'spec:\n  template:\n    spec:\n      containers:\n      - name: redis\n        image: redis\n' });
  s.ok('apply -f web.yaml');
  tc.settle();
  return { tc, ...s };
}

describe('kubectl patch', () => {
  it('patches a Deployment strategically, and the controller rolls out the new template', () => {
    const { tc, ok } = cluster();
    expect(ok('patch deployment web --patch-file sidecar.yaml')).toBe('deployment.apps/web patched\n');
    expect(tc.get('Deployment', 'web')!.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx', 'redis']);
    expect(ok(`patch deploy web -p '{"spec":{"replicas":3}}'`)).toBe('deployment.apps/web patched\n');
    expect(ok(`patch deploy web -p '{"spec":{"replicas":3}}'`)).toBe('deployment.apps/web patched (no change)\n');
    tc.settle();
    expect(tc.readyPods({ selector: 'app=web' }).filter((p) => p.spec!.containers.length === 2)).toHaveLength(3);
  });

  it('takes --type merge and --type json, and reports what the server refuses', () => {
    const { tc, ok, run } = cluster();
    ok(`patch deploy web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"busybox"}]}}}}'`);
    expect(tc.get('Deployment', 'web')!.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app']);
    ok(`patch deploy web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`);
    expect(tc.get('Deployment', 'web')!.spec.replicas).toBe(1);
    expect(run(`patch deploy web -p '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'`).output).toMatch(/^The Deployment "web" is invalid: \n\* spec\.template\.metadata\.labels: .*\n\* spec\.selector: Invalid value: .*: field is immutable\n$/);
    expect(run(`patch deploy web --type json -p '[{"op":"remove","path":"/spec/nope"}]'`)).toEqual({ exitCode: 1, output: 'error: remove operation does not apply: doc is missing path: "/spec/nope": missing value\n' });
    expect(run('patch deploy web')).toEqual({ exitCode: 1, output: 'error: must specify --patch or --patch-file containing the contents of the patch\n' });
    expect(run(`patch deploy web -p '{"__proto__":{"polluted":true}}'`).exitCode).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(run(`patch deploy nope -p '{}'`)).toEqual({ exitCode: 1, output: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
  });

  it('changes nothing with --dry-run', () => {
    const { tc, ok } = cluster();
    expect(ok(`patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=client`)).toBe('deployment.apps/web patched (dry run)\n');
    expect(ok(`patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=server`)).toBe('deployment.apps/web patched (server dry run)\n');
    expect(tc.get('Deployment', 'web')!.spec.replicas).toBe(2);
  });
});
