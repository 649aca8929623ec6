import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../engine/api/object';
import { buildClusterModel } from './clusterModel';
import { cluster, pod, service, snapshot } from './fixtures.test-util';

function slice(svc: string, endpoints: { pod?: KObject; ip: string; ready?: boolean; terminating?: boolean; serving?: boolean }[], name = `${svc}-abcde`): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', uid: `slice-${name}`, labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace: 'default', name: e.pod.metadata.name, uid: e.pod.metadata.uid } } : {}),
    })),
    ports: [{ port: 80, protocol: 'TCP' }],
  };
}

describe('Service endpoints on the canvas', () => {
  it('counts a selector-less Service\'s endpoints from its EndpointSlice (kubernetes → control-plane:6443)', () => {
    const kubernetes: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', uid: 'svc-k' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ port: 443 }] } };
    const m = buildClusterModel(snapshot([...cluster(1), kubernetes, slice('kubernetes', [{ ip: '172.18.0.2' }], 'kubernetes')]));
    expect(m.services[0].endpoints).toEqual({ total: 1, ready: 1, terminating: 0 });
  });

  it('reads "ready / all endpoints", terminating ones counted as such', () => {
    const pods = [1, 2, 3].map((i) => pod(`web-${i}`, { node: 'worker-1', labels: { app: 'web' } }));
    const gone = pod('web-4', { node: 'worker-1', labels: { app: 'web' }, deleting: true, ready: false });
    const m = buildClusterModel(snapshot([...cluster(1), ...pods, gone, service('web', { app: 'web' }), slice('web', [...pods.map((p, i) => ({ pod: p, ip: `10.244.1.${i + 2}` })), { pod: gone, ip: '10.244.1.9', ready: false, serving: true, terminating: true }])]));
    expect(m.services[0].endpoints).toEqual({ total: 4, ready: 3, terminating: 1 });
    expect(m.services[0].ready.size).toBe(3);
  });

  it('counts an endpoint in two slices once', () => {
    const p = pod('web-1', { node: 'worker-1', labels: { app: 'web' } });
    const m = buildClusterModel(snapshot([...cluster(1), p, service('web', { app: 'web' }), slice('web', [{ pod: p, ip: '10.244.1.2' }], 'web-a'), slice('web', [{ pod: p, ip: '10.244.1.2' }], 'web-b')]));
    expect(m.services[0].endpoints.total).toBe(1);
  });

  it('falls back to the pods the selector matches before the first slice is written (pods with an address)', () => {
    const pods = [pod('web-1', { node: 'worker-1', labels: { app: 'web' } }), pod('web-2', { labels: { app: 'web' } })];
    const m = buildClusterModel(snapshot([...cluster(1), ...pods, service('web', { app: 'web' })]));
    expect(m.services[0].endpoints).toEqual({ total: 1, ready: 1, terminating: 0 });
  });
});
