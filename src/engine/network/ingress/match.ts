import type { HTTPIngressPath, Ingress, IngressBackend } from 'kubernetes-types/networking/v1';

/** Path elements of a URL path: split on "/", empty elements (and so trailing slashes) ignored. */
function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/**
 * Whether an Ingress path matches a request path (concepts/services-networking/ingress,
 * "Path types"): Exact is a case-sensitive string match; Prefix matches element by element
 * ("/foo" matches "/foo" and "/foo/bar", not "/foobar"; a trailing slash on either side is
 * ignored); ImplementationSpecific is ingress-nginx's plain nginx location, a string prefix.
 */
export function pathMatches(pathType: string, path: string | undefined, request: string): boolean {
  const p = path || '/';
  switch (pathType) {
    case 'Exact':
      return p === request;
    case 'Prefix': {
      const want = elements(p);
      const got = elements(request);
      if (want.length > got.length) return false;
      for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return false;
      return true;
    }
    default:
      return request.startsWith(p);
  }
}

/** A rule host matches the Host header: exactly, or a "*." wildcard covering one DNS label. */
export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  const h = host.toLowerCase();
  const r = ruleHost.toLowerCase();
  if (!r.startsWith('*.')) return r === h;
  const suffix = r.slice(1);
  if (!h.endsWith(suffix)) return false;
  const first = h.slice(0, h.length - suffix.length);
  return first.length > 0 && !first.includes('.');
}

export interface PathCandidate {
  ingress: Ingress;
  path: HTTPIngressPath;
}

/**
 * The path that serves a request among the candidates: "precedence will be given first to the
 * longest matching path. If two paths are still equally matched, precedence will be given to
 * paths with an exact path type over prefix path type."
 */
export function bestPath(candidates: readonly PathCandidate[], request: string): PathCandidate | undefined {
  let best: PathCandidate | undefined;
  let bestLen = -1;
  let bestExact = false;
  for (const c of candidates) {
    if (!pathMatches(c.path.pathType, c.path.path, request)) continue;
    const len = (c.path.path || '/').replace(/\/+$/, '').length;
    const exact = c.path.pathType === 'Exact';
    if (len > bestLen || (len === bestLen && exact && !bestExact)) {
      best = c;
      bestLen = len;
      bestExact = exact;
    }
  }
  return best;
}

export type IngressRoute =
  | { kind: 'backend'; ingress: Ingress; backend: IngressBackend; host?: string; path?: string; defaultBackend?: boolean }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

/**
 * How ingress-nginx routes a request among the Ingresses it serves: each host is its own server
 * (an exact host before a wildcard, the rules without a host as the default server), the best
 * path inside it, else an Ingress's defaultBackend, else its default backend's 404. A host with
 * TLS redirects plain HTTP to HTTPS (308, ssl-redirect).
 */
export function routeIngress(ingresses: readonly Ingress[], host: string, path: string, https: boolean): IngressRoute {
  const pathOnly = path.split('?')[0] || '/';
  const exact: PathCandidate[] = [];
  const wildcard: PathCandidate[] = [];
  const catchAll: PathCandidate[] = [];
  let tls = false;
  for (const ing of ingresses) {
    for (const r of ing.spec?.rules ?? []) {
      if (!hostMatches(r.host, host)) continue;
      const bucket = !r.host ? catchAll : r.host.startsWith('*.') ? wildcard : exact;
      for (const p of r.http?.paths ?? []) bucket.push({ ingress: ing, path: p });
    }
    for (const t of ing.spec?.tls ?? []) if ((t.hosts ?? []).some((h) => hostMatches(h, host))) tls = true;
  }
  const server = exact.length ? exact : wildcard.length ? wildcard : catchAll;
  if (tls && !https && server !== catchAll) return { kind: 'redirect', location: `https://${host}${path}` };
  const best = bestPath(server, pathOnly);
  if (best) return { kind: 'backend', ingress: best.ingress, backend: best.path.backend, host, path: best.path.path ?? '/' };
  const withDefault = ingresses.find((i) => i.spec?.defaultBackend);
  if (withDefault) return { kind: 'backend', ingress: withDefault, backend: withDefault.spec!.defaultBackend!, defaultBackend: true };
  return { kind: 'not-found' };
}
