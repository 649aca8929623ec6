import { describe, it, expect } from 'vitest';
import { PolicyEngine, type Peer } from './policy';
import { testCluster } from './testing';

/** The docs' service/networking/networkpolicy.yaml. */
const TEST_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`;

const podPeer = (namespace: string, labels: Record<string, string>, ip = '10.244.1.5', ports: { name: string; containerPort: number }[] = []): Peer => ({
  ip,
  pod: { namespace, name: 'p', labels, pod: { metadata: { name: 'p', namespace, labels }, spec: { containers: [{ name: 'c', ports }] } } },
});

function engine(yaml: string) {
  const tc = testCluster().apply(`apiVersion: v1\nkind: Namespace\nmetadata: {name: myproject, labels: {project: myproject}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n`).apply(yaml);
  return new PolicyEngine(tc.api);
}

describe('NetworkPolicy', () => {
  const db = podPeer('default', { role: 'db' }, '10.244.1.5');

  it('allows into role=db exactly what the docs example says (a matrix)', () => {
    const e = engine(TEST_POLICY);
    const rows: [string, Peer, number, boolean][] = [
      ['frontend pod in default, 6379', podPeer('default', { role: 'frontend' }, '10.244.2.7'), 6379, true],
      ['frontend pod in default, 80', podPeer('default', { role: 'frontend' }, '10.244.2.7'), 80, false],
      ['other pod in default', podPeer('default', { role: 'backend' }, '10.244.2.8'), 6379, false],
      ['frontend pod in another namespace', podPeer('other', { role: 'frontend' }, '10.244.2.9'), 6379, false],
      ['any pod in a namespace labelled project=myproject', podPeer('myproject', { app: 'x' }, '10.244.3.3'), 6379, true],
      ['an address in 172.17.0.0/16', { ip: '172.17.3.4' }, 6379, true],
      ['an address in the except block 172.17.1.0/24', { ip: '172.17.1.4' }, 6379, false],
      ['an address elsewhere', { ip: '192.168.0.1' }, 6379, false],
    ];
    for (const [what, src, port, allowed] of rows) expect([what, e.check('Ingress', db, src, port, 'TCP').allowed]).toEqual([what, allowed]);
    expect(e.check('Ingress', db, podPeer('default', { role: 'frontend' }), 6379, 'UDP').allowed).toBe(false);
  });

  it('isolates role=db for egress too, and leaves pods no policy selects alone', () => {
    const e = engine(TEST_POLICY);
    expect(e.check('Egress', db, { ip: '10.0.0.9' }, 5978, 'TCP').allowed).toBe(true);
    expect(e.check('Egress', db, { ip: '10.0.0.9' }, 80, 'TCP').allowed).toBe(false);
    expect(e.check('Egress', db, { ip: '10.0.1.9' }, 5978, 'TCP').allowed).toBe(false);
    const web = podPeer('default', { role: 'web' });
    expect(e.check('Ingress', web, { ip: '8.8.8.8' }, 80, 'TCP')).toEqual({ allowed: true, isolatedBy: [] });
    expect(e.check('Egress', web, { ip: '8.8.8.8' }, 80, 'TCP').allowed).toBe(true);
    expect(e.check('Ingress', db, { ip: '8.8.8.8' }, 80, 'TCP').isolatedBy).toEqual(['default/test-network-policy']);
  });

  it('denies everything with the default-deny policies and allows everything with allow-all', () => {
    const deny = engine(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny-all}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`);
    const a = podPeer('default', { app: 'a' });
    const b = podPeer('default', { app: 'b' }, '10.244.2.2');
    expect(deny.check('Ingress', a, b, 80, 'TCP').allowed).toBe(false);
    expect(deny.check('Egress', a, b, 80, 'TCP').allowed).toBe(false);
    const allow = engine(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all-ingress}\nspec:\n  podSelector: {}\n  ingress: [{}]\n  policyTypes: [Ingress]\n`);
    expect(allow.check('Ingress', a, b, 80, 'TCP').allowed).toBe(true);
  });

  it('matches named ports on the destination pod and port ranges with endPort', () => {
    const e = engine(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ports}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress, Egress]
  ingress:
  - ports: [{port: http}]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/24}}]
    ports: [{protocol: TCP, port: 32000, endPort: 32768}]
`);
    const api = podPeer('default', { app: 'api' }, '10.244.1.5', [{ name: 'http', containerPort: 8080 }]);
    const client = podPeer('default', { app: 'client' }, '10.244.2.5');
    expect(e.check('Ingress', api, client, 8080, 'TCP').allowed).toBe(true);
    expect(e.check('Ingress', api, client, 80, 'TCP').allowed).toBe(false);
    expect(e.check('Egress', api, { ip: '10.0.0.1' }, 32100, 'TCP').allowed).toBe(true);
    expect(e.check('Egress', api, { ip: '10.0.0.1' }, 31999, 'TCP').allowed).toBe(false);
    expect(e.check('Egress', api, { ip: '10.0.0.1' }, 32768, 'TCP').allowed).toBe(true);
  });
});
