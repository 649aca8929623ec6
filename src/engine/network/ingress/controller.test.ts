import { describe, it, expect } from 'vitest';
import { fromOutside, fromPod, clientPod, testCluster, web } from '../testing';
import { runCommand } from '../../kubectl/run';

/** The docs' service/networking/name-virtual-host-ingress.yaml. */
const VIRTUAL_HOSTS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: name-virtual-host-ingress
spec:
  rules:
  - host: foo.bar.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service1
            port:
              number: 80
  - host: bar.foo.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service2
            port:
              number: 80
`;

describe('ingress-nginx', () => {
  it('serves Ingresses without a class, publishes localhost as their address and reports its syncs', () => {
    const tc = testCluster().apply(web('service1', 2, 'ports: [{port: 80}]')).apply(VIRTUAL_HOSTS).settle();
    const ing = tc.get('Ingress', 'name-virtual-host-ingress')!;
    expect(ing.spec.ingressClassName).toBeUndefined();
    expect(ing.status.loadBalancer).toEqual({ ingress: [{ hostname: 'localhost' }] });
    expect(tc.eventsFor('name-virtual-host-ingress')).toEqual(['Sync: Scheduled for sync', 'Sync: Scheduled for sync']);
    const out = runCommand({ cluster: tc.cluster, readFile: () => undefined }, 'kubectl get ingress').output;
    expect(out).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nname-virtual-host-ingress\s+<none>\s+foo\.bar\.com,bar\.foo\.com\s+localhost\s+80\s+\d+s\n$/);
    expect(tc.api.get('IngressClass', undefined, 'nginx')!.spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
  });

  it('routes by host to pod IPs from the EndpointSlices (no ClusterIP), 503 without endpoints, 404 for other hosts', () => {
    const tc = testCluster().apply(web('service1', 2, 'ports: [{port: 80}]')).apply(VIRTUAL_HOSTS).settle();
    const r = fromOutside(tc, 'http://foo.bar.com/');
    expect(r.outcome).toBe('200');
    expect(r.hops.map((h) => h.kind)).toEqual(['client', 'ingress', 'service', 'pod']);
    expect(r.hops[1].ref).toEqual({ kind: 'Ingress', namespace: 'default', name: 'name-virtual-host-ingress' });
    expect(r.hops[2].note).toMatch(/^endpoints → 10\.244\.\d+\.\d+:80$/);
    const missing = fromOutside(tc, 'http://bar.foo.com/');
    expect(missing.outcome).toBe('503');
    expect(missing.body).toContain('<title>503 Service Temporarily Unavailable</title>');
    expect(fromOutside(tc, 'http://localhost/').outcome).toBe('404');
    expect(fromOutside(tc, 'http://other.example.org/').outcome).toBe('200');
  });

  it('balances round robin over the ready endpoints', () => {
    const tc = testCluster().apply(web('service1', 3, 'ports: [{port: 80}]')).apply(VIRTUAL_HOSTS).settle();
    const pods = Array.from({ length: 6 }, () => fromOutside(tc, 'http://foo.bar.com/').pod);
    expect(new Set(pods.slice(0, 3)).size).toBe(3);
    expect(pods.slice(3)).toEqual(pods.slice(0, 3));
  });

  it('ignores Ingresses of another class, and redirects plain HTTP for TLS hosts', () => {
    const tc = testCluster()
      .apply(web('service1', 1, 'ports: [{port: 80}]'))
      .apply(VIRTUAL_HOSTS.replace('spec:\n  rules:', 'spec:\n  ingressClassName: traefik\n  rules:'))
      .apply(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: tls-example-ingress}
spec:
  tls: [{hosts: [https-example.foo.com], secretName: testsecret-tls}]
  rules:
  - host: https-example.foo.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: service1, port: {number: 80}}}}]}
`)
      .settle();
    expect(tc.get('Ingress', 'name-virtual-host-ingress')!.status?.loadBalancer?.ingress).toBeUndefined();
    // Not an Ingress host any more: the name is whatever it is on the internet.
    expect(fromOutside(tc, 'http://foo.bar.com/').hops.map((h) => h.kind)).toEqual(['client', 'internet']);
    const r = fromOutside(tc, 'http://https-example.foo.com/');
    expect(r.outcome).toBe('308');
    expect(r.location).toBe('https://https-example.foo.com/');
    expect(fromOutside(tc, 'https://https-example.foo.com/').outcome).toBe('200');
  });

  it('is reachable from pods through the control-plane node on port 80', () => {
    const tc = testCluster().apply(web('service1', 1, 'ports: [{port: 80}]')).apply(VIRTUAL_HOSTS).apply(clientPod('c', 'curlimages/curl')).settle();
    const net = tc.cluster.controlPlane.network;
    const r = net.request({ kind: 'pod', pod: tc.get('Pod', 'c') as any }, 'http://172.18.0.2/', { hostHeader: 'foo.bar.com' });
    expect(r.outcome).toBe('200');
    expect(fromPod(tc, 'c', 'http://172.18.0.2/').outcome).toBe('404');
  });
});
