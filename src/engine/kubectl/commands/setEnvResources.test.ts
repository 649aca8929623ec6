import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';

const WEB = `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {log-level: debug, mode: fast}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: "nginx:1.27"
        env:
        - {name: A, value: "1"}
        - name: POD
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
      - {name: side, image: busybox, command: [sleep, "3600"]}
`;

function cluster() {
  const tc = testCluster();
  const s = session(tc, { 'web.yaml': WEB });
  s.ok('apply -f web.yaml');
  tc.settle();
  return { tc, ...s };
}

const containers = (tc: ReturnType<typeof testCluster>) => tc.get('Deployment', 'web')!.spec.template.spec.containers as { name: string; env?: unknown[]; resources?: unknown }[];

describe('kubectl set env', () => {
  it('sets, replaces and removes variables in the pod template, and the rollout gives pods the new env', () => {
    const { tc, ok } = cluster();
    expect(ok('set env deployment/web -c nginx A=2 B=3')).toBe('deployment.apps/web env updated\n');
    expect(containers(tc)[0].env).toEqual([{ name: 'A', value: '2' }, { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }, { name: 'B', value: '3' }]);
    expect(containers(tc)[1].env).toBeUndefined();
    ok('set env deploy/web -c nginx A-');
    expect(containers(tc)[0].env).toHaveLength(2);
    tc.settle();
    const pod = tc.readyPods({ selector: 'app=web' })[0];
    expect(ok(`exec ${pod.metadata!.name} -c nginx -- printenv B`)).toBe('3\n');
  });

  it('lists variables per container, naming references as kubectl does', () => {
    const { ok } = cluster();
    expect(ok('set env deployment/web --list')).toBe('# Deployment web, container nginx\nA=1\n# POD from field path metadata.name\n# Deployment web, container side\n');
  });

  it('imports a ConfigMap with --from and --prefix', () => {
    const { tc, ok, run } = cluster();
    ok('set env deploy/web -c side --from=configmap/cfg --prefix=APP_');
    expect(containers(tc)[1].env).toEqual([
      { name: 'APP_LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'log-level' } } },
      { name: 'APP_MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
    ]);
    expect(run('set env deploy/web')).toEqual({ exitCode: 1, output: 'error: at least one environment variable must be provided\n' });
    expect(run('set env deploy/web A=5 --overwrite=false').output).toBe("error: 'A' already has a value (1), and --overwrite is false\n");
  });
});

describe('kubectl set resources', () => {
  it('sets limits and requests on the chosen containers', () => {
    const { tc, ok, run } = cluster();
    expect(ok('set resources deployment web -c nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m')).toBe('deployment.apps/web resource requirements updated\n');
    expect(containers(tc)[0].resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    expect(containers(tc)[1].resources).toEqual({});
    expect(run('set resources deploy web')).toEqual({ exitCode: 1, output: 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n' });
    expect(run('set resources deploy web --limits=cpu=lots').exitCode).toBe(1);
    expect(run('set resources deploy web --requests=cpu=2 --limits=cpu=1').output).toContain('* spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n');
  });
});
