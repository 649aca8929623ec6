import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
`;

function cluster() {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': WEB });
  s.ok('apply -f web.yaml');
  tc.settle();
  return { tc, ...s };
}

describe('kubectl get', () => {
  it('lists pods with the upstream columns and "No resources found" for an empty namespace', () => {
    const { ok, run } = cluster();
    const out = ok('get pods');
    expect(out.split('\n')[0]).toBe('NAME                   READY   STATUS    RESTARTS   AGE');
    expect(out.trim().split('\n')).toHaveLength(3);
    expect(out).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+-\w{5}\s+1\/1\s+Running\s+0\s+\d+s$/m);
    expect(run('get pods -n kube-public')).toEqual({ exitCode: 0, output: 'No resources found in kube-public namespace.\n' });
    expect(run('get pods -A -l app=nope')).toEqual({ exitCode: 0, output: 'No resources found\n' });
  });

  it('expands "all" in discovery order with kind-prefixed names and blank lines between kinds', () => {
    const { ok } = cluster();
    const blocks = ok('get all').trimEnd().split('\n\n');
    expect(blocks.map((b) => b.split('\n')[1].split(' ')[0].split('/')[0])).toEqual(['pod', 'service', 'deployment.apps', 'replicaset.apps']);
  });

  it('accepts every resource argument form', () => {
    const { ok } = cluster();
    expect(ok('get deploy/web -o name')).toBe('deployment.apps/web\n');
    expect(ok('get deployment.apps/web -o name')).toBe('deployment.apps/web\n');
    expect(ok('get deployments.apps web -o name')).toBe('deployment.apps/web\n');
    expect(ok('get deploy,svc -o name')).toBe('deployment.apps/web\nservice/kubernetes\n');
    expect(ok('get deploy web --no-headers').startsWith('web   2/2')).toBe(true);
  });

  it('reports bad input with kubectl\'s wording and exit code 1', () => {
    const { run } = cluster();
    expect(run('get foo')).toEqual({ exitCode: 1, output: 'error: the server doesn\'t have a resource type "foo"\n' });
    expect(run('get pods nope')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(run('get pods --foo')).toEqual({ exitCode: 1, output: "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    expect(run('get pods -x')).toEqual({ exitCode: 1, output: "Error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n" });
    expect(run('get pods -n')).toEqual({ exitCode: 1, output: "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n" });
    expect(run('get pods/a/b')).toEqual({ exitCode: 1, output: 'error: arguments in resource/name form may not have more than one slash\n' });
    expect(run('get svc/web pods').output).toMatch(/^error: there is no need to specify a resource type as a separate argument/);
    expect(run('get pods -o foo').output).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
    expect(run('get pods --field-selector foo=bar').output).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    );
    expect(run('get').output).toMatch(/^You must specify the type of resource to get/);
  });

  it('prints one object for a single name and a List otherwise with -o yaml/json', () => {
    const { ok } = cluster();
    expect(ok('get deploy web -o yaml')).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(ok('get deploy -o yaml')).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: apps\/v1\n[\s\S]*\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
    expect(JSON.parse(ok('get deploy web -o json')).metadata.name).toBe('web');
  });

  it('supports jsonpath, custom-columns, field selectors, sort-by and local pipes', () => {
    const { ok, run } = cluster();
    expect(ok('get svc kubernetes -o jsonpath={.spec.clusterIP}')).toBe('10.96.0.1');
    expect(ok("get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'")).toBe('control-plane\nworker-1\nworker-2\nworker-3\n');
    expect(ok('get nodes -o custom-columns=NAME:.metadata.name,UNSCHED:.spec.unschedulable --no-headers')).toBe(
      'control-plane   <none>\nworker-1        <none>\nworker-2        <none>\nworker-3        <none>\n',
    );
    expect(ok('get pods --field-selector status.phase=Running -o name').trim().split('\n')).toHaveLength(2);
    expect(ok('get nodes --sort-by=.metadata.name -o name | head -1')).toBe('node/control-plane\n');
    expect(run('get pods | grep nothing-here')).toEqual({ exitCode: 1, output: '' });
  });

  it('lists events in the API\'s name order (grouped by object), not by time, with the object they are about', () => {
    const { ok } = cluster();
    const lines = ok('get events').trim().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(lines.some((l) => /ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-\w+ from 0 to 2/.test(l))).toBe(true);
    const names = ok("get events -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'").trim().split('\n');
    expect(names).toEqual([...names].sort());
    const objects = lines.slice(1).map((l) => l.split(/\s{2,}/)[3]);
    // Name order: "web.<hex>" sorts before "worker-1.<hex>", whatever happened first.
    expect(objects.indexOf('deployment/web')).toBeLessThan(objects.indexOf('node/worker-1'));
  });
});

describe('kubectl describe', () => {
  it('describes by name, by prefix and by selector, separating objects with blank lines', () => {
    const { ok, run } = cluster();
    expect(ok('describe deploy web')).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
    const pods = ok('describe pods web');
    expect(pods.split('\n\n\nName:')).toHaveLength(2);
    expect(ok('describe pods -l app=web')).toBe(pods);
    expect(run('describe pods nope')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(run('describe')).toEqual({ exitCode: 1, output: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n' });
  });

  it('falls back to the generic describer for kinds without their own', () => {
    const { ok } = cluster();
    const out = ok('describe lease -n kube-node-lease worker-1');
    expect(out).toMatch(/^Name:\s+worker-1\nNamespace:\s+kube-node-lease\n/);
    expect(out).toMatch(/\nAPI Version:\s+coordination.k8s.io\/v1\n/);
  });
});
