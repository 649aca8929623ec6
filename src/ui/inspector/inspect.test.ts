import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/object';
import { node, pod, service, snapshot } from '../canvas/model/fixtures.test-util';
import { describeCommand, findObject, objectYaml, sortVerdicts } from './inspect';
import { serviceNetwork } from './networkView';

describe('findObject', () => {
  const snap = snapshot([node('worker-1'), pod('web', { node: 'worker-1' }), pod('web', { namespace: 'prod' })]);
  it('finds namespaced objects in their namespace and cluster-scoped ones by name', () => {
    expect(findObject(snap, { kind: 'Pod', name: 'web' })?.metadata.namespace).toBe('default');
    expect(findObject(snap, { kind: 'Pod', name: 'web', namespace: 'prod' })?.metadata.namespace).toBe('prod');
    expect(findObject(snap, { kind: 'Node', name: 'worker-1', namespace: 'default' })?.kind).toBe('Node');
    expect(findObject(snap, { kind: 'Pod', name: 'gone' })).toBeUndefined();
  });
});

describe('objectYaml', () => {
  it('puts apiVersion, kind, metadata, spec, status in kubectl order', () => {
    const text = objectYaml({ status: { phase: 'Running' }, spec: { x: 1 }, metadata: { name: 'a' }, kind: 'Pod', apiVersion: 'v1' } as KObject);
    expect(text.split('\n').filter((l) => /^\w/.test(l))).toEqual(['apiVersion: v1', 'kind: Pod', 'metadata:', 'spec:', 'status:']);
  });
  it('keeps names as text', () => {
    expect(objectYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '<b>x</b>' } })).toContain('<b>x</b>');
  });
});

describe('describeCommand', () => {
  it('names the kind and, for namespaced kinds, the namespace', () => {
    expect(describeCommand({ kind: 'Pod', name: 'web-1' })).toBe('describe pod web-1 -n default');
    expect(describeCommand({ kind: 'Deployment', name: 'web', namespace: 'prod' })).toBe('describe deployment web -n prod');
    expect(describeCommand({ kind: 'Node', name: 'worker-1' })).toBe('describe node worker-1');
  });
});

describe('sortVerdicts', () => {
  it('puts the chosen node first, then fitting nodes by score, then the rejected', () => {
    const v = sortVerdicts({
      time: 0, outcome: 'Scheduled', node: 'w2', nodesEvaluated: 4, message: '',
      perNode: [
        { node: 'cp', filter: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" },
        { node: 'w1', filter: 'passed', total: 150 },
        { node: 'w2', filter: 'passed', total: 180 },
        { node: 'w3', filter: 'passed', total: 170 },
      ],
    });
    expect(v.map((x) => x.node)).toEqual(['w2', 'w3', 'w1', 'cp']);
    expect(v[0].chosen).toBe(true);
  });
});

describe('serviceNetwork endpoints', () => {
  it('reads ready and not-ready endpoints from EndpointSlices, and lists matched pods not in a slice yet', () => {
    const svc = service('web', { app: 'web' });
    const slice: KObject = {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: [
        { addresses: ['10.244.1.2'], conditions: { ready: true }, nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'a' } },
        { addresses: ['10.244.2.2'], conditions: { ready: false }, nodeName: 'worker-2', targetRef: { kind: 'Pod', name: 'b' } },
      ],
    };
    const snap = snapshot([svc, slice, pod('a', { node: 'worker-1', labels: { app: 'web' } }), pod('b', { node: 'worker-2', labels: { app: 'web' } }), pod('c', { labels: { app: 'web' } }), pod('d', { labels: { app: 'db' } })]);
    const n = serviceNetwork(snap, svc, 'cluster.local');
    expect(n.endpoints.map((r) => [r.pod, r.ready])).toEqual([['a', true], ['b', false]]);
    expect(n.notEndpoints).toEqual(['c']);
    expect(n.counts).toEqual({ total: 2, ready: 1, terminating: 0 });
  });
});
