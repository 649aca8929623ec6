import { describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- the tests read the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testCluster } from '../testing/testCluster';
import { boundPod, nodeAgents, recordStatuses } from './testing';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/k8s-website-examples/', import.meta.url));
const corpus = (path: string) => readFileSync(CORPUS + path, 'utf8').replace(/^spec:\n/m, 'spec:\n  nodeName: worker-1\n');

/** The last status the kubelet wrote before the pod went away. */
function finalStatus(c: ReturnType<typeof testCluster>, name: string): { status: any; deletedAt: number } {
  const out: { status: any; deletedAt: number } = { status: undefined, deletedAt: -1 };
  c.api.watch('Pod', (ev) => {
    if (ev.object.metadata.name !== name) return;
    if (ev.type === 'DELETED') out.deletedAt = c.now;
    else out.status = ev.object.status;
  });
  return out;
}

describe('pod termination', () => {
  it('stops each container as its program handles the signal: nginx 0, sleep 137 at the grace end, a trap 143', () => {
    const c = testCluster();
    c.apply(
      boundPod(
        'web',
        '  - {name: nginx, image: "nginx:1.27"}\n  - {name: sleeper, image: "busybox:1.36", command: ["sleep", "3600"]}\n  - {name: trapper, image: "busybox:1.36", command: ["sh", "-c", "trap \'exit\' TERM; sleep 9999 & wait"]}\n',
      ),
    ).advance('20s');
    const fin = finalStatus(c, 'web');
    const statuses = recordStatuses(c, 'web');
    c.api.delete('Pod', 'default', 'web');
    const t0 = c.now;
    c.advance('5s');
    expect(statuses.map((s) => s.status)).toEqual(['Terminating']);
    expect(c.eventsFor('web').filter((e) => e.startsWith('Killing'))).toEqual(['Killing: Stopping container nginx', 'Killing: Stopping container sleeper', 'Killing: Stopping container trapper']);
    c.advance('40s');
    expect(c.get('Pod', 'web')).toBeUndefined();
    // The default grace period is 30 s: the pod goes right after the SIGKILL.
    expect(fin.deletedAt - t0).toBeGreaterThanOrEqual(30_000);
    expect(fin.deletedAt - t0).toBeLessThan(31_000);
    const byName = Object.fromEntries(fin.status.containerStatuses.map((s: any) => [s.name, s.state.terminated]));
    expect(byName.nginx).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(byName.sleeper).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(byName.trapper).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(fin.status.phase).toBe('Failed');
    c.expectNoInternalErrors();
  });

  it('removes a pod whose containers exit at once without waiting for the grace period', () => {
    const c = testCluster();
    c.apply(boundPod('quick', '  - {name: nginx, image: "nginx:1.27"}')).advance('20s');
    const fin = finalStatus(c, 'quick');
    c.api.delete('Pod', 'default', 'quick');
    const t0 = c.now;
    c.advance('10s');
    expect(fin.deletedAt - t0).toBeLessThan(1000);
    expect(fin.status.phase).toBe('Succeeded');
  });

  it('honours a short grace period and its minimum 2 s after the signal', () => {
    const c = testCluster();
    c.apply(boundPod('short', '  - {name: s, image: "busybox:1.36", command: ["sleep", "3600"]}', '  terminationGracePeriodSeconds: 5\n')).advance('20s');
    const fin = finalStatus(c, 'short');
    c.api.delete('Pod', 'default', 'short');
    const t0 = c.now;
    c.advance('20s');
    expect(Math.round((fin.deletedAt - t0) / 1000)).toBe(5);
  });

  it('runs the preStop hook first and grants the 2 s extension when it takes the whole grace period', () => {
    const c = testCluster();
    c.apply(corpus('service/pod-with-graceful-termination.yaml').replace(/[\s\S]*template:\n/, 'apiVersion: v1\nkind: Pod\n').replace(/^ {4}/gm, '').replace('metadata:\n  labels:', 'metadata:\n  name: graceful\n  labels:').replace('spec:\n', 'spec:\n  nodeName: worker-1\n'));
    c.advance('20s');
    const fin = finalStatus(c, 'graceful');
    c.api.delete('Pod', 'default', 'graceful');
    const t0 = c.now;
    c.advance('10m');
    // preStop `sleep 180` is cut at the 120 s grace period; nginx then gets TERM and exits at once.
    expect(Math.round((fin.deletedAt - t0) / 1000)).toBe(120);
    expect(fin.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0 });
  });

  it('runs the docs lifecycle-events hooks: postStart writes a file, preStop quits nginx', () => {
    const c = testCluster();
    c.apply(corpus('pods/lifecycle-events.yaml')).advance('20s');
    const out = nodeAgents(c).exec('default', 'lifecycle-demo', undefined, ['cat', '/usr/share/message'])!;
    expect(out.stdout).toBe('Hello from the postStart handler\n');
    const fin = finalStatus(c, 'lifecycle-demo');
    c.api.delete('Pod', 'default', 'lifecycle-demo');
    const t0 = c.now;
    c.advance('1m');
    expect(fin.deletedAt - t0).toBeLessThan(3000);
    expect(fin.status.containerStatuses[0].state.terminated.exitCode).toBe(0);
  });

  it('removes terminal pods at once and reports never-started containers as lost', () => {
    const c = testCluster();
    c.apply(boundPod('done', '  - {name: d, image: "busybox:1.36", command: ["true"]}', '  restartPolicy: Never\n')).advance('20s');
    c.api.delete('Pod', 'default', 'done');
    expect(c.get('Pod', 'done')).toBeUndefined();
    c.apply(boundPod('stuck', '  - {name: s, image: "nginx:1.161"}')).advance('10s');
    const fin = finalStatus(c, 'stuck');
    c.api.delete('Pod', 'default', 'stuck');
    c.advance('5s');
    expect(fin.status.phase).toBe('Failed');
    expect(fin.status.containerStatuses[0].state.terminated).toEqual({ exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' });
    c.expectNoInternalErrors();
  });

  it('releases the pod IP: the next pod on the node gets a new address', () => {
    const c = testCluster();
    c.apply(boundPod('a', '  - {name: n, image: "nginx:1.27"}')).apply(boundPod('b', '  - {name: n, image: "nginx:1.27"}')).advance('20s');
    const ips = [c.get('Pod', 'a')!.status.podIP, c.get('Pod', 'b')!.status.podIP].sort();
    expect(ips).toEqual(['10.244.1.2', '10.244.1.3']);
    c.apply(boundPod('other', '  - {name: n, image: "nginx:1.27"}', '', 'worker-2')).advance('20s');
    expect(c.get('Pod', 'other')!.status.podIP).toBe('10.244.2.2');
    c.apply(boundPod('host', '  - {name: n, image: "nginx:1.27"}', '  hostNetwork: true\n')).advance('20s');
    expect(c.get('Pod', 'host')!.status.podIP).toBe('172.18.0.3');
  });
});
