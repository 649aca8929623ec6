import { describe, it, expect } from 'vitest';
import { testCluster, web } from './testing';

const logs = (tc: ReturnType<typeof testCluster>, pod: string, container?: string) => tc.cluster.controlPlane.nodes.containerLogs('default', pod, container) ?? [];

describe('programs in containers use the cluster network', () => {
  it('a busybox wget loop fetches the page through the Service (the docs localhost pattern, across pods)', () => {
    const tc = testCluster()
      .apply(web('web', 2, 'ports: [{port: 80}]'))
      .settle()
      .apply(`apiVersion: v1
kind: Pod
metadata: {name: loop}
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: [sh, -c, 'while true; do wget -qO- http://web | head -n 4; sleep 5; done']
`)
      .settle();
    tc.advance('30s');
    const lines = logs(tc, 'loop');
    expect(lines.filter((l) => l === '<title>Welcome to nginx!</title>').length).toBeGreaterThanOrEqual(5);
    expect(lines.some((l) => /Connection refused|bad address/.test(l))).toBe(false);
  });

  it('a failing curl ends the container with curl\'s exit code and message', () => {
    const tc = testCluster()
      .apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: once}\nspec:\n  restartPolicy: Never\n  containers: [{name: c, image: curlimages/curl, args: [-sS, 'http://no-such-service']}]\n`)
      .settle();
    expect(logs(tc, 'once')).toEqual(['curl: (6) Could not resolve host: no-such-service']);
    expect(tc.get('Pod', 'once')!.status.containerStatuses[0].state.terminated.exitCode).toBe(6);
  });

  it('an init container waiting with nslookup for a headless Service finishes once a pod is ready behind it', () => {
    const tc = testCluster()
      .apply(`apiVersion: v1
kind: Pod
metadata: {name: waiter}
spec:
  initContainers:
  - name: wait-for-db
    image: busybox:1.28
    command: [sh, -c, 'until nslookup db; do echo waiting for db; sleep 2; done']
  containers: [{name: app, image: nginx}]
`)
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}\n`)
      .advance('20s');
    expect(tc.get('Pod', 'waiter')!.status.phase).toBe('Pending');
    tc.apply(web('db', 1).replace(/app: db/g, 'app: db')).settle();
    expect(tc.get('Pod', 'waiter')!.status.phase).toBe('Running');
    expect(logs(tc, 'waiter', 'wait-for-db').filter((l) => l === 'waiting for db').length).toBeGreaterThan(5);
    tc.expectNoInternalErrors();
  });
});
