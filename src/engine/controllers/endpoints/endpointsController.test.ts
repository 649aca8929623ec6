import { describe, it, expect } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { testCluster, MY_NGINX, MY_NGINX_SVC } from '../../network/testing';
import { serviceSubsets, truncateSubsets } from './subsets';

const SVC: Service = { metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } };

function pod(i: number, ready = true): Pod {
  return {
    metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}` },
    spec: { nodeName: 'worker-1', containers: [] },
    status: { phase: 'Running', podIP: `10.244.1.${i}`, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('Endpoints controller (the legacy API, mirrored)', () => {
  it('lists ready pods in addresses and the others in notReadyAddresses, sorted by IP text', () => {
    const subsets = serviceSubsets(SVC, [pod(10), pod(2, false), pod(3)]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.10', nodeName: 'worker-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-10', uid: 'uid-10' } },
          { ip: '10.244.1.3', nodeName: 'worker-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-3', uid: 'uid-3' } },
        ],
        notReadyAddresses: [{ ip: '10.244.1.2', nodeName: 'worker-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: 'uid-2' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('publishes every pod as ready with publishNotReadyAddresses, and drops terminating pods without it', () => {
    const deleting = { ...pod(4), metadata: { ...pod(4).metadata, deletionTimestamp: '2026-01-01T00:01:00Z' } };
    expect(serviceSubsets(SVC, [pod(2, false), deleting])[0].notReadyAddresses).toHaveLength(1);
    expect(serviceSubsets(SVC, [pod(2, false), deleting])[0].addresses).toBeUndefined();
    const pub = { ...SVC, spec: { ...SVC.spec, publishNotReadyAddresses: true } };
    expect(serviceSubsets(pub, [pod(2, false), deleting])[0].addresses!.map((a) => a.ip)).toEqual(['10.244.1.2', '10.244.1.4']);
  });

  it('truncates at 1000 addresses, ready ones first', () => {
    const pods = Array.from({ length: 1200 }, (_, i) => ({ ...pod(i, i % 2 === 0), status: { ...pod(i, i % 2 === 0).status, podIP: `10.244.${Math.floor(i / 250)}.${i % 250}` } }));
    const subsets = serviceSubsets(SVC, pods);
    expect(truncateSubsets(subsets)).toBe(true);
    expect(subsets[0].addresses).toHaveLength(600);
    expect(subsets[0].notReadyAddresses).toHaveLength(400);
    expect(truncateSubsets(serviceSubsets(SVC, pods.slice(0, 1000)))).toBe(false);
  });

  it('mirrors the Service in an Endpoints object of its name, with its labels (the docs my-nginx example)', () => {
    const tc = testCluster().apply(MY_NGINX).apply(MY_NGINX_SVC).settle();
    const ep = tc.get('Endpoints', 'my-nginx')!;
    expect(ep.metadata.labels).toEqual({ run: 'my-nginx' });
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T/);
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    tc.api.delete('Service', 'default', 'my-nginx');
    tc.settle();
    expect(tc.get('Endpoints', 'my-nginx')).toBeUndefined();
    tc.expectNoInternalErrors();
  });
});
