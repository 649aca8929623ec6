import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';

// Expected texts are what kubectl v1.32 prints for the same command lines (client-side generators).
describe('kubectl create / run / expose', () => {
  const { ok, run } = session(testCluster());

  it('builds a deployment as kubectl create deployment --dry-run=client -o yaml does', () => {
    expect(ok('kubectl create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml')).toBe(
      `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`,
    );
  });

  it('builds jobs, cron jobs, services, namespaces, config maps, secrets and service accounts', () => {
    expect(ok('create job j --image=busybox --dry-run=client -o yaml -- echo hi')).toBe(
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: j\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: j\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n',
    );
    expect(ok('create cronjob cj --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml')).toBe(
      "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: cj\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: cj\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - image: busybox\n            name: cj\n            resources: {}\n          restartPolicy: OnFailure\n  schedule: '*/1 * * * *'\nstatus: {}\n",
    );
    expect(ok('create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    );
    expect(ok('create service loadbalancer lb --tcp=80 --dry-run=client -o yaml')).toContain('  - name: "80"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n');
    expect(ok('create namespace dev --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: dev\nspec: {}\nstatus: {}\n');
    expect(ok('create configmap cfg --from-literal=a=1 --dry-run=client -o yaml')).toBe('apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n');
    expect(ok('create secret generic s --from-literal=pw=secret --dry-run=client -o yaml')).toBe('apiVersion: v1\ndata:\n  pw: c2VjcmV0\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n');
    expect(ok('create sa sa1 --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: sa1\n');
  });

  it('builds pods as kubectl run does, with command or args after --', () => {
    expect(ok('run nginx --image=nginx --port=80 --labels=app=web,tier=fe --env=A=1 --env=B=2 --restart=Never --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n    tier: fe\n  name: nginx\nspec:\n  containers:\n  - env:\n    - name: A\n      value: "1"\n    - name: B\n      value: "2"\n    image: nginx\n    name: nginx\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n',
    );
    expect(ok('run bb --image=busybox --command --dry-run=client -o yaml -- sleep 3600')).toContain('  - command:\n    - sleep\n    - "3600"\n');
    expect(ok('run bb --image=busybox --dry-run=client -o yaml -- sleep 3600')).toContain('  - args:\n    - sleep\n    - "3600"\n');
  });

  it('creates the objects and reports them as kubectl does', () => {
    expect(ok('create deployment web --image=nginx')).toBe('deployment.apps/web created\n');
    expect(ok('run nginx --image=nginx')).toBe('pod/nginx created\n');
    expect(ok('create deployment web2 --image=nginx --dry-run=client')).toBe('deployment.apps/web2 created (dry run)\n');
    expect(run('run nginx --image=nginx')).toEqual({ exitCode: 1, output: 'Error from server (AlreadyExists): pods "nginx" already exists\n' });
    expect(run('create deployment web --image=nginx')).toEqual({ exitCode: 1, output: 'error: failed to create deployment: deployments.apps "web" already exists\n' });
  });

  it('exposes a deployment with its selector, labels and ports', () => {
    expect(ok('expose deploy web --port=80 --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\nstatus:\n  loadBalancer: {}\n'.replace('status:', '  selector:\n    app: web\nstatus:'),
    );
    expect(ok('expose deploy web --port=8080 --target-port=80 --type=NodePort --name=web2')).toBe('service/web2 exposed\n');
    expect(run('expose deploy web')).toEqual({ exitCode: 1, output: "error: couldn't find port via --port flag or introspection\n" });
  });

  it('reports missing flags and arguments with kubectl\'s wording', () => {
    expect(run('create deployment web3')).toEqual({ exitCode: 1, output: 'error: required flag(s) "image" not set\n' });
    expect(run('create foo')).toEqual({ exitCode: 1, output: "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n" });
    expect(run('create deployment web --image=nginx --replicas=x')).toEqual({
      exitCode: 1,
      output: `Error: invalid argument "x" for "-r, --replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n`,
    });
  });
});
