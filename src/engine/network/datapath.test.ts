import { describe, it, expect } from 'vitest';
import { clientPod, fromOutside, fromPod, network, testCluster, web } from './testing';

describe('Services on the data path', () => {
  it('answers a NodePort on every node, from outside and from pods', () => {
    const tc = testCluster().apply(web('web', 2, 'type: NodePort\nports: [{port: 80}]')).apply(clientPod()).settle();
    const nodePort = tc.get('Service', 'web')!.spec.ports[0].nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    for (const node of ['control-plane', 'worker-1', 'worker-2', 'worker-3', '172.18.0.3']) {
      const r = fromOutside(tc, `http://${node}:${nodePort}/`);
      expect([node, r.outcome]).toEqual([node, '200']);
      expect(r.body).toContain('<title>Welcome to nginx!</title>');
      expect(r.pod).toMatch(/^default\/web-/);
    }
    expect(fromPod(tc, 'client', `http://172.18.0.2:${nodePort}/`).outcome).toBe('200');
    expect(fromOutside(tc, 'http://worker-1:31999/').outcome).toBe('connection refused');
    tc.expectNoInternalErrors();
  });

  it('refuses connections to a Service without endpoints and times out on a port it does not have', () => {
    const tc = testCluster().apply(clientPod()).apply(`apiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec: {selector: {app: none}, ports: [{port: 80}]}\n`).settle();
    const r = fromPod(tc, 'client', 'http://empty/');
    expect(r.outcome).toBe('connection refused');
    expect(r.hops.at(-1)).toMatchObject({ kind: 'service', verdict: 'refused', note: expect.stringContaining('no endpoints (REJECT)') });
    expect(fromPod(tc, 'client', 'http://empty:8080/').outcome).toBe('timeout');
  });

  it('gives a LoadBalancer Service an address from the pool, reachable from outside (EXTERNAL-IP)', () => {
    const tc = testCluster().apply(web('lb', 2, 'type: LoadBalancer\nports: [{port: 80}]')).settle();
    const svc = tc.get('Service', 'lb')!;
    expect(svc.status.loadBalancer.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect(svc.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const events = tc.cluster.recorder.log.filter((e) => e.involvedObject.kind === 'Service').map((e) => `${e.source.component} ${e.reason}: ${e.message}`);
    expect(events).toEqual(['service-controller EnsuringLoadBalancer: Ensuring load balancer', 'service-controller EnsuredLoadBalancer: Ensured load balancer']);
    const r = fromOutside(tc, 'http://172.18.255.200/');
    expect(r.outcome).toBe('200');
    expect(r.hops.map((h) => h.kind)).toEqual(['client', 'load-balancer', 'node', 'service', 'pod']);
    tc.api.patch('Service', 'default', 'lb', (d: any) => void (d.spec.type = 'ClusterIP'));
    tc.settle();
    expect(tc.get('Service', 'lb')!.status.loadBalancer).toEqual({});
    expect(tc.get('Service', 'lb')!.metadata.finalizers).toBeUndefined();
    expect(fromOutside(tc, 'http://172.18.255.200/').outcome).toBe('timeout');
    tc.expectNoInternalErrors();
  });

  it('with externalTrafficPolicy Local, drops at a node without a local endpoint and keeps the client address', () => {
    const tc = testCluster().apply(web('loc', 1, 'type: NodePort\nexternalTrafficPolicy: Local\nports: [{port: 80, nodePort: 30100}]')).settle();
    const home = (tc.pods({ selector: 'app=loc' })[0] as any).spec.nodeName as string;
    const away = ['worker-1', 'worker-2', 'worker-3'].find((n) => n !== home)!;
    expect(fromOutside(tc, `http://${home}:30100/`).outcome).toBe('200');
    const r = fromOutside(tc, `http://${away}:30100/`);
    expect(r.outcome).toBe('timeout');
    expect(r.hops.at(-1)).toMatchObject({ verdict: 'dropped', note: expect.stringContaining('no local endpoints') });
  });

  it('with internalTrafficPolicy Local, serves pods only from endpoints on their own node', () => {
    const tc = testCluster()
      .apply(web('itp', 1, 'internalTrafficPolicy: Local\nports: [{port: 80}]'))
      .apply(clientPod('c1').replace('containers:', 'nodeName: worker-1\n  containers:'))
      .apply(clientPod('c2').replace('containers:', 'nodeName: worker-2\n  containers:'))
      .apply(clientPod('c3').replace('containers:', 'nodeName: worker-3\n  containers:'))
      .settle();
    const home = (tc.pods({ selector: 'app=itp' })[0] as any).spec.nodeName as string;
    for (const c of ['c1', 'c2', 'c3']) {
      const node = tc.get('Pod', c)!.spec.nodeName;
      expect([c, fromPod(tc, c, 'http://itp/').outcome]).toEqual([c, node === home ? '200' : 'timeout']);
    }
  });

  it('does not proxy an ExternalName Service: the name is a CNAME to the outside host', () => {
    const tc = testCluster().apply(clientPod()).apply(`apiVersion: v1\nkind: Service\nmetadata: {name: search}\nspec: {type: ExternalName, externalName: www.kubernetes.io}\n`).settle();
    const r = fromPod(tc, 'client', 'http://search/');
    expect(r.outcome).toBe('200');
    expect(r.pod).toBeUndefined();
    expect(r.hops.map((h) => h.kind)).toEqual(['client', 'dns', 'internet']);
    expect(r.dns).toMatchObject({ ok: true, cnames: [{ target: 'www.kubernetes.io' }] });
  });

  it('cannot ping a Service address, but can ping a pod', () => {
    const tc = testCluster().apply(clientPod()).apply(web('web', 1, 'ports: [{port: 80}]')).settle();
    const net = network(tc);
    const src = { kind: 'pod' as const, pod: tc.get('Pod', 'client') as any };
    expect(net.path.ping(src, tc.get('Service', 'web')!.spec.clusterIP)).toBeUndefined();
    const podIP = (tc.pods({ selector: 'app=web' })[0] as any).status.podIP;
    expect(net.path.ping(src, podIP)).toMatchObject({ ttl: expect.any(Number) });
  });

  it('times out on a dead node until the pods there leave the endpoints', () => {
    const tc = testCluster().apply(web('web', 1, 'type: NodePort\nports: [{port: 80, nodePort: 30200}]')).settle();
    const node = (tc.pods({ selector: 'app=web' })[0] as any).spec.nodeName as string;
    const other = ['worker-1', 'worker-2', 'worker-3'].find((n) => n !== node)!;
    tc.cluster.controlPlane.nodes.stopKubelet(node);
    tc.advance('1s');
    const r = fromOutside(tc, `http://${other}:30200/`);
    expect(r.outcome).toBe('timeout');
    expect(r.hops.at(-1)).toMatchObject({ kind: 'pod', verdict: 'timeout' });
    expect(fromOutside(tc, `http://${node}:30200/`).outcome).toBe('timeout');
    // The node lifecycle controller marks the pod not ready (after ~40 s), then the Deployment replaces it.
    tc.advance('6m');
    expect(fromOutside(tc, `http://${other}:30200/`).outcome).toBe('200');
  });
});

describe('NetworkPolicy on the data path', () => {
  const setup = () =>
    testCluster()
      .apply(web('web', 2, 'ports: [{port: 80}]'))
      .apply(clientPod('client', 'busybox:1.28', 'default', { role: 'client' }))
      .apply(clientPod('intruder', 'busybox:1.28', 'default', { role: 'other' }))
      .settle();

  it('drops what a default-deny ingress policy does not allow (a timeout, visible where it happens)', () => {
    const tc = setup();
    tc.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-allow-client}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {role: client}}}]
    ports: [{port: 80}]
`);
    expect(fromPod(tc, 'client', 'http://web/').outcome).toBe('200');
    const r = fromPod(tc, 'intruder', 'http://web/');
    expect(r.outcome).toBe('timeout');
    expect(r.hops.at(-1)).toMatchObject({ kind: 'pod', verdict: 'dropped', note: expect.stringContaining('default/web-allow-client') });
  });

  it('breaks name resolution under a default-deny egress policy unless DNS is allowed', () => {
    const tc = setup();
    tc.apply(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny-egress}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n`);
    expect(fromPod(tc, 'client', 'http://web/').outcome).toBe('DNS timeout');
    const ip = tc.get('Service', 'web')!.spec.clusterIP;
    expect(fromPod(tc, 'client', `http://${ip}/`).outcome).toBe('timeout');
    tc.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns-and-web}
spec:
  podSelector: {matchLabels: {role: client}}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
  - to: [{podSelector: {matchLabels: {app: web}}}]
`);
    expect(fromPod(tc, 'client', 'http://web/').outcome).toBe('200');
    expect(fromPod(tc, 'intruder', 'http://web/').outcome).toBe('DNS timeout');
  });
});
