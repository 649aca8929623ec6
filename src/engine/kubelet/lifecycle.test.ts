import { describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- the tests read the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testCluster } from '../testing/testCluster';
import { boundPod, nodeAgents, recordStatuses, timedEvents } from './testing';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/k8s-website-examples/', import.meta.url));
const corpus = (path: string) => readFileSync(CORPUS + path, 'utf8');
/** A docs manifest bound straight to worker-1 (namespace dropped), so the kubelet is tested alone. */
const bindToWorker = (yaml: string) => yaml.replace(/^ {2}namespace: .*\n/m, '').replace(/^spec:\n/m, 'spec:\n  nodeName: worker-1\n');

describe('a plain nginx pod', () => {
  it('pulls, creates and starts its container with the kubelet events, then runs Ready', () => {
    const c = testCluster();
    const statuses = recordStatuses(c, 'web');
    c.apply(boundPod('web', '  - {name: nginx, image: "nginx:1.27", ports: [{containerPort: 80}]}')).advance('30s');
    const ev = timedEvents(c, 'web');
    expect(ev.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[0].message).toBe('Pulling image "nginx:1.27"');
    expect(ev[1].message).toMatch(/^Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(ev[2].message).toBe('Created container: nginx');
    expect(ev[3].message).toBe('Started container nginx');
    const rec = c.cluster.recorder.log.find((e) => e.reason === 'Started')!;
    expect(rec.source).toEqual({ component: 'kubelet', host: 'worker-1' });
    expect(rec.involvedObject.fieldPath).toBe('spec.containers{nginx}');
    // A pull takes visible time: the size over the bandwidth plus the registry round trips.
    expect(ev[1].t - ev[0].t).toBeGreaterThan(3);
    expect(statuses.map((s) => s.status)).toEqual(['Pending', 'ContainerCreating', 'Running']);

    const pod = c.get('Pod', 'web')!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.conditions.map((x: any) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    for (const cond of pod.status.conditions) expect(cond.lastProbeTime).toBeNull();
    expect(pod.status.podIP).toBe('10.244.1.2');
    expect(pod.status.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(pod.status.hostIP).toBe('172.18.0.3');
    const cs = pod.status.containerStatuses[0];
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', lastState: {} });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.state.running.startedAt).toBeDefined();
    c.expectNoInternalErrors();
  });

  it('starts a second pod faster: the image is already on the node', () => {
    const c = testCluster();
    c.apply(boundPod('a', '  - {name: nginx, image: "nginx:1.27"}')).advance('30s');
    c.apply(boundPod('b', '  - {name: nginx, image: "nginx:1.27"}'));
    const t0 = c.now;
    c.until(() => c.get('Pod', 'b')?.status?.phase === 'Running', '30s');
    expect(c.now - t0).toBeLessThan(1500);
    expect(c.eventsFor('b')).toContain('Pulled: Container image "nginx:1.27" already present on machine and can be accessed by the pod');
    expect(c.eventsFor('b').some((e) => e.startsWith('Pulling'))).toBe(false);
    c.expectNoInternalErrors();
  });

  it('serializes pulls on a node: the second waits for the first', () => {
    const c = testCluster();
    c.apply(boundPod('a', '  - {name: a, image: "redis:7"}')).apply(boundPod('b', '  - {name: b, image: "httpd:2.4"}')).advance('60s');
    const waited = c.cluster.recorder.log
      .filter((e) => e.reason === 'Pulled')
      .map((e) => /in ([\d.]+)s \(([\d.]+)s including waiting\)/.exec(e.message)!)
      .map((m) => Number(m[2]) - Number(m[1]));
    expect(waited).toHaveLength(2);
    // One pull ran first; the other waited for it.
    expect(Math.min(...waited)).toBe(0);
    expect(Math.max(...waited)).toBeGreaterThan(1);
  });

  it('keeps a pod Pending while its init containers run in order (Init:N/M)', () => {
    const c = testCluster();
    const statuses = recordStatuses(c, 'init');
    c.apply(
      boundPod(
        'init',
        '  - {name: app, image: "busybox:1.36", command: ["sh", "-c", "echo app; sleep 3600"]}\n',
        '  initContainers:\n  - {name: first, image: "busybox:1.36", command: ["sh", "-c", "sleep 5"]}\n  - {name: second, image: "busybox:1.36", command: ["sh", "-c", "sleep 3"]}\n',
      ),
    ).advance('30s');
    expect(statuses.map((s) => s.status)).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const started = c.cluster.recorder.log.filter((e) => e.reason === 'Started').map((e) => [e.message, e.time]);
    expect(started.map((s) => s[0])).toEqual(['Started container first', 'Started container second', 'Started container app']);
    expect((started[1][1] as number) - (started[0][1] as number)).toBeGreaterThanOrEqual(5000);
    const pod = c.get('Pod', 'init')!;
    expect(pod.status.initContainerStatuses.map((s: any) => s.state.terminated.reason)).toEqual(['Completed', 'Completed']);
    expect(pod.status.initContainerStatuses.every((s: any) => s.ready)).toBe(true);
    c.expectNoInternalErrors();
  });

  it('runs the docs init-containers example: wget fills the shared volume nginx serves', () => {
    const c = testCluster();
    c.apply(bindToWorker(corpus('pods/init-containers.yaml'))).advance('60s');
    const pod = c.get('Pod', 'init-demo')!;
    expect(pod.status.phase).toBe('Running');
    const out = nodeAgents(c).exec('default', 'init-demo', 'nginx', ['cat', '/usr/share/nginx/html/index.html'])!;
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('info.cern.ch');
  });

  it('waits in init containers until the Services they look up exist (the docs myapp-pod)', () => {
    const c = testCluster();
    const wait = (svc: string) => `["sh", "-c", "until nslookup ${svc}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for ${svc}; sleep 2; done"]`;
    c.apply(
      boundPod(
        'myapp-pod',
        "  - {name: myapp-container, image: busybox:1.28, command: ['sh', '-c', 'echo The app is running! && sleep 3600']}\n",
        `  initContainers:\n  - {name: init-myservice, image: busybox:1.28, command: ${wait('myservice')}}\n  - {name: init-mydb, image: busybox:1.28, command: ${wait('mydb')}}\n`,
      ),
    );
    // Waiting for ever changes nothing: the cluster is quiet while the Services are missing.
    c.settle('10m');
    expect(c.get('Pod', 'myapp-pod')!.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(nodeAgents(c).containerLogs('default', 'myapp-pod', 'init-myservice')).toContain("nslookup: can't resolve 'myservice.default.svc.cluster.local'");
    c.apply('{apiVersion: v1, kind: Service, metadata: {name: myservice}, spec: {ports: [{port: 80, targetPort: 9376}]}}');
    c.apply('{apiVersion: v1, kind: Service, metadata: {name: mydb}, spec: {ports: [{port: 80, targetPort: 9377}]}}');
    c.advance('30s');
    const pod = c.get('Pod', 'myapp-pod')!;
    expect(pod.status.phase).toBe('Running');
    expect(nodeAgents(c).containerLogs('default', 'myapp-pod')).toEqual(['The app is running!']);
    c.expectNoInternalErrors();
  });

  it('keeps sidecars (restartable init containers) running beside the app', () => {
    const c = testCluster();
    c.apply(bindToWorker(corpus('application/deployment-sidecar.yaml').replace(/[\s\S]*template:\n/, 'apiVersion: v1\nkind: Pod\n').replace(/^ {4}/gm, '')).replace('metadata:\n  labels:\n    app: myapp', 'metadata:\n  name: sidecar\n  labels:\n    app: myapp'));
    c.advance('20s');
    const pod = c.get('Pod', 'sidecar')!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.initContainerStatuses[0]).toMatchObject({ name: 'logshipper', started: true, ready: true });
    expect(pod.status.initContainerStatuses[0].state.running).toBeDefined();
    // The sidecar tails what the app writes to the shared volume.
    const logs = nodeAgents(c).containerLogs('default', 'sidecar', 'logshipper')!;
    expect(logs.slice(0, 2)).toEqual(["tail: can't open '/opt/logs.txt': No such file or directory", 'tail: /opt/logs.txt has appeared; following end of new file']);
    expect(logs.length).toBeGreaterThan(10);
    expect(logs.slice(2).every((l) => l === 'logging')).toBe(true);
    c.expectNoInternalErrors();
  });
});

describe('containers that exit', () => {
  it('restarts a crashing container at once, then after 10, 20, 40, 80 s of CrashLoopBackOff', () => {
    const c = testCluster();
    const statuses = recordStatuses(c, 'crash');
    c.apply(boundPod('crash', '  - {name: crash, image: "busybox:1.36", command: ["sh", "-c", "echo boom; exit 1"]}')).advance('200s');
    const starts = c.cluster.recorder.log.filter((e) => e.reason === 'Started').map((e) => e.time / 1000);
    const gaps = starts.slice(1).map((t, i) => Math.round(t - starts[i]));
    // Each run exits at once; the kubelet notices at its next relist (1 s), and back-off follows.
    expect(gaps.slice(0, 5)).toEqual([1, 10, 20, 40, 80]);
    expect(statuses.map((s) => s.status).slice(0, 5)).toEqual(['Pending', 'ContainerCreating', 'Error', 'CrashLoopBackOff', 'Error']);
    const backoff = c.eventsFor('crash').filter((e) => e.startsWith('BackOff'));
    const uid = c.get('Pod', 'crash')!.metadata.uid;
    expect(backoff[0]).toBe(`BackOff: Back-off restarting failed container crash in pod crash_default(${uid})`);
    const pod = c.get('Pod', 'crash')!;
    const cs = pod.status.containerStatuses[0];
    expect(pod.status.phase).toBe('Running');
    expect(cs.restartCount).toBe(5);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(nodeAgents(c).containerLogs('default', 'crash', undefined, { previous: true })).toEqual(['boom']);
    c.expectNoInternalErrors();
  });

  it('caps the back-off at 5 minutes and resets it after 10 minutes of running', () => {
    // When each run started, from the pod's status (the kubelet's events are throttled by then).
    const starts = (c: ReturnType<typeof testCluster>) => {
      const seen: number[] = [];
      c.cluster.api.watch('Pod', (ev) => {
        const at = ev.object.status?.containerStatuses?.[0]?.state?.running?.startedAt;
        const t = at ? Date.parse(at) / 1000 : undefined;
        if (t !== undefined && seen[seen.length - 1] !== t) seen.push(t);
      });
      return seen;
    };
    const c = testCluster();
    const flaky = starts(c);
    c.apply(boundPod('flaky', '  - {name: f, image: "busybox:1.36", command: ["sh", "-c", "sleep 1; exit 1"]}')).advance('40m');
    const waits = flaky.map((t, i, a) => (i ? Math.round(t - a[i - 1] - 1) : 0));
    // startedAt has whole seconds: each wait is the back-off give or take a second.
    const backOff = [1, 10, 20, 40, 80, 160, 300, 300];
    waits.slice(1, 9).forEach((w, i) => expect(Math.abs(w - backOff[i])).toBeLessThanOrEqual(1));
    expect(waits.slice(1, 9)).toHaveLength(8);
    const slow = testCluster();
    const gaps = starts(slow);
    slow.apply(boundPod('slow', '  - {name: s, image: "busybox:1.36", command: ["sh", "-c", "sleep 660; exit 1"]}')).advance('50m');
    // Every run lasts 11 minutes, longer than twice the cap: each restart starts the back-off over.
    expect(gaps.slice(1).map((t, i) => Math.round(t - gaps[i] - 660))).toEqual([1, 1, 1, 1]);
  });

  it('OOM-kills the docs memory example over its limit (exit 137, OOMKilled)', () => {
    const c = testCluster();
    c.apply('{apiVersion: v1, kind: Namespace, metadata: {name: mem-example}}');
    c.apply(corpus('pods/resource/memory-request-limit-2.yaml').replace('spec:\n', 'spec:\n  nodeName: worker-1\n')).advance('30s');
    const pod = c.get('Pod', 'memory-demo-2', 'mem-example')!;
    const cs = pod.status.containerStatuses[0];
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    const under = testCluster();
    under.apply('{apiVersion: v1, kind: Namespace, metadata: {name: mem-example}}');
    under.apply(corpus('pods/resource/memory-request-limit.yaml').replace('spec:\n', 'spec:\n  nodeName: worker-1\n')).advance('60s');
    const ok = under.get('Pod', 'memory-demo', 'mem-example')!;
    expect(ok.status.containerStatuses[0]).toMatchObject({ restartCount: 0, ready: true });
    const m = nodeAgents(under).podMetrics('mem-example', 'memory-demo')!;
    expect(m.containers[0].memoryBytes).toBeGreaterThan(150 * 1024 * 1024);
    expect(m.containers[0].memoryBytes).toBeLessThan(160 * 1024 * 1024);
  });

  it('completes a Never pod (Succeeded, Completed) and fails one that exits 1', () => {
    const c = testCluster();
    const statuses = recordStatuses(c, 'ok');
    c.apply(boundPod('ok', '  - {name: pi, image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}', '  restartPolicy: Never\n'));
    c.apply(boundPod('bad', '  - {name: job, image: "busybox:1.36", command: ["sh", "-c", "echo failing; exit 1"]}', '  restartPolicy: Never\n'));
    c.advance('2m');
    const ok = c.get('Pod', 'ok')!;
    expect(ok.status.phase).toBe('Succeeded');
    expect(ok.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(ok.status.conditions.find((x: any) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(statuses.map((s) => s.status)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed']);
    expect(nodeAgents(c).containerLogs('default', 'ok')![0]).toMatch(/^3\.14159265358979/);
    const bad = c.get('Pod', 'bad')!;
    expect(bad.status.phase).toBe('Failed');
    expect(bad.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(bad.status.containerStatuses[0].restartCount).toBe(0);
    expect(bad.status.conditions.find((x: any) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    c.expectNoInternalErrors();
  });

  it('restarts only failures under OnFailure, until one succeeds', () => {
    const c = testCluster();
    c.apply(boundPod('printenv', '  - {name: p, image: "busybox:1.36", command: ["printenv"], args: ["HOSTNAME", "KUBERNETES_PORT"]}', '  restartPolicy: OnFailure\n')).advance('30s');
    const pod = c.get('Pod', 'printenv')!;
    expect(pod.status.phase).toBe('Succeeded');
    expect(nodeAgents(c).containerLogs('default', 'printenv')).toEqual(['printenv', 'tcp://10.96.0.1:443']);
  });

  it('fails the pod when an init container fails under restartPolicy Never', () => {
    const c = testCluster();
    c.apply(boundPod('initfail', '  - {name: app, image: "nginx:1.27"}', '  restartPolicy: Never\n  initContainers:\n  - {name: setup, image: "busybox:1.36", command: ["sh", "-c", "exit 3"]}\n')).advance('30s');
    const pod = c.get('Pod', 'initfail')!;
    expect(pod.status.phase).toBe('Failed');
    expect(pod.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });
});

describe('pods that cannot start', () => {
  it('keeps a pod ContainerCreating while its ConfigMap is missing, then starts it', () => {
    const c = testCluster();
    c.apply(
      boundPod(
        'cm',
        '  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "cat /etc/config/color; sleep 3600"]\n    volumeMounts: [{name: config, mountPath: /etc/config}]\n',
        '  volumes:\n  - name: config\n    configMap: {name: app-config}\n',
      ),
    ).advance('20s');
    expect(c.get('Pod', 'cm')!.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(c.eventsFor('cm')).toContain('FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    expect(c.cluster.recorder.log.find((e) => e.reason === 'FailedMount')!.type).toBe('Warning');
    const before = c.now;
    c.settle('10m');
    expect(c.now - before).toBeLessThan(60_000);
    c.apply('{apiVersion: v1, kind: ConfigMap, metadata: {name: app-config}, data: {color: blue}}');
    c.settle('10m');
    expect(c.get('Pod', 'cm')!.status.phase).toBe('Running');
    expect(nodeAgents(c).containerLogs('default', 'cm')).toEqual(['blue']);
    c.expectNoInternalErrors();
  });

  it('reports CreateContainerConfigError for a missing ConfigMap key in env', () => {
    const c = testCluster();
    c.apply(
      boundPod(
        'envpod',
        '  - name: app\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n    env: [{name: LEVEL, valueFrom: {configMapKeyRef: {name: special-config, key: special.how}}}]\n',
      ),
    ).advance('30s');
    const w = c.get('Pod', 'envpod')!.status.containerStatuses[0].state.waiting;
    expect(w).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "special-config" not found' });
    expect(c.eventsFor('envpod')).toContain('Failed: Error: configmap "special-config" not found');
    // Retries that fail the same way change nothing: the cluster is quiet while it waits.
    const before = c.now;
    c.settle('10m');
    expect(c.now - before).toBeLessThan(60_000);
    c.apply('{apiVersion: v1, kind: ConfigMap, metadata: {name: special-config}, data: {special.how: very}}');
    c.settle('10m');
    expect(c.get('Pod', 'envpod')!.status.phase).toBe('Running');
  });

  it('fails pulls of images that do not exist, backing off 10 s doubling', () => {
    const c = testCluster();
    const statuses = recordStatuses(c, 'bad');
    c.apply(boundPod('bad', '  - {name: web, image: "nginx:1.161"}')).advance('200s');
    const ev = c.cluster.recorder.log.filter((e) => e.involvedObject.name === 'bad');
    const failed = ev.find((e) => e.reason === 'Failed')!;
    expect(failed.message).toBe(
      'Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    );
    expect(ev.map((e) => `${e.reason}: ${e.message}`)).toContain('Failed: Error: ErrImagePull');
    expect(ev.map((e) => `${e.reason}: ${e.message}`)).toContain('BackOff: Back-off pulling image "nginx:1.161"');
    expect(ev.map((e) => `${e.reason}: ${e.message}`)).toContain('Failed: Error: ImagePullBackOff');
    expect(statuses.map((s) => s.status).slice(0, 5)).toEqual(['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
    const pulls = ev.filter((e) => e.reason === 'Pulling').map((e) => e.time / 1000);
    const fails = ev.filter((e) => e.message.startsWith('Failed to pull')).map((e) => e.time / 1000);
    expect(pulls.slice(1).map((t, i) => Math.round(t - fails[i]))).toEqual([10, 20, 40, 80]);
    const w = c.get('Pod', 'bad')!.status.containerStatuses[0].state.waiting;
    expect(w.reason).toBe('ImagePullBackOff');
    expect(w.message).toMatch(/^Back-off pulling image "nginx:1\.161": ErrImagePull: rpc error: code = NotFound/);
    c.expectNoInternalErrors();
  });

  it('words missing repositories and unresolvable registries as containerd does', () => {
    const c = testCluster();
    c.apply(boundPod('a', '  - {name: a, image: "doesnotexist/app:v1"}')).apply(boundPod('b', '  - {name: b, image: "registry.example/example-image:v1"}')).advance('20s');
    const msg = (n: string) => c.cluster.recorder.log.find((e) => e.involvedObject.name === n && e.message.startsWith('Failed to pull'))!.message;
    expect(msg('a')).toContain('pull access denied, repository does not exist or may require authorization');
    expect(msg('b')).toContain('dial tcp: lookup registry.example');
    expect(msg('b')).toContain('no such host');
  });

  it('refuses invalid image names and absent images under imagePullPolicy Never', () => {
    const c = testCluster();
    c.apply(boundPod('upper', '  - {name: a, image: "NGINX"}')).apply(boundPod('never', '  - {name: b, image: "redis:7", imagePullPolicy: Never}')).advance('10s');
    const upper = c.get('Pod', 'upper')!.status.containerStatuses[0].state.waiting;
    expect(upper.reason).toBe('InvalidImageName');
    expect(upper.message).toBe('Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase');
    expect(c.eventsFor('upper')).toContain('Failed: Error: InvalidImageName');
    const never = c.get('Pod', 'never')!.status.containerStatuses[0].state.waiting;
    expect(never).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "redis:7" is not present with pull policy of Never' });
  });

  it('rejects a pod whose requests do not fit the node (OutOfcpu)', () => {
    const c = testCluster();
    c.apply(boundPod('big', '  - {name: a, image: "nginx:1.27", resources: {requests: {cpu: "6"}}}')).advance('5s');
    const pod = c.get('Pod', 'big')!;
    expect(pod.status.phase).toBe('Failed');
    expect(pod.status.reason).toBe('OutOfcpu');
    expect(pod.status.message).toBe('Pod was rejected: Node didn\'t have enough resource: cpu, requested: 6000, used: 0, capacity: 4000');
    expect(c.eventsFor('big')).toContain("OutOfcpu: Node didn't have enough resource: cpu, requested: 6000, used: 0, capacity: 4000");
  });
});
