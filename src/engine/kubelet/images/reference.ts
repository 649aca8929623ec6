/**
 * Image references as containerd and the kubelet read them (github.com/distribution/reference):
 * "nginx" is docker.io/library/nginx:latest, "bitnami/redis:7" is docker.io/bitnami/redis:7,
 * a first component with a dot, a colon or "localhost" is a registry host.
 */
export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** Registry host ("docker.io", "registry.k8s.io"). */
  domain: string;
  /** Repository path inside the registry ("library/nginx"). */
  path: string;
  /** The tag ("latest" when neither tag nor digest is given). */
  tag: string;
  digest?: string;
  /** domain/path ("docker.io/library/nginx"). */
  repository: string;
  /** domain/path:tag, what the runtime reports as the container's image. */
  normalized: string;
}

export class InvalidReference extends Error {}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;

/** Parses and normalizes a reference; throws InvalidReference with the library's wording. */
export function parseImageRef(raw: string): ImageRef {
  if (raw === '' || /\s/.test(raw)) throw new InvalidReference('invalid reference format');
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InvalidReference('invalid reference format');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InvalidReference('invalid reference format');
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]))) {
    domain = parts.shift()!;
    if (!DOMAIN.test(domain)) throw new InvalidReference('invalid reference format');
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (parts.some((p) => p.toLowerCase() !== p) && parts.every((p) => COMPONENT.test(p.toLowerCase()))) {
    throw new InvalidReference(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  if (!parts.every((p) => COMPONENT.test(p))) throw new InvalidReference('invalid reference format');
  if (path.length + domain.length + 1 > 255) throw new InvalidReference('invalid reference format: repository name must not be more than 255 characters');
  const finalTag = tag ?? (digest ? '' : 'latest');
  const repository = `${domain}/${path}`;
  return {
    raw,
    domain,
    path,
    tag: finalTag,
    digest,
    repository,
    normalized: digest && !tag ? `${repository}@${digest}` : `${repository}:${finalTag}`,
  };
}

/** The image pull policy the API server defaults: Always for :latest or no tag, else IfNotPresent. */
export function defaultPullPolicy(raw: string): 'Always' | 'IfNotPresent' {
  const at = raw.indexOf('@');
  if (at >= 0) return 'IfNotPresent';
  const lastSlash = raw.lastIndexOf('/');
  const colon = raw.lastIndexOf(':');
  if (colon <= lastSlash) return 'Always';
  return raw.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}
