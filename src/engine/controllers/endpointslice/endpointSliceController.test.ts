import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { testCluster, slicesOf, web, MY_NGINX, MY_NGINX_SVC } from '../../network/testing';

/** A pod that is Ready only while /tmp/ready exists (readinessProbe exec, every second). */
function gated(name: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: gated}}
spec:
  ${extra}
  containers:
  - name: nginx
    image: nginx
    ports: [{containerPort: 80, name: http}]
    readinessProbe:
      exec: {command: [cat, /tmp/ready]}
      periodSeconds: 1
`;
}

const GATED_SVC = `apiVersion: v1
kind: Service
metadata: {name: gated}
spec:
  selector: {app: gated}
  ports: [{name: web, port: 8080, targetPort: http}]
`;

function endpointOf(tc: ReturnType<typeof testCluster>, svc: string, pod: string) {
  for (const s of slicesOf(tc, svc)) for (const e of s.endpoints ?? []) if (e.targetRef?.name === pod) return e;
  return undefined;
}

describe('EndpointSlice controller', () => {
  it('writes one slice per Service as upstream shapes it (the docs my-nginx example)', () => {
    const tc = testCluster().apply(MY_NGINX).apply(MY_NGINX_SVC).settle();
    const [slice, ...more] = slicesOf(tc, 'my-nginx');
    expect(more).toHaveLength(0);
    const svc = tc.get('Service', 'my-nginx')!;
    expect(slice.metadata!.name).toMatch(/^my-nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata!.generateName).toBe('my-nginx-');
    expect(slice.metadata!.labels).toEqual({ run: 'my-nginx', 'kubernetes.io/service-name': 'my-nginx', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'my-nginx', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.metadata!.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T00:00:\d\dZ$/);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
    const pods = tc.pods({ selector: 'run=my-nginx' }) as Pod[];
    expect(slice.endpoints!.map((e) => e.targetRef!.name).sort()).toEqual(pods.map((p) => p.metadata!.name).sort());
    for (const e of slice.endpoints!) {
      const pod = pods.find((p) => p.metadata!.name === e.targetRef!.name)!;
      expect(e).toEqual({
        addresses: [pod.status!.podIP],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata!.name, uid: pod.metadata!.uid },
        nodeName: pod.spec!.nodeName,
      });
    }
    tc.expectNoInternalErrors();
  });

  it('takes a pod out of ready when its readiness probe fails and back when it passes', () => {
    const tc = testCluster().apply(gated('g1')).apply(GATED_SVC).settle('30s');
    expect(endpointOf(tc, 'gated', 'g1')?.conditions).toEqual({ ready: false, serving: false, terminating: false });
    tc.cluster.controlPlane.nodes.exec('default', 'g1', undefined, ['touch', '/tmp/ready']);
    tc.advance('3s');
    expect(endpointOf(tc, 'gated', 'g1')?.conditions).toEqual({ ready: true, serving: true, terminating: false });
    tc.cluster.controlPlane.nodes.exec('default', 'g1', undefined, ['rm', '/tmp/ready']);
    tc.advance('5s');
    expect(endpointOf(tc, 'gated', 'g1')?.conditions).toEqual({ ready: false, serving: false, terminating: false });
    tc.expectNoInternalErrors();
  });

  it('resolves a named targetPort per pod, and groups pods whose ports differ into their own slices', () => {
    const other = `apiVersion: v1
kind: Pod
metadata: {name: odd, labels: {app: gated}}
spec:
  containers: [{name: nginx, image: nginx, ports: [{containerPort: 8081, name: http}]}]
`;
    const tc = testCluster().apply(gated('g1')).apply(other).apply(GATED_SVC).settle('30s');
    const slices = slicesOf(tc, 'gated');
    expect(slices.map((s) => s.ports!.map((p) => `${p.name}:${p.port}/${p.protocol}`).join()).sort()).toEqual(['web:80/TCP', 'web:8081/TCP']);
    expect(slices.find((s) => s.ports![0].port === 8081)!.endpoints!.map((e) => e.targetRef!.name)).toEqual(['odd']);
  });

  it('marks a deleted pod terminating: not ready, serving while its readiness holds', () => {
    const tc = testCluster()
      .apply(
        `apiVersion: v1
kind: Pod
metadata: {name: slow, labels: {app: slow}}
spec:
  containers:
  - name: nginx
    image: nginx
    lifecycle: {preStop: {exec: {command: [sleep, "20"]}}}
`,
      )
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: slow}\nspec: {selector: {app: slow}, ports: [{port: 80}]}\n`)
      .settle('30s');
    tc.api.delete('Pod', 'default', 'slow');
    tc.advance('2s');
    expect(endpointOf(tc, 'slow', 'slow')?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    tc.settle('2m');
    expect(tc.get('Pod', 'slow')).toBeUndefined();
    expect(slicesOf(tc, 'slow').flatMap((s) => s.endpoints ?? [])).toEqual([]);
  });

  it('publishes not-ready pods as ready with publishNotReadyAddresses', () => {
    const tc = testCluster()
      .apply(gated('g1'))
      .apply(GATED_SVC.replace('selector:', 'publishNotReadyAddresses: true\n  selector:'))
      .settle('30s');
    expect(endpointOf(tc, 'gated', 'g1')?.conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  it('keeps at most 100 endpoints per slice', () => {
    const tc = testCluster({ workers: 2 }).apply(web('big', 150, 'ports: [{port: 80}]')).settle();
    const sizes = slicesOf(tc, 'big').map((s) => s.endpoints!.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(150);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    tc.api.patch('Deployment', 'default', 'big', (d: any) => void (d.spec.replicas = 40));
    tc.settle();
    const after = slicesOf(tc, 'big').flatMap((s) => s.endpoints ?? []);
    expect(after).toHaveLength(40);
    expect(after.every((e) => e.conditions?.ready)).toBe(true);
    tc.expectNoInternalErrors();
  });

  it('writes a placeholder slice for a selector that matches nothing, and none without a selector or for ExternalName', () => {
    const tc = testCluster()
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: lonely}\nspec: {selector: {app: nobody}, ports: [{port: 80}]}\n`)
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec: {ports: [{port: 80}]}\n`)
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: my.database.example.com}\n`)
      .settle();
    const [placeholder] = slicesOf(tc, 'lonely');
    expect(placeholder).toMatchObject({ addressType: 'IPv4', endpoints: null, ports: null });
    expect(slicesOf(tc, 'manual')).toEqual([]);
    expect(slicesOf(tc, 'ext')).toEqual([]);
    // Pods arriving turn the placeholder into the real slice (an update, not a new object).
    tc.apply(web('nobody', 1).replace(/app: nobody/g, 'app: nobody')).settle();
    tc.api.patch('Service', 'default', 'lonely', (d: any) => void (d.spec.selector = { app: 'nobody' }));
    tc.settle();
    const [slice, ...rest] = slicesOf(tc, 'lonely');
    expect(rest).toHaveLength(0);
    expect(slice.metadata!.name).toBe(placeholder.metadata!.name);
    expect(slice.endpoints).toHaveLength(1);
  });

  it('labels headless slices and has the garbage collector remove slices with their Service', () => {
    const tc = testCluster().apply(web('hl', 2, 'clusterIP: None\n  ports: [{port: 80}]')).settle();
    expect(slicesOf(tc, 'hl')[0].metadata!.labels!['service.kubernetes.io/headless']).toBe('');
    tc.api.delete('Service', 'default', 'hl');
    tc.settle();
    expect(slicesOf(tc, 'hl')).toEqual([]);
    expect(tc.get('Endpoints', 'hl')).toBeUndefined();
  });

  it('points the kubernetes Service at the API server (the API server writes those, not the controller)', () => {
    const tc = testCluster().settle();
    const slice = tc.get('EndpointSlice', 'kubernetes')!;
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: 'https', protocol: 'TCP', port: 6443 }]);
    expect(tc.get('Endpoints', 'kubernetes')!.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
  });
});
