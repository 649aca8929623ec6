import { describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- the tests read the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testCluster } from '../testing/testCluster';
import { boundPod, recordStatuses } from './testing';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/k8s-website-examples/', import.meta.url));
const corpus = (path: string) => readFileSync(CORPUS + path, 'utf8').replace(/^spec:\n/m, 'spec:\n  nodeName: worker-1\n');

function startedAt(c: ReturnType<typeof testCluster>, pod: string): number {
  return c.cluster.recorder.log.find((e) => e.reason === 'Started' && e.involvedObject.name === pod)!.time / 1000;
}

describe('probes', () => {
  it('follows the docs exec-liveness vector: failures at 35, 40, 45 s, then a kill and a restart', () => {
    const c = testCluster();
    c.apply(corpus('pods/probe/exec-liveness.yaml')).advance('100s');
    const t0 = startedAt(c, 'liveness-exec');
    const log = c.cluster.recorder.log.filter((e) => e.involvedObject.name === 'liveness-exec');
    const unhealthy = log.filter((e) => e.reason === 'Unhealthy').map((e) => Math.round(e.time / 1000 - t0));
    expect(unhealthy.slice(0, 3)).toEqual([35, 40, 45]);
    expect(log.find((e) => e.reason === 'Unhealthy')!.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    const killing = log.find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Container liveness failed liveness probe, will be restarted');
    expect(Math.round(killing.time / 1000 - t0)).toBe(45);
    const cs = c.get('Pod', 'liveness-exec')!.status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    // sh as PID 1 ignores TERM: the container is killed when the 30 s grace period ends.
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    c.expectNoInternalErrors();
  });

  it('restarts the docs http-liveness server once /healthz answers 500', () => {
    const c = testCluster();
    c.apply(corpus('pods/probe/http-liveness.yaml')).advance('60s');
    const msgs = c.eventsFor('liveness-http');
    expect(msgs).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(msgs).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    expect(c.get('Pod', 'liveness-http')!.status.containerStatuses[0].restartCount).toBeGreaterThanOrEqual(1);
  });

  it('flips readiness (and the pod Ready condition) as the probe result changes, without restarts', () => {
    const c = testCluster();
    const statuses: boolean[] = [];
    c.api.watch('Pod', (ev) => {
      if (ev.object.metadata.name !== 'ready') return;
      const r = (ev.object.status?.conditions ?? []).find((x: any) => x.type === 'Ready')?.status === 'True';
      if (statuses[statuses.length - 1] !== r) statuses.push(r);
    });
    c.apply(
      boundPod(
        'ready',
        '  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "touch /tmp/ready; sleep 30; rm /tmp/ready; sleep 30; touch /tmp/ready; sleep 3600"]\n    readinessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 5}\n',
      ),
    );
    c.advance('20s');
    expect(c.get('Pod', 'ready')!.status.containerStatuses[0].ready).toBe(true);
    c.advance('30s');
    const pod = c.get('Pod', 'ready')!;
    expect(pod.status.containerStatuses[0].ready).toBe(false);
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.conditions.find((x: any) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(c.eventsFor('ready')).toContain("Unhealthy: Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory");
    c.advance('30s');
    expect(c.get('Pod', 'ready')!.status.containerStatuses[0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(statuses).toEqual([false, true, false, true]);
  });

  it('reports connection refused for a port nothing listens on', () => {
    const c = testCluster();
    c.apply(boundPod('tcp', '  - name: web\n    image: nginx:1.27\n    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}\n')).advance('30s');
    const ip = c.get('Pod', 'tcp')!.status.podIP;
    expect(c.eventsFor('tcp')).toContain(`Unhealthy: Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    expect(c.get('Pod', 'tcp')!.status.containerStatuses[0].ready).toBe(false);
  });

  it('gates liveness and readiness behind the startup probe', () => {
    const c = testCluster();
    const statuses = recordStatuses(c, 'slow');
    c.apply(
      boundPod(
        'slow',
        '  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "sleep 20; touch /tmp/up; sleep 3600"]\n    startupProbe: {exec: {command: [cat, /tmp/up]}, periodSeconds: 5, failureThreshold: 10}\n    livenessProbe: {exec: {command: [cat, /tmp/up]}, periodSeconds: 5}\n',
      ),
    ).advance('40s');
    const cs = c.get('Pod', 'slow')!.status.containerStatuses[0];
    expect(cs).toMatchObject({ started: true, ready: true, restartCount: 0 });
    expect(c.eventsFor('slow').filter((e) => e.startsWith('Unhealthy: Startup probe failed')).length).toBeGreaterThanOrEqual(3);
    expect(c.eventsFor('slow').some((e) => e.startsWith('Unhealthy: Liveness'))).toBe(false);
    expect(statuses.map((s) => s.status)).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });

  it('kills a container whose startup probe never passes', () => {
    const c = testCluster();
    c.apply(boundPod('never', '  - name: app\n    image: nginx:1.27\n    startupProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 2, failureThreshold: 3}\n')).advance('20s');
    expect(c.eventsFor('never')).toContain('Unhealthy: Startup probe failed: HTTP probe failed with statuscode: 404');
    expect(c.eventsFor('never')).toContain('Killing: Container app failed startup probe, will be restarted');
  });

  it('keeps a cluster of healthy probed pods quiet: passing probes are background timers', () => {
    const c = testCluster();
    c.apply(boundPod('healthy', '  - name: web\n    image: nginx:1.27\n    livenessProbe: {httpGet: {path: /, port: 80}}\n    readinessProbe: {httpGet: {path: /, port: 80}}\n'));
    c.settle('10m');
    expect(c.now).toBeLessThan(60_000);
    expect(c.get('Pod', 'healthy')!.status.containerStatuses[0].ready).toBe(true);
    c.advance('5m');
    expect(c.eventsFor('healthy').some((e) => e.startsWith('Unhealthy'))).toBe(false);
  });
});
