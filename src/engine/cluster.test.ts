import { describe, expect, it } from 'vitest';
import { testCluster } from './testing/testCluster';

describe('a fresh cluster', () => {
  it('has the four system namespaces and a control-plane plus the requested workers', () => {
    const c = testCluster({ workers: 3 });
    expect(c.list('Namespace').map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(c.list('Node').map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    c.expectNoInternalErrors();
  });

  it('runs a bare pod to Running on a worker', () => {
    const c = testCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: {name: nginx}
spec:
  containers: [{name: nginx, image: nginx:1.27}]
`).settle('2m');
    const pod = c.get('Pod', 'nginx')!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.spec.nodeName).toMatch(/^worker-/);
    c.expectNoInternalErrors();
  });

  it('gives every write a strictly larger resourceVersion', () => {
    const c = testCluster();
    const seen: number[] = [];
    c.api.watchAll((ev) => seen.push(Number(ev.object.metadata.resourceVersion)));
    c.apply(`{apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: v}}`);
    c.apply(`{apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: w}}`);
    c.api.delete('ConfigMap', 'default', 'a');
    expect(seen.length).toBe(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
  });
});
