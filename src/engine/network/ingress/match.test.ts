import { describe, it, expect } from 'vitest';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { bestPath, hostMatches, pathMatches, routeIngress } from './match';

type Row = [kind: string, paths: [string, string][], request: string, match: string | null];

/** The docs' "Examples" table (concepts/services-networking/ingress.md), row by row. */
const TABLE: Row[] = [
  ['Prefix', [['Prefix', '/']], '/anything/at/all', '/'],
  ['Exact', [['Exact', '/foo']], '/foo', '/foo'],
  ['Exact', [['Exact', '/foo']], '/bar', null],
  ['Exact', [['Exact', '/foo']], '/foo/', null],
  ['Exact', [['Exact', '/foo/']], '/foo', null],
  ['Prefix', [['Prefix', '/foo']], '/foo', '/foo'],
  ['Prefix', [['Prefix', '/foo']], '/foo/', '/foo'],
  ['Prefix', [['Prefix', '/foo/']], '/foo', '/foo/'],
  ['Prefix', [['Prefix', '/foo/']], '/foo/', '/foo/'],
  ['Prefix', [['Prefix', '/aaa/bb']], '/aaa/bbb', null],
  ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbb', '/aaa/bbb'],
  ['Prefix', [['Prefix', '/aaa/bbb/']], '/aaa/bbb', '/aaa/bbb/'],
  ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbb/', '/aaa/bbb'],
  ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbb/ccc', '/aaa/bbb'],
  ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbbxyz', null],
  ['Prefix', [['Prefix', '/'], ['Prefix', '/aaa']], '/aaa/ccc', '/aaa'],
  ['Prefix', [['Prefix', '/'], ['Prefix', '/aaa'], ['Prefix', '/aaa/bbb']], '/aaa/bbb', '/aaa/bbb'],
  ['Prefix', [['Prefix', '/'], ['Prefix', '/aaa'], ['Prefix', '/aaa/bbb']], '/ccc', '/'],
  ['Prefix', [['Prefix', '/aaa']], '/ccc', null],
  ['Mixed', [['Prefix', '/foo'], ['Exact', '/foo']], '/foo', 'Exact /foo'],
];

function ingress(paths: [string, string][]): Ingress {
  return {
    metadata: { name: 'i', namespace: 'default' },
    spec: { rules: [{ http: { paths: paths.map(([pathType, path]) => ({ path, pathType, backend: { service: { name: `${pathType} ${path}`, port: { number: 80 } } } })) } }] },
  };
}

describe('Ingress path matching', () => {
  it.each(TABLE)('%s %j, request %s → %s (the docs\' table)', (_kind, paths, request, match) => {
    const ing = ingress(paths);
    const best = bestPath(ing.spec!.rules![0].http!.paths.map((path) => ({ ingress: ing, path })), request);
    if (match === null) expect(best).toBeUndefined();
    else if (match.includes(' ')) expect(`${best?.path.pathType} ${best?.path.path}`).toBe(match);
    else expect(best?.path.path).toBe(match);
  });

  it('matches Exact paths case-sensitively and ImplementationSpecific as a string prefix (ingress-nginx)', () => {
    expect(pathMatches('Exact', '/Foo', '/foo')).toBe(false);
    expect(pathMatches('ImplementationSpecific', '/foo', '/foobar')).toBe(true);
    expect(pathMatches('ImplementationSpecific', undefined, '/x')).toBe(true);
  });
});

describe('Ingress host matching', () => {
  it('lets a wildcard cover exactly one DNS label', () => {
    expect(hostMatches('*.foo.com', 'bar.foo.com')).toBe(true);
    expect(hostMatches('*.foo.com', 'baz.bar.foo.com')).toBe(false);
    expect(hostMatches('*.foo.com', 'foo.com')).toBe(false);
    expect(hostMatches('foo.bar.com', 'FOO.bar.com')).toBe(true);
    expect(hostMatches(undefined, 'anything.example')).toBe(true);
  });

  it('serves a host from its own rules only, falling back to the default backend, then 404', () => {
    const ings: Ingress[] = [
      { metadata: { name: 'a' }, spec: { rules: [{ host: 'foo.bar.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] } },
      { metadata: { name: 'b' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
      { metadata: { name: 'c' }, spec: { rules: [{ host: '*.bar.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wild', port: { number: 80 } } } }] } }] } },
    ];
    const svc = (r: ReturnType<typeof routeIngress>) => (r.kind === 'backend' ? r.backend.service?.name : r.kind);
    expect(svc(routeIngress(ings, 'foo.bar.com', '/api/v1', false))).toBe('api');
    expect(svc(routeIngress(ings, 'foo.bar.com', '/', false))).toBe('not-found');
    expect(svc(routeIngress(ings, 'x.bar.com', '/', false))).toBe('wild');
    expect(svc(routeIngress(ings, 'other.com', '/z', false))).toBe('web');
    const withDefault: Ingress = { metadata: { name: 'd' }, spec: { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } } };
    expect(svc(routeIngress([...ings, withDefault], 'foo.bar.com', '/', false))).toBe('fallback');
  });

  it('redirects plain HTTP to HTTPS for a TLS host (308)', () => {
    const ing: Ingress = {
      metadata: { name: 'tls' },
      spec: { tls: [{ hosts: ['https-example.foo.com'], secretName: 'testsecret-tls' }], rules: [{ host: 'https-example.foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'service1', port: { number: 80 } } } }] } }] },
    };
    expect(routeIngress([ing], 'https-example.foo.com', '/x', false)).toEqual({ kind: 'redirect', location: 'https://https-example.foo.com/x' });
    expect(routeIngress([ing], 'https-example.foo.com', '/x', true).kind).toBe('backend');
  });
});
