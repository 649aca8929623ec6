import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { KObject } from '../object';
import { testCluster } from '../../testing/testCluster';
import { parseIPv4 } from '../validation/formats';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.kubectlMessage();
    throw e;
  }
  throw new Error('expected the API server to refuse');
}

const svc = (name: string, spec: any): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } });

describe('Service defaults', () => {
  it('defaults a ClusterIP Service as a real cluster stores it', () => {
    const s = testCluster().api.create(svc('web', { ports: [{ port: 80, targetPort: 8080 }, { name: 'x', port: 81 }].map((p, i) => (i ? p : { ...p, name: 'http' })) }));
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    expect(s.spec.externalTrafficPolicy).toBeUndefined();
    expect(s.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'x', port: 81, targetPort: 81, protocol: 'TCP' },
    ]);
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
  });

  it('gives ClientIP affinity a 10800 s timeout and LoadBalancers node ports', () => {
    const t = testCluster();
    expect(t.api.create(svc('a', { sessionAffinity: 'ClientIP' })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    const lb = t.api.create(svc('lb', { type: 'LoadBalancer' }));
    expect(lb.spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
    expect(lb.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const noPorts = t.api.create(svc('lb2', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }));
    expect(noPorts.spec.ports[0].nodePort).toBeUndefined();
  });

  it('gives headless and ExternalName Services no address', () => {
    const t = testCluster();
    const headless = t.api.create(svc('h', { clusterIP: 'None' }));
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
    const selectorless = t.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'hs' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
    expect(selectorless.spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
    const ext = t.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.ipFamilies).toBeUndefined();
    expect(ext.spec.internalTrafficPolicy).toBeUndefined();
  });
});

describe('ClusterIP allocation', () => {
  it('hands out distinct addresses from the upper band of 10.96.0.0/12, never 10.96.0.10', () => {
    const t = testCluster();
    const ips = new Set<string>();
    for (let i = 0; i < 50; i++) ips.add(t.api.create(svc(`s${i}`, {})).spec.clusterIP);
    expect(ips.size).toBe(50);
    for (const ip of ips) {
      const n = parseIPv4(ip)!;
      expect(n).toBeGreaterThanOrEqual(parseIPv4('10.96.1.0')!);
      expect(n).toBeLessThanOrEqual(parseIPv4('10.111.255.254')!);
    }
  });

  it('is deterministic for a seed', () => {
    const a = testCluster({ seed: 7 }).api.create(svc('web', {})).spec.clusterIP;
    const b = testCluster({ seed: 7 }).api.create(svc('web', {})).spec.clusterIP;
    expect(a).toBe(b);
  });

  it('refuses an address already taken, with upstream wording', () => {
    const t = testCluster();
    expect(refusal(() => t.api.create(svc('web', { clusterIP: '10.96.0.1' })))).toBe(
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
    expect(refusal(() => t.api.create(svc('web', { clusterIP: '10.96.0.10' })))).toContain('provided IP is already allocated');
  });

  it('refuses an address outside the range', () => {
    expect(refusal(() => testCluster().api.create(svc('web', { clusterIP: '10.0.0.5' })))).toBe(
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('frees an address when its Service is deleted', () => {
    const t = testCluster();
    t.api.create(svc('a', { clusterIP: '10.96.0.50' }));
    expect(refusal(() => t.api.create(svc('b', { clusterIP: '10.96.0.50' })))).toContain('already allocated');
    t.api.delete('Service', 'default', 'a');
    expect(t.api.create(svc('b', { clusterIP: '10.96.0.50' })).spec.clusterIP).toBe('10.96.0.50');
  });

  it('does not keep addresses for dry runs or refused writes', () => {
    const t = testCluster();
    t.api.create(svc('a', { clusterIP: '10.96.0.60' }), { dryRun: true });
    expect(t.api.create(svc('b', { clusterIP: '10.96.0.60' })).spec.clusterIP).toBe('10.96.0.60');
  });

  it('keeps the address on an update that leaves it out, and refuses changing it', () => {
    const t = testCluster();
    const s = t.api.create(svc('web', {}));
    const next = t.api.update(svc('web', { ports: [{ port: 8080 }] }));
    expect(next.spec.clusterIP).toBe(s.spec.clusterIP);
    expect(refusal(() => t.api.update(svc('web', { clusterIP: '10.96.0.77' })))).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.77"}: may not change once set',
    );
  });
});

describe('NodePort allocation', () => {
  it('hands out distinct ports in 30000-32767', () => {
    const t = testCluster();
    const ports = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const s = t.api.create(svc(`n${i}`, { type: 'NodePort', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }));
      for (const p of s.spec.ports) ports.add(p.nodePort);
    }
    expect(ports.size).toBe(60);
    for (const p of ports) expect(p >= 30000 && p <= 32767).toBe(true);
  });

  it('refuses a port in use or out of range', () => {
    const t = testCluster();
    t.api.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(refusal(() => t.api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })))).toBe(
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(refusal(() => t.api.create(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })))).toBe(
      'The Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('keeps node ports across updates and releases them on a type change or delete', () => {
    const t = testCluster();
    const s = t.api.create(svc('a', { type: 'NodePort' }));
    const np = s.spec.ports[0].nodePort;
    expect(t.api.update(svc('a', { type: 'NodePort' })).spec.ports[0].nodePort).toBe(np);
    const back = t.api.update(svc('a', { type: 'ClusterIP' }));
    expect(back.spec.ports[0].nodePort).toBeUndefined();
    expect(back.spec.externalTrafficPolicy).toBeUndefined();
    expect(t.api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: np }] })).spec.ports[0].nodePort).toBe(np);
  });
});

describe('Service validation', () => {
  const t = testCluster();
  it('requires ports except for headless and ExternalName Services', () => {
    expect(refusal(() => t.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { selector: { a: 'b' } } }))).toBe(
      'The Service "x" is invalid: spec.ports: Required value',
    );
  });
  it('requires names when there are several ports, and unique ones', () => {
    expect(refusal(() => t.api.create(svc('x', { ports: [{ port: 80 }, { port: 443 }] })))).toBe(
      'The Service "x" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value',
    );
  });
  it('checks the type and names (DNS-1035)', () => {
    expect(refusal(() => t.api.create(svc('x', { type: 'Ingress' })))).toBe(
      'The Service "x" is invalid: spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(refusal(() => t.api.create(svc('1web', {})))).toContain("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-'");
  });
  it('refuses a nodePort on a ClusterIP Service', () => {
    expect(refusal(() => t.api.create(svc('x', { ports: [{ port: 80, nodePort: 30001 }] })))).toBe(
      "The Service \"x\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });
});
