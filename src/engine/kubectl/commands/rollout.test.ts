import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
import { rfc3339 } from '../../time';

const web = (image = 'nginx:1.25', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3${extra}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "${image}"}]
`;

function setup(yaml = web()) {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': yaml });
  s.ok('apply -f web.yaml');
  tc.settle();
  return { tc, ...s };
}

const image = (tc: ReturnType<typeof testCluster>) => tc.get('Deployment', 'web')!.spec.template.spec.containers[0].image;

describe('kubectl rollout', () => {
  it('reports status with kubectl\'s progress messages while a rolling update runs', () => {
    const { tc, ok } = setup();
    expect(ok('rollout status deploy/web')).toBe('deployment "web" successfully rolled out\n');
    ok('set image deploy/web nginx=nginx:1.26');
    expect(ok('rollout status deployment/web --watch=false')).toBe('Waiting for deployment spec update to be observed...\n');
    // Watching (the default), it prints on every change of the Deployment and blocks until done
    // while simulated time runs.
    const t0 = tc.cluster.now();
    const lines = ok('rollout status deployment/web').trim().split('\n');
    expect(tc.cluster.now()).toBeGreaterThan(t0);
    expect(lines[0]).toBe('Waiting for deployment spec update to be observed...');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(tc.get('Deployment', 'web')!.status!.updatedReplicas).toBe(3);
  });

  it('gives up with kubectl\'s error on --timeout, and on a rollout past its progress deadline', () => {
    const { run } = setup();
    run('set image deploy/web nginx=nginx:no-such-tag');
    const timedOut = run('rollout status deploy/web --timeout=15s');
    expect(timedOut.exitCode).toBe(1);
    expect(timedOut.output).toMatch(/Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\nerror: timed out waiting for the condition\n$/);
    const stuck = run('rollout status deploy/web');
    expect(stuck.exitCode).toBe(1);
    expect(stuck.output).toMatch(/\nerror: deployment "web" exceeded its progress deadline\n$/);
  });

  it('lists revisions, shows one revision\'s template, and rolls back to the previous one', () => {
    const { tc, ok, run } = setup();
    ok('set image deploy/web nginx=nginx:1.26');
    tc.settle();
    expect(ok('rollout history deploy/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    const rev1 = ok('rollout history deploy/web --revision=1');
    expect(rev1).toMatch(/^deployment.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=[4-9bcdf]+\n {2}Containers:\n {3}nginx:\n {4}Image:\tnginx:1.25\n/);
    expect(run('rollout history deploy/web --revision=7')).toEqual({ exitCode: 1, output: 'error: unable to find the specified revision\n' });

    expect(ok('rollout undo deploy/web')).toBe('deployment.apps/web rolled back\n');
    expect(image(tc)).toBe('nginx:1.25');
    expect(tc.get('Deployment', 'web')!.spec.template.metadata.labels).toEqual({ app: 'web' });
    tc.settle();
    // The old ReplicaSet is reused and becomes revision 3 (facts §1.6).
    expect(ok('rollout history deploy/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(ok('rollout undo deploy/web --to-revision=3')).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(run('rollout undo deploy/web --to-revision=9')).toEqual({ exitCode: 1, output: 'error: unable to find specified revision 9 in history\n' });
    expect(ok('rollout undo deploy/web --to-revision=2 --dry-run=client')).toMatch(/^deployment.apps\/web Pod Template:\n[\s\S]*Image:\tnginx:1.26\n[\s\S]* \(dry run\)\n$/);
  });

  it('refuses to undo without history', () => {
    const { run } = setup();
    expect(run('rollout undo deploy/web')).toEqual({ exitCode: 1, output: 'error: no rollout history found for deployment "web"\n' });
  });

  it('pauses, resumes and restarts', () => {
    const { tc, ok, run } = setup();
    expect(ok('rollout pause deploy/web')).toBe('deployment.apps/web paused\n');
    expect(run('rollout pause deploy/web')).toEqual({ exitCode: 1, output: 'error: deployments.apps "web" is already paused\n' });
    expect(run('rollout undo deploy/web')).toEqual({ exitCode: 1, output: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n" });
    expect(run('rollout restart deploy/web')).toEqual({ exitCode: 1, output: "error: can't restart paused deployment (run rollout resume first)\n" });
    expect(ok('rollout resume deploy/web')).toBe('deployment.apps/web resumed\n');
    expect(run('rollout resume deploy/web')).toEqual({ exitCode: 1, output: 'error: deployments.apps "web" is not paused\n' });
    expect(ok('rollout restart deploy/web')).toBe('deployment.apps/web restarted\n');
    expect(tc.get('Deployment', 'web')!.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': rfc3339(tc.now) });
  });

  it('fails when the deployment exceeded its progress deadline', () => {
    const { tc, run } = setup(web('nginx:1.25', '\n  progressDeadlineSeconds: 10'));
    tc.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.template.spec.containers[0].resources = { requests: { cpu: '100' } };
    });
    tc.advance('60s');
    expect(run('rollout status deploy/web')).toEqual({ exitCode: 1, output: 'error: deployment "web" exceeded its progress deadline\n' });
  });

  it('reports kinds without a status viewer', () => {
    const { ok, run } = setup();
    ok('run solo --image=nginx');
    expect(run('rollout status pod/solo')).toEqual({ exitCode: 1, output: 'error: no status viewer has been implemented for Pod\n' });
  });
});
