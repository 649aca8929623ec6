import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { resolvConf, resolverFor, searchCandidates } from './dns';
import { clientPod, network, testCluster, web } from './testing';

const pod = (spec: Partial<NonNullable<Pod['spec']>>, ns = 'default'): Pod => ({ metadata: { name: 'p', namespace: ns }, spec: { containers: [], ...spec } });

/** The docs' application/web/web.yaml: a headless Service and its StatefulSet. */
const WEB_STS = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.8
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

describe('resolv.conf and the search list', () => {
  it('writes the cluster DNS, the namespace search list and ndots:5 for ClusterFirst', () => {
    expect(resolvConf(pod({}, 'shop'), 'cluster.local')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it("gives dnsPolicy Default and hostNetwork pods with ClusterFirst the node's resolver", () => {
    const node = 'nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n';
    expect(resolvConf(pod({ dnsPolicy: 'Default' }), 'cluster.local')).toBe(node);
    expect(resolvConf(pod({ hostNetwork: true }), 'cluster.local')).toBe(node);
    expect(resolvConf(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), 'cluster.local')).toMatch(/^search default\.svc/);
  });

  it('takes only dnsConfig with dnsPolicy None (the docs custom-dns.yaml)', () => {
    const p = pod({
      dnsPolicy: 'None',
      dnsConfig: { nameservers: ['192.0.2.1'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    });
    expect(resolvConf(p, 'cluster.local')).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n');
  });

  it('tries the search domains first for names with fewer dots than ndots', () => {
    const cfg = resolverFor(pod({}), 'cluster.local');
    expect(searchCandidates('web', cfg)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('web.other', cfg)[1]).toBe('web.other.svc.cluster.local');
    expect(searchCandidates('a.b.c.d.e.f', cfg)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('web.default.svc.cluster.local.', cfg)).toEqual(['web.default.svc.cluster.local']);
  });
});

describe('cluster DNS (CoreDNS kubernetes plugin)', () => {
  const lookup = (tc: ReturnType<typeof testCluster>, name: string, from = 'client') => {
    const source = { kind: 'pod' as const, pod: tc.get('Pod', from) as Pod };
    return network(tc).path.lookup(source, name, tc.now).dns;
  };

  it('answers a Service name with its ClusterIP through the search list: web, web.default, the full name', () => {
    const tc = testCluster().apply(clientPod()).apply(web('web', 1, 'ports: [{port: 80}]')).settle();
    const ip = tc.get('Service', 'web')!.spec.clusterIP;
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      expect(lookup(tc, name)).toMatchObject({ ok: true, name: 'web.default.svc.cluster.local', addresses: [ip] });
    }
    expect(lookup(tc, 'kubernetes.default')).toMatchObject({ ok: true, addresses: ['10.96.0.1'] });
    expect(lookup(tc, 'web.kube-system')).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
    expect(lookup(tc, 'nope')).toEqual({ ok: false, reason: 'NXDOMAIN', queries: ['nope.default.svc.cluster.local', 'nope.svc.cluster.local', 'nope.cluster.local', 'nope'] });
  });

  it('answers a headless Service with its ready pods and StatefulSet pods by name (the docs web.yaml)', () => {
    const tc = testCluster().apply(clientPod()).apply(WEB_STS).settle();
    const ips = ['web-0', 'web-1'].map((n) => tc.get('Pod', n)!.status.podIP);
    const r = lookup(tc, 'nginx');
    expect(r.ok && [...r.addresses].sort()).toEqual([...ips].sort());
    expect(lookup(tc, 'web-0.nginx')).toMatchObject({ ok: true, name: 'web-0.nginx.default.svc.cluster.local', addresses: [ips[0]] });
    expect(lookup(tc, 'web-1.nginx.default.svc.cluster.local')).toMatchObject({ ok: true, addresses: [ips[1]] });
    expect(tc.get('Service', 'nginx')!.spec.clusterIP).toBe('None');
    tc.expectNoInternalErrors();
  });

  it('answers an ExternalName Service with a CNAME, and pod names in dashed form', () => {
    const tc = testCluster()
      .apply(clientPod())
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: my-service, namespace: prod}\nspec: {type: ExternalName, externalName: my.database.example.com}\n`.replace('namespace: prod', 'namespace: default'))
      .settle();
    expect(lookup(tc, 'my-service')).toMatchObject({ ok: true, cnames: [{ name: 'my-service.default.svc.cluster.local', target: 'my.database.example.com' }] });
    const ip = tc.get('Pod', 'client')!.status.podIP as string;
    expect(lookup(tc, `${ip.replace(/\./g, '-')}.default.pod.cluster.local`)).toMatchObject({ ok: true, addresses: [ip] });
  });

  it('does not resolve cluster names for a client outside the cluster, nor with dnsPolicy Default', () => {
    const tc = testCluster()
      .apply(web('web', 1, 'ports: [{port: 80}]'))
      .apply(clientPod('hosty').replace('containers:', 'dnsPolicy: Default\n  containers:'))
      .settle();
    expect(network(tc).path.lookup({ kind: 'outside' }, 'web.default.svc.cluster.local', tc.now).dns.ok).toBe(false);
    expect(lookup(tc, 'web', 'hosty').ok).toBe(false);
    expect(lookup(tc, 'kubernetes.io', 'hosty').ok).toBe(true);
  });
});
