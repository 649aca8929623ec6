import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
import type { ApiError } from '../../api/errors';
import { checkLogStatus } from './logs';

const FILES = {
  'app.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {greeting: hello}
---
apiVersion: v1
kind: Service
metadata: {name: my-nginx}
spec:
  selector: {app: two}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: two, labels: {app: two}}
spec:
  containers:
  - name: a
    image: nginx
    env:
    - {name: MODE, value: prod}
    - name: GREETING
      valueFrom: {configMapKeyRef: {name: cfg, key: greeting}}
    volumeMounts: [{name: cfg, mountPath: /etc/config}]
  - {name: b, image: redis}
  volumes: [{name: cfg, configMap: {name: cfg}}]
`,
};

function setup() {
  const tc = testCluster();
  const s = session(tc, FILES);
  s.ok('apply -f app.yaml');
  tc.settle();
  return { tc, ...s };
}

describe('kubectl exec', () => {
  it('runs programs of the simulated shell in the default container, saying which it chose', () => {
    const { ok, run } = setup();
    expect(run('exec two -- hostname')).toEqual({ exitCode: 0, output: 'Defaulted container "a" out of: a, b\ntwo\n' });
    expect(ok('exec two -c a -- printenv MODE GREETING')).toBe('prod\nhello\n');
    expect(ok('exec two -c a -- cat /etc/config/greeting')).toBe('hello');
    expect(ok('exec two -c a -- cat /etc/resolv.conf')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(ok('exec two -c a -- cat /etc/hosts')).toMatch(/^# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n[\s\S]*\n10\.244\.\d+\.\d+\ttwo\n$/);
  });

  it('injects the variables of Services that existed when the container started', () => {
    const { ok } = setup();
    const env = ok('exec two -c a -- env');
    expect(env).toMatch(/^MY_NGINX_SERVICE_HOST=10\.\d+\.\d+\.\d+$/m);
    expect(env).toContain('MY_NGINX_SERVICE_PORT=80\nMY_NGINX_SERVICE_PORT_HTTP=80\n');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    ok('create service clusterip later --tcp=80');
    expect(ok('exec two -c a -- env')).not.toContain('LATER_SERVICE_HOST');
  });

  it('runs sh -c lines with pipes and reports exit codes as kubectl does', () => {
    const { ok, run } = setup();
    expect(ok('exec two -c a -- sh -c "env | grep MODE"')).toBe('MODE=prod\n');
    // nginx is Debian-based: its /bin/sh is dash, which names the line.
    expect(run('exec two -c a -- sh -c "nslookup web"')).toEqual({ exitCode: 127, output: 'sh: 1: nslookup: not found\ncommand terminated with exit code 127\n' });
    expect(run('exec two -c a -- cat /nope')).toEqual({ exitCode: 1, output: 'cat: /nope: No such file or directory\ncommand terminated with exit code 1\n' });
    expect(run('exec two -c a -- nslookup web').output).toMatch(/^error: Internal error occurred: error executing command in container: .*exec: "nslookup": executable file not found in \$PATH: unknown\n$/);
  });

  it('refuses missing commands and the pre-1.30 syntax', () => {
    const { run } = setup();
    expect(run('exec two')).toEqual({ exitCode: 1, output: 'error: you must specify at least one command for the container\n' });
    expect(run('exec two ls')).toEqual({ exitCode: 1, output: 'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n' });
    expect(run('exec nope -- ls')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
  });
});

describe('kubectl logs', () => {
  it('needs a pod and names the container it defaulted to', () => {
    const { run } = setup();
    expect(run('logs').output).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    expect(run('logs two').output.split('\n')[0]).toBe('Defaulted container "a" out of: a, b');
    expect(run('logs two -c zzz')).toEqual({ exitCode: 1, output: 'Error from server (BadRequest): container zzz is not valid for pod two\n' });
    expect(run('logs two -c a --previous')).toEqual({ exitCode: 1, output: 'Error from server (BadRequest): previous terminated container "a" in pod "two" not found\n' });
  });

  it('explains why a container that has not started has no logs (kubelet validateContainerLogStatus)', () => {
    const pod = (state: object, lastState: object = {}) => ({ metadata: { name: 'web' }, status: { containerStatuses: [{ name: 'nginx', state, lastState }] } }) as any;
    const msg = (p: any, previous = false) => {
      try {
        checkLogStatus(p, 'nginx', previous);
        return 'ok';
      } catch (e) {
        return (e as ApiError).kubectlMessage();
      }
    };
    expect(msg(pod({ waiting: { reason: 'ContainerCreating' } }))).toBe('Error from server (BadRequest): container "nginx" in pod "web" is waiting to start: ContainerCreating');
    expect(msg(pod({ waiting: { reason: 'ImagePullBackOff' } }))).toBe('Error from server (BadRequest): container "nginx" in pod "web" is waiting to start: trying and failing to pull image');
    expect(msg(pod({ waiting: { reason: 'ErrImagePull' } }))).toBe('Error from server (BadRequest): container "nginx" in pod "web" is waiting to start: image can\'t be pulled');
    expect(msg(pod({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1, containerID: 'containerd://1' } }))).toBe('ok');
    expect(msg(pod({ running: {} }), true)).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "web" not found');
    expect(msg({ metadata: { name: 'web' }, status: {} } as any)).toBe('Error from server (BadRequest): container "nginx" in pod "web" is not available');
  });

  it('tails the lines the kubelet recorded', () => {
    const { tc, ok } = setup();
    const all = tc.cluster.controlPlane.nodes.containerLogs('default', 'two', 'a') ?? [];
    expect(ok('logs two -c a --tail=2')).toBe(all.slice(-2).map((l) => l + '\n').join(''));
  });
});

describe('kubectl top and chaos', () => {
  it('prints pod and node metrics from the simulated metrics-server', () => {
    const { ok } = setup();
    expect(ok('top pod')).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+\ntwo\s+\d+m\s+\d+Mi\s+\n$/);
    expect(ok('top node').split('\n')[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s+$/);
  });

  it('stops and starts kubelets and kills pods, refusing unknown names', () => {
    const { tc, ok, run } = setup();
    expect(ok('chaos node-down worker-1')).toBe('node/worker-1 kubelet stopped\n');
    expect(tc.cluster.controlPlane.nodes.isRunning('worker-1')).toBe(false);
    expect(ok('chaos node-up node/worker-1')).toBe('node/worker-1 kubelet started\n');
    expect(run('chaos node-down worker-9')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): nodes "worker-9" not found\n' });
    expect(ok('chaos kill two')).toBe('pod/two killed\n');
    expect(run('chaos kill nope')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
  });
});
