import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
import { FORCE_WARNING } from './delete';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}, {name: sidecar, image: "busybox:1.36"}]
`;

function setup() {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': WEB });
  s.ok('apply -f web.yaml');
  s.ok('run solo --image=nginx');
  tc.settle();
  return { tc, ...s };
}

describe('scale and set image', () => {
  it('scales with kubectl\'s messages and checks --current-replicas', () => {
    const { tc, ok, run } = setup();
    expect(ok('scale deploy/web --replicas=4')).toBe('deployment.apps/web scaled\n');
    expect(tc.get('Deployment', 'web')!.spec.replicas).toBe(4);
    expect(run('scale deploy web --replicas=5 --current-replicas=2')).toEqual({ exitCode: 1, output: 'error: Expected replicas to be 2, was 4\n' });
    expect(run('scale deploy/web')).toEqual({ exitCode: 1, output: 'error: required flag(s) "replicas" not set\n' });
    expect(run('scale pod solo --replicas=2')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): the server could not find the requested resource\n' });
  });

  it('sets images by container name or for every container with *', () => {
    const { tc, ok, run } = setup();
    expect(ok('set image deploy/web nginx=nginx:1.26')).toBe('deployment.apps/web image updated\n');
    expect(tc.get('Deployment', 'web')!.spec.template.spec.containers.map((c: any) => c.image)).toEqual(['nginx:1.26', 'busybox:1.36']);
    ok('set image deployment/web *=alpine');
    expect(tc.get('Deployment', 'web')!.spec.template.spec.containers.map((c: any) => c.image)).toEqual(['alpine', 'alpine']);
    expect(run('set image deploy/web foo=bar')).toEqual({ exitCode: 1, output: 'error: unable to find container named "foo"\n' });
    expect(run('set image deploy/web')).toEqual({ exitCode: 1, output: 'error: at least one image update is required\n' });
  });
});

describe('label, annotate, taint, cordon', () => {
  it('labels with --overwrite rules and removes with key-', () => {
    const { tc, ok, run } = setup();
    expect(ok('label pod solo env=prod')).toBe('pod/solo labeled\n');
    expect(run('label pod solo run=x')).toEqual({ exitCode: 1, output: "error: 'run' already has a value (solo), and --overwrite is false\n" });
    expect(ok('label pod solo run=x --overwrite')).toBe('pod/solo labeled\n');
    expect(ok('label pod solo env-')).toBe('pod/solo unlabeled\n');
    expect(ok('label pod solo nope-')).toBe('label "nope" not found.\npod/solo not labeled\n');
    expect(tc.get('Pod', 'solo')!.metadata.labels).toEqual({ run: 'x' });
    expect(run('label pod solo a=b c')).toEqual({ exitCode: 1, output: 'error: all resources must be specified before label changes: c\n' });
    expect(run('label pod solo')).toEqual({ exitCode: 1, output: 'error: at least one label update is required\n' });
    expect(ok('annotate pod solo note=hi')).toBe('pod/solo annotated\n');
    expect(tc.get('Pod', 'solo')!.metadata.annotations).toEqual({ note: 'hi' });
  });

  it('adds and removes taints', () => {
    const { tc, ok, run } = setup();
    expect(ok('taint nodes worker-1 dedicated=gpu:NoSchedule')).toBe('node/worker-1 tainted\n');
    expect(tc.get('Node', 'worker-1', '')!.spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(run('taint node worker-1 dedicated=cpu:NoSchedule')).toEqual({ exitCode: 1, output: 'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n' });
    expect(ok('taint node worker-1 dedicated:NoSchedule-')).toBe('node/worker-1 untainted\n');
    expect(tc.get('Node', 'worker-1', '')!.spec.taints).toBeUndefined();
    expect(run('taint node worker-1 dedicated:NoSchedule-')).toEqual({ exitCode: 1, output: 'error: taint "dedicated:NoSchedule" not found\n' });
    expect(run('taint node worker-1 a=b:Sometimes')).toEqual({ exitCode: 1, output: 'error: invalid taint effect: Sometimes, unsupported taint effect\n' });
  });

  it('cordons and uncordons, saying when nothing changes', () => {
    const { tc, ok } = setup();
    expect(ok('cordon worker-2')).toBe('node/worker-2 cordoned\n');
    expect(ok('cordon worker-2')).toBe('node/worker-2 already cordoned\n');
    expect(ok('get node worker-2 --no-headers')).toMatch(/^worker-2\s+Ready,SchedulingDisabled\s/);
    expect(ok('uncordon worker-2')).toBe('node/worker-2 uncordoned\n');
    expect(tc.get('Node', 'worker-2', '')!.spec.unschedulable).toBeUndefined();
  });
});

describe('delete', () => {
  it('deletes by name with kubectl 1.36 wording and reports missing objects', () => {
    const { tc, ok, run } = setup();
    expect(ok('delete pod solo')).toBe('pod "solo" deleted from default namespace\n');
    expect(tc.get('Pod', 'solo')!.metadata.deletionTimestamp).toBeDefined();
    expect(run('delete pod nope')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(ok('delete pod nope --ignore-not-found')).toBe('');
    expect(run('delete pods')).toEqual({ exitCode: 1, output: 'error: resource(s) were provided, but no name was specified\n' });
  });

  it('force-deletes with the immediate-deletion warning', () => {
    const { tc, ok } = setup();
    expect(ok('delete pod solo --grace-period=0 --force')).toBe(`${FORCE_WARNING}\npod "solo" force deleted from default namespace\n`);
    expect(tc.get('Pod', 'solo')).toBeUndefined();
  });

  it('deletes by selector and cluster-scoped objects without a namespace', () => {
    const { tc, ok } = setup();
    ok('create namespace dev');
    expect(ok('delete pods -l app=web').trim().split('\n')).toHaveLength(2);
    expect(ok('delete ns dev')).toBe('namespace "dev" deleted\n');
    expect(ok('delete pods -l app=nope')).toBe('No resources found\n');
    expect(tc.get('Namespace', 'dev', '')).toBeDefined();
  });

  it('orphans dependents with --cascade=orphan and refuses to delete the default namespace', () => {
    const { tc, ok, run } = setup();
    ok('delete deploy web --cascade=orphan');
    tc.settle();
    expect(tc.list('ReplicaSet').map((rs) => rs.metadata.ownerReferences)).toEqual([undefined]);
    expect(run('delete ns default')).toEqual({ exitCode: 1, output: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n' });
  });
});
