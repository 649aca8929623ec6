import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
import { clientPod, MY_NGINX, MY_NGINX_SVC } from '../../network/testing';

const SERVE_HOSTNAME = `apiVersion: apps/v1
kind: Deployment
metadata: {name: hostnames}
spec:
  replicas: 1
  selector: {matchLabels: {app: hostnames}}
  template:
    metadata: {labels: {app: hostnames}}
    spec:
      containers: [{name: hostnames, image: registry.k8s.io/serve_hostname}]
---
apiVersion: v1
kind: Service
metadata: {name: hostnames}
spec: {selector: {app: hostnames}, ports: [{port: 80, targetPort: 9376}]}
`;

function setup() {
  const tc = testCluster();
  const s = session(tc);
  tc.apply(MY_NGINX).apply(MY_NGINX_SVC).apply(SERVE_HOSTNAME);
  tc.apply(clientPod('busybox', 'busybox:1.28')).apply(clientPod('dnsutils', 'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3')).apply(clientPod('curl', 'curlimages/curl'));
  tc.apply(`apiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec: {selector: {app: none}, ports: [{port: 80}]}\n`);
  tc.settle();
  return { tc, ...s };
}

describe('network tools in kubectl exec', () => {
  it('nslookup in busybox:1.28 answers as the DNS debugging docs show', () => {
    const { ok, run } = setup();
    expect(ok('exec busybox -- nslookup kubernetes.default')).toBe(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n',
    );
    expect(run('exec busybox -- nslookup nope')).toEqual({
      exitCode: 1,
      output: "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'nope'\ncommand terminated with exit code 1\n",
    });
  });

  it("nslookup in the dnsutils image answers in bind's format, NXDOMAIN included", () => {
    const { ok, run } = setup();
    expect(ok('exec dnsutils -- nslookup kubernetes.default')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
    expect(run('exec dnsutils -- nslookup nope').output).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\ncommand terminated with exit code 1\n");
  });

  it('curl prints the page a pod serves, and curl failures as curl words them', () => {
    const { ok, run } = setup();
    expect(ok('exec curl -- curl -s http://my-nginx')).toContain('<h1>Welcome to nginx!</h1>');
    expect(ok('exec curl -- curl -s hostnames')).toMatch(/^hostnames-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(run('exec curl -- curl -sS http://nope')).toEqual({ exitCode: 6, output: 'curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n' });
    expect(run('exec curl -- curl -sS http://empty').output).toBe("curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n");
    expect(run('exec curl -- curl -sS -m 5 http://my-nginx:8080').output).toBe('curl: (28) Connection timed out after 5001 milliseconds\ncommand terminated with exit code 28\n');
    // Without -s (and without a terminal) curl shows its progress meter on stderr.
    expect(run('exec curl -- curl http://my-nginx').output).toMatch(/\n {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n100 {3}615 {2}100 {3}615 {4}0 {5}0 +\d+k? +0 --:--:-- --:--:-- --:--:-- +\d+k?\n$/);
  });

  it('wget -qO- in busybox prints the page; a refused connection and a missing name as busybox says them', () => {
    const { tc, ok, run } = setup();
    expect(ok('exec busybox -- wget -qO- http://my-nginx')).toContain('<title>Welcome to nginx!</title>');
    const ip = tc.get('Service', 'empty')!.spec.clusterIP;
    expect(run('exec busybox -- wget -qO- http://empty').output).toBe(`wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`);
    expect(run('exec busybox -- wget -qO- http://nope').output).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
  });

  it('gets no answer from a Service address with ping, and answers from a pod', () => {
    const { tc, run } = setup();
    const ip = tc.get('Service', 'my-nginx')!.spec.clusterIP;
    expect(run(`exec busybox -- ping -c 2 ${ip}`)).toEqual({
      exitCode: 1,
      output: `PING ${ip} (${ip}): 56 data bytes\n\n--- ${ip} ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\ncommand terminated with exit code 1\n`,
    });
    const podIP = tc.pods({ selector: 'run=my-nginx' })[0].status!.podIP;
    expect(run(`exec busybox -- ping -c 1 ${podIP}`).output).toMatch(new RegExp(`^PING ${podIP.replace(/\./g, '\\.')} \\(.*\\): 56 data bytes\n64 bytes from .*: seq=0 ttl=6[34] time=`));
  });

  it('has only the tools the image ships: curl in nginx, no curl in busybox', () => {
    const { tc, ok, run } = setup();
    const nginx = tc.pods({ selector: 'run=my-nginx' })[0].metadata.name;
    expect(ok(`exec ${nginx} -- curl -s localhost`)).toContain('Welcome to nginx!');
    expect(run('exec busybox -- curl http://my-nginx').output).toMatch(/exec: "curl": executable file not found in \$PATH: unknown\n$/);
    expect(run('exec busybox -- sh -c "curl http://my-nginx"')).toEqual({ exitCode: 127, output: 'sh: curl: not found\ncommand terminated with exit code 127\n' });
  });

  it('records exec requests as traces for the canvas', () => {
    const { tc, ok } = setup();
    ok('exec curl -- curl -s http://my-nginx');
    const last = tc.cluster.controlPlane.network.snapshot().traces.at(-1)!;
    expect(last).toMatchObject({ client: 0, outcome: '200' });
    expect(last.hops[0]).toMatchObject({ kind: 'client', ref: { kind: 'Pod', name: 'curl' } });
  });
});

/** The docs' example, pods/probe/exec-liveness.yaml. */
const LIVENESS = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;

const READINESS = `apiVersion: v1
kind: Pod
metadata: {name: gate}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "sleep 3600"]
    readinessProbe:
      exec: {command: [cat, /tmp/ready]}
      periodSeconds: 2
`;

describe('kubectl exec runs in the container itself', () => {
  it("sees the files the container's own program wrote, and writes files it then sees", () => {
    const tc = testCluster();
    const { ok, run } = session(tc);
    tc.apply(LIVENESS).advance('15s');
    // The docs' liveness example: `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`.
    expect(run('exec liveness-exec -- cat /tmp/healthy')).toEqual({ exitCode: 0, output: '' });
    expect(ok('exec liveness-exec -- ls /tmp')).toBe('healthy\n');
    expect(ok("exec liveness-exec -- sh -c 'echo hi > /tmp/note; cat /tmp/note'")).toBe('hi\n');
    expect(ok('exec liveness-exec -- cat /tmp/note')).toBe('hi\n');
    tc.advance('25s');
    expect(run('exec liveness-exec -- cat /tmp/healthy')).toEqual({ exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\ncommand terminated with exit code 1\n" });
  });

  it('a file removed with exec fails the next liveness probe; one created passes readiness', () => {
    const tc = testCluster();
    const { ok } = session(tc);
    tc.apply(LIVENESS).advance('10s');
    // Before the program removes it at 30s, the learner removes it by hand.
    ok('exec liveness-exec -- rm /tmp/healthy');
    tc.advance('20s');
    expect(tc.eventMessages('Unhealthy')[0]).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(tc.eventMessages('Killing')).toContain('Container liveness failed liveness probe, will be restarted');

    tc.apply(READINESS).advance('20s');
    const ready = () => tc.get('Pod', 'gate')!.status!.conditions!.find((c: { type: string }) => c.type === 'Ready')!.status;
    expect(ready()).toBe('False');
    ok('exec gate -- touch /tmp/ready');
    tc.advance('5s');
    expect(ready()).toBe('True');
    ok('exec gate -- rm /tmp/ready');
    tc.advance('10s');
    expect(ready()).toBe('False');
  });

  it('is refused for commands the image does not have, and answered by the shell inside a script', () => {
    const tc = testCluster();
    const { run } = session(tc);
    tc.apply(READINESS).advance('20s');
    expect(run('exec gate -- frobnicate').output).toMatch(/exec: "frobnicate": executable file not found in \$PATH: unknown\n$/);
    expect(run('exec gate -- sh -c "frobnicate; echo after"')).toEqual({ exitCode: 0, output: 'sh: frobnicate: not found\nafter\n' });
  });
});
