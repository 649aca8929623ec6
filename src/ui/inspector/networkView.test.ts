import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { serviceEnv } from '../../engine/kubectl/exec/env';
import { SimulationDriver } from '../../store/driver';
import { takeSnapshot } from '../../store/snapshot';
import { findObject } from './inspect';
import { dashedIP, discoveryVars, ingressNetwork, podNetwork, podTraffic, serviceNetwork } from './networkView';

/** The docs' StatefulSet example (web + headless nginx Service), a Service of each other type, and an Ingress. */
const APPS = `apiVersion: v1
kind: Service
metadata: {name: nginx, labels: {app: nginx}}
spec:
  ports: [{port: 80, name: web}]
  clusterIP: None
  selector: {app: nginx}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: nginx}}
  serviceName: nginx
  replicas: 2
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports: [{containerPort: 80, name: web}]
---
apiVersion: v1
kind: Service
metadata: {name: front}
spec:
  type: LoadBalancer
  selector: {app: nginx}
  ports: [{name: http, port: 8080, targetPort: web, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  type: ExternalName
  externalName: my.database.example.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  defaultBackend: {service: {name: front, port: {number: 8080}}}
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /cart, pathType: Prefix, backend: {service: {name: front, port: {name: http}}}}
      - {path: /, pathType: Exact, backend: {service: {name: nginx, port: {number: 80}}}}
`;

function settled() {
  const d = new SimulationDriver({ seed: 1, workers: 3 });
  d.apply(APPS);
  d.skipUntilQuiet();
  d.advance(3000);
  return { d, snap: takeSnapshot(d.cluster, d.version) };
}

describe('inspector networking', () => {
  const { d, snap } = settled();
  const get = (kind: string, name: string) => findObject(snap, { kind, namespace: 'default', name })!;

  it('shows a headless Service\'s endpoints and the StatefulSet pods\' own DNS names', () => {
    const n = serviceNetwork(snap, get('Service', 'nginx'), 'cluster.local');
    expect(n.headless).toBe(true);
    expect(n.endpoints.map((e) => [e.pod, e.hostname, e.ready, e.serving, e.terminating])).toEqual([
      ['web-0', 'web-0', true, true, false],
      ['web-1', 'web-1', true, true, false],
    ]);
    expect(n.dns.map((x) => x.name)).toEqual(['nginx.default.svc.cluster.local', 'web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local']);
    expect(n.dns[0].answer).toBe(`A ${n.endpoints.map((e) => e.ip).join(', ')}`);
    expect(n.counts).toEqual({ total: 2, ready: 2, terminating: 0 });
  });

  it('shows a LoadBalancer\'s address, its ports (port → targetPort, nodePort) and its A record', () => {
    const svc = get('Service', 'front');
    const n = serviceNetwork(snap, svc, 'cluster.local');
    expect(n.loadBalancer).toEqual({ addresses: ['172.18.255.200'] });
    expect(n.externalIP).toBe('172.18.255.200');
    expect(n.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'web', protocol: 'TCP', nodePort: 30080 }]);
    expect(n.dns).toEqual([{ name: 'front.default.svc.cluster.local', answer: `A ${svc.spec.clusterIP}` }]);
    expect(n.externalTrafficPolicy).toBe('Cluster');
  });

  it('shows an ExternalName Service as a CNAME', () => {
    expect(serviceNetwork(snap, get('Service', 'db'), 'cluster.local').dns).toEqual([{ name: 'db.default.svc.cluster.local', answer: 'CNAME my.database.example.com' }]);
  });

  it('counts the kubernetes Service\'s one endpoint, the API server (no pod behind it)', () => {
    const n = serviceNetwork(snap, get('Service', 'kubernetes'), 'cluster.local');
    expect(n.counts).toEqual({ total: 1, ready: 1, terminating: 0 });
    expect(n.endpoints[0].pod).toBe('');
  });

  it('names a pod by its dashed IP and, for a StatefulSet pod, by hostname.subdomain', () => {
    const pod = get('Pod', 'web-0') as Pod;
    const ip = pod.status!.podIP!;
    expect(podNetwork(snap, pod, 'cluster.local').dns.map((x) => x.name)).toEqual([`${dashedIP(ip)}.default.pod.cluster.local`, 'web-0.nginx.default.svc.cluster.local']);
  });

  it('lists the Service discovery variables the kubelet gave a running container, not its own', () => {
    const env = d.cluster.controlPlane.nodes.containerEnv('default', 'web-0', 'nginx')!;
    const vars = discoveryVars(env);
    const names = vars.map(([k]) => k);
    expect(names).toContain('KUBERNETES_SERVICE_HOST');
    expect(names).toContain('FRONT_PORT_8080_TCP_ADDR');
    expect(names).not.toContain('PATH');
    expect(names).not.toContain('HOSTNAME');
    // Headless Services get no variables (no ClusterIP), as upstream.
    expect(names.some((k) => k.startsWith('NGINX_'))).toBe(false);
    expect(discoveryVars([['APP_PORT', '8080'], ...serviceEnv(get('Service', 'front'))])).toEqual(serviceEnv(get('Service', 'front')));
  });

  it('lists an Ingress\'s rules, default backend, TLS hosts and address', () => {
    expect(ingressNetwork(get('Ingress', 'site'))).toEqual({
      className: 'nginx',
      rules: [
        { host: 'shop.example.com', path: '/cart', pathType: 'Prefix', backend: 'front:http' },
        { host: 'shop.example.com', path: '/', pathType: 'Exact', backend: 'nginx:80' },
      ],
      defaultBackend: 'front:8080',
      tls: [{ hosts: 'shop.example.com', secret: 'shop-tls' }],
      address: 'localhost',
    });
  });

  it('tells what traffic clients got from a pod once traffic ran', () => {
    expect(podTraffic(snap, 'default', 'web-0')).toBeUndefined();
    d.run('traffic http://172.18.255.200:8080 10');
    d.advance(3000);
    const s = takeSnapshot(d.cluster, d.version);
    const a = podTraffic(s, 'default', 'web-0')!;
    const b = podTraffic(s, 'default', 'web-1')!;
    expect(a.served + b.served).toBe(30);
  });
});
