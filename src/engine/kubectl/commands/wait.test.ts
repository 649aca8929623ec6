import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session, webDeployment } from '../testing';

const WEB = webDeployment(2, 'nginx:1.27');

function cluster() {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': WEB });
  s.ok('apply -f web.yaml');
  return { tc, ...s };
}

describe('kubectl wait', () => {
  it('blocks while simulated time runs until a Deployment is Available', () => {
    const { tc, ok } = cluster();
    const t0 = tc.cluster.now();
    expect(ok('wait --for=condition=available deployment/web --timeout=60s')).toBe('deployment.apps/web condition met\n');
    expect(tc.cluster.now()).toBeGreaterThan(t0);
    const d = tc.get('Deployment', 'web')!;
    expect(d.status!.availableReplicas).toBe(2);
    expect(ok('wait --for=condition=Ready pod -l app=web').trim().split('\n')).toHaveLength(2);
    expect(ok("wait --for=jsonpath='{.status.readyReplicas}'=2 deploy/web")).toBe('deployment.apps/web condition met\n');
  });

  it('waits for a deletion, and for an object to be created', () => {
    const { tc, ok } = cluster();
    tc.settle();
    const pod = tc.pods({ selector: 'app=web' })[0].metadata!.name!;
    ok(`delete pod ${pod} --wait=false`);
    expect(ok(`wait --for=delete pod/${pod} --timeout=60s`)).toBe(`pod/${pod} condition met\n`);
    expect(tc.get('Pod', pod)).toBeUndefined();
    expect(ok('wait --for=delete pod/never-existed')).toBe('pod/never-existed condition met\n');
  });

  it("times out with kubectl's words, and checks once with --timeout=0", () => {
    const { tc, run } = cluster();
    tc.settle();
    run('set image deploy/web nginx=nginx:no-such-tag');
    const t0 = tc.cluster.now();
    expect(run('wait --for=jsonpath={.status.readyReplicas}=3 deploy/web --timeout=20s')).toEqual({ exitCode: 1, output: 'error: timed out waiting for the condition on deployments/web\n' });
    expect(tc.cluster.now() - t0).toBe(20_000);
    expect(run('wait --for=condition=Progressing=False deploy/web --timeout=0')).toEqual({ exitCode: 1, output: 'error: condition not met for deployments/web\n' });
    expect(run('wait --for=condition=Ready pod/nope')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(run('wait deploy/web')).toMatchObject({ exitCode: 1 });
    expect(run('wait --for=ready deploy/web')).toEqual({ exitCode: 1, output: 'error: unrecognized condition: "ready"\n' });
  });
});
