import type { ImageRef } from './reference';
import { hash32, hexDigest } from '../program/commands/util';

/**
 * What the simulated registries hold: common images with realistic sizes (compressed bytes, as
 * containerd reports them), the tags that exist, and what runs when a container does not set
 * `command`/`args` (the image's ENTRYPOINT and CMD). Unknown images exist with a size derived
 * from their name, unless their name says they cannot (see docs/simulated-containers.md).
 */
export interface ImageInfo {
  /** Compressed size in bytes. */
  size: number;
  entrypoint: string[];
  cmd: string[];
  /** Extra environment the image sets (ENV). */
  env: Record<string, string>;
  /** The image's STOPSIGNAL when it is not TERM. */
  stopSignal?: 'QUIT' | 'WINCH' | 'INT';
  /** User the image runs as. */
  uid: number;
}

interface CatalogEntry {
  /** Repositories this entry covers ("docker.io/library/nginx"). */
  repos: string[];
  size: number;
  /** Tags that exist. */
  tags: RegExp;
  /** A size for tags matching this pattern instead. */
  variants?: [RegExp, number][];
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  stopSignal?: ImageInfo['stopSignal'];
  uid?: number;
}

const hub = (name: string) => `docker.io/library/${name}`;
const k8s = (name: string) => [`registry.k8s.io/${name}`, `k8s.gcr.io/${name}`, `gcr.io/google_containers/${name}`, `gcr.io/google-containers/${name}`];

/** Version tags: "1.27", "1.27.3", optionally with a suffix ("-alpine", "-bookworm"). */
const versions = (major: string, minorMax: number, words: string[] = []) =>
  new RegExp(`^(?:(?:${words.concat(['latest']).join('|')})(?:-[a-z0-9.-]+)?|${major}\\.(?:${range(0, minorMax)})(?:\\.\\d{1,2})?(?:-[a-z0-9.-]+)?)$`);

function range(lo: number, hi: number): string {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out.join('|');
}

const CATALOG: CatalogEntry[] = [
  {
    repos: [hub('nginx'), 'registry.k8s.io/nginx', 'docker.io/nginxinc/nginx-unprivileged'],
    size: 72_099_421,
    tags: versions('1', 29, ['stable', 'mainline', 'alpine', 'perl', 'bookworm', 'alpine-slim', 'alpine-perl', 'trixie']),
    variants: [[/alpine/, 21_522_394]],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
    stopSignal: 'QUIT',
  },
  { repos: k8s('nginx-slim'), size: 53_000_000, tags: /^0\.\d+$/, cmd: ['nginx', '-g', 'daemon off;'], stopSignal: 'QUIT' },
  {
    repos: [...k8s('busybox'), hub('busybox')],
    size: 2_222_260,
    tags: /^(?:latest|stable|musl|glibc|uclibc|1\.(?:2[0-9]|3[0-7])(?:\.\d)?(?:-(?:musl|glibc|uclibc))?)$/,
    variants: [[/^1\.2[0-8]/, 727_869]],
    cmd: ['sh'],
  },
  { repos: [hub('alpine')], size: 3_653_068, tags: /^(?:latest|edge|3(?:\.(?:[0-9]|1[0-9]|2[0-2]))?(?:\.\d{1,2})?)$/, cmd: ['/bin/sh'] },
  { repos: [hub('ubuntu')], size: 29_754_290, tags: /^(?:latest|rolling|devel|jammy|noble|focal|bionic|oracular|plucky|1[4-9]\.(?:04|10)|2[0-5]\.(?:04|10))$/, cmd: ['/bin/bash'] },
  { repos: [hub('debian')], size: 48_490_214, tags: /^(?:latest|stable|testing|unstable|sid|trixie|bookworm|bullseye|buster|stretch|(?:[89]|1[0-3])(?:\.\d{1,2})?)(?:-slim)?$/, cmd: ['bash'] },
  { repos: [hub('fedora')], size: 60_000_000, tags: /^(?:latest|rawhide|[2-4]\d)$/, cmd: ['/bin/bash'] },
  { repos: [hub('bash')], size: 6_300_000, tags: /^(?:latest|[3-5](?:\.\d)?(?:\.\d+)?(?:-alpine[\d.]*)?)$/, entrypoint: ['docker-entrypoint.sh'], cmd: ['bash'] },
  {
    repos: [hub('redis')],
    size: 45_077_820,
    tags: /^(?:latest|alpine|bookworm|[2-8](?:\.\d)?(?:\.\d{1,2})?(?:-[a-z0-9.]+)?)$/,
    variants: [[/alpine/, 17_000_000]],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    uid: 999,
  },
  { repos: [hub('httpd')], size: 58_237_311, tags: /^(?:latest|alpine|2(?:\.[24])?(?:\.\d{1,2})?(?:-alpine)?)$/, cmd: ['httpd-foreground'], stopSignal: 'WINCH' },
  {
    repos: [hub('mysql')],
    size: 172_438_512,
    tags: /^(?:latest|lts|innovation|oracle|debian|5\.[5-7](?:\.\d{1,2})?|8(?:\.[0-4])?(?:\.\d{1,2})?|9(?:\.[0-5])?(?:\.\d{1,2})?)(?:-[a-z]+)?$/,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: { MYSQL_MAJOR: '8.4', MYSQL_VERSION: '8.4.4-1.el9' },
    uid: 999,
  },
  {
    repos: [hub('postgres')],
    size: 156_112_847,
    tags: /^(?:latest|alpine|bookworm|(?:9\.[3-6]|1[0-8])(?:\.\d{1,2})?(?:-[a-z0-9.]+)?)$/,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    stopSignal: 'INT',
    uid: 999,
  },
  { repos: [hub('mongo')], size: 279_350_113, tags: /^(?:latest|[3-8](?:\.\d)?(?:\.\d{1,2})?(?:-[a-z]+)?)$/, entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], uid: 999 },
  { repos: [hub('rabbitmq')], size: 102_847_310, tags: /^(?:latest|management|alpine|3(?:\.\d{1,2})?(?:\.\d{1,2})?(?:-[a-z]+)?|4(?:\.\d)?(?:\.\d)?(?:-[a-z]+)?)$/, entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'], uid: 999 },
  { repos: [hub('wordpress')], size: 254_311_640, tags: /^(?:latest|[4-6](?:\.\d)?(?:\.\d)?(?:-[a-z0-9.-]+)?)$/, entrypoint: ['docker-entrypoint.sh'], cmd: ['apache2-foreground'], stopSignal: 'WINCH' },
  { repos: [hub('perl')], size: 341_782_090, tags: /^(?:latest|slim|5(?:\.\d{1,2})?(?:\.\d{1,2})?(?:-[a-z0-9.-]+)?)$/, cmd: ['perl5.40.1'] },
  {
    repos: [hub('python')],
    size: 406_322_861,
    tags: /^(?:latest|slim|alpine|bookworm|[23](?:\.\d{1,2})?(?:\.\d{1,2})?(?:-[a-z0-9.-]+)?)$/,
    variants: [[/slim/, 41_000_000], [/alpine/, 17_500_000]],
    cmd: ['python3'],
    env: { PYTHON_VERSION: '3.13.1', LANG: 'C.UTF-8' },
  },
  { repos: [hub('node')], size: 395_420_556, tags: /^(?:latest|lts|current|alpine|slim|(?:[4-9]|1\d|2[0-5])(?:\.\d{1,2})?(?:\.\d{1,2})?(?:-[a-z0-9.-]+)?)$/, entrypoint: ['docker-entrypoint.sh'], cmd: ['node'] },
  { repos: ['docker.io/curlimages/curl'], size: 10_322_157, tags: /^(?:latest|[78]\.\d{1,3}\.\d{1,2})$/, entrypoint: ['/entrypoint.sh'], cmd: ['curl'], uid: 100 },
  { repos: ['docker.io/radial/busyboxplus'], size: 4_234_000, tags: /^(?:latest|curl|git)$/, cmd: ['/bin/sh'] },
  { repos: ['docker.io/polinux/stress'], size: 4_042_014, tags: /^(?:latest|1\.0\.4)$/, cmd: ['stress', '--verbose', '--cpu', '1'] },
  { repos: ['docker.io/vish/stress'], size: 2_117_405, tags: /^latest$/, entrypoint: ['/stress', '-logtostderr'], cmd: [] },
  { repos: k8s('pause'), size: 320_368, tags: /^(?:latest|[0-3]\.\d{1,2}(?:-[a-z0-9]+)?)$/, variants: [[/^[0-2]\./, 240_000]], entrypoint: ['/pause'] },
  { repos: k8s('e2e-test-images/agnhost'), size: 51_284_014, tags: /^(?:2\.(?:\d|[1-5]\d))$/, entrypoint: ['/agnhost'], cmd: [] },
  { repos: k8s('liveness'), size: 2_471_108, tags: /^latest$/, cmd: ['/server'] },
  { repos: k8s('serve_hostname'), size: 3_022_210, tags: /^(?:latest|v?1\.\d)$/, entrypoint: ['/serve_hostname'] },
  { repos: k8s('goproxy'), size: 2_221_000, tags: /^0\.\d$/, entrypoint: ['/goproxy'] },
  { repos: k8s('hpa-example'), size: 183_604_070, tags: /^latest$/, cmd: ['apache2-foreground'], stopSignal: 'WINCH' },
  { repos: k8s('etcd'), size: 57_190_422, tags: /^3\.\d\.\d{1,2}(?:-\d)?$/, cmd: ['/usr/local/bin/etcd'] },
  { repos: k8s('echoserver'), size: 46_000_000, tags: /^1\.(?:[0-9]|10)$/, cmd: ['/usr/local/bin/run.sh'] },
  { repos: k8s('e2e-test-images/jessie-dnsutils'), size: 112_000_000, tags: /^1\.\d$/, cmd: ['/bin/sh'] },
  { repos: ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'], size: 11_352_040, tags: /^[12]\.0$/, cmd: ['/hello-app'] },
  { repos: ['gcr.io/google-samples/node-hello'], size: 250_000_000, tags: /^1\.0$/, cmd: ['node', 'server.js'] },
  { repos: ['docker.io/hashicorp/http-echo'], size: 3_548_911, tags: /^(?:latest|0\.2\.3|1\.0(?:\.0)?)$/, entrypoint: ['/http-echo'], cmd: [] },
];

const byRepo = new Map<string, CatalogEntry>();
for (const e of CATALOG) for (const r of e.repos) byRepo.set(r, e);

/** Names a learner uses for images that cannot exist (the registry answers "not found"). */
const NONEXISTENT = /does-?not-?exist|doesnt-?exist|non-?exist|notfound|not-found|no-such-image/i;
/** Registries in reserved DNS zones (RFC 2606/6761) never resolve. */
const UNRESOLVABLE_DOMAIN = /\.(invalid|example|test|local)(:\d+)?$|^(example\.(com|org|net)|registry\.example)(:\d+)?$/i;

export type PullFailure =
  /** The registry answers 404 for the tag. */
  | { kind: 'tagNotFound' }
  /** Docker Hub's answer for a repository that does not exist (or is private). */
  | { kind: 'repoNotFound' }
  /** The registry host does not resolve. */
  | { kind: 'noSuchHost' };

export interface CatalogAnswer {
  info?: ImageInfo;
  failure?: PullFailure;
}

/** What pulling `ref` would give: the image, or why the pull fails. */
export function lookupImage(ref: ImageRef): CatalogAnswer {
  if (UNRESOLVABLE_DOMAIN.test(ref.domain)) return { failure: { kind: 'noSuchHost' } };
  if (NONEXISTENT.test(ref.path)) return { failure: { kind: ref.domain === 'docker.io' ? 'repoNotFound' : 'tagNotFound' } };
  if (ref.tag && NONEXISTENT.test(ref.tag)) return { failure: { kind: 'tagNotFound' } };
  const entry = byRepo.get(ref.repository);
  if (entry) {
    if (ref.tag && !ref.digest && !entry.tags.test(ref.tag)) return { failure: { kind: 'tagNotFound' } };
    let size = entry.size;
    for (const [re, s] of entry.variants ?? []) if (re.test(ref.tag)) size = s;
    // Tags of one repository differ a little in size.
    size = Math.round(size * (0.96 + (hash32(ref.normalized) % 800) / 10_000));
    return {
      info: { size, entrypoint: entry.entrypoint ?? [], cmd: entry.cmd ?? [], env: entry.env ?? {}, stopSignal: entry.stopSignal, uid: entry.uid ?? 0 },
    };
  }
  // An image we know nothing about: it exists; its size follows from its name (5–300 MB).
  const h = hash32(ref.repository);
  return { info: { size: 5_000_000 + (h % 295_000_000), entrypoint: [], cmd: [], env: {}, uid: 0 } };
}

/** The repo digest of an image, the same on every node ("sha256:<64 hex>"). */
export function imageDigest(ref: ImageRef): string {
  return ref.digest ?? `sha256:${hexDigest(`image:${ref.normalized}`)}`;
}

/** What `status.containerStatuses[].imageID` shows: "docker.io/library/nginx@sha256:…". */
export function imageID(ref: ImageRef): string {
  return `${ref.repository}@${imageDigest(ref)}`;
}

/**
 * Images every node of a kind cluster has before anything is pulled (kind's node image preloads
 * them), with their sizes.
 */
export const PRELOADED_IMAGES: readonly { name: string; size: number }[] = [
  { name: 'registry.k8s.io/etcd:3.6.4-0', size: 22_878_412 },
  { name: 'registry.k8s.io/kube-apiserver-amd64:v1.36.0', size: 30_102_812 },
  { name: 'registry.k8s.io/kube-controller-manager-amd64:v1.36.0', size: 24_576_921 },
  { name: 'registry.k8s.io/kube-proxy-amd64:v1.36.0', size: 31_947_104 },
  { name: 'registry.k8s.io/kube-scheduler-amd64:v1.36.0', size: 19_308_125 },
  { name: 'docker.io/kindest/kindnetd:v20250512-df8de77b', size: 44_375_501 },
  { name: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', size: 22_541_737 },
  { name: 'registry.k8s.io/coredns/coredns:v1.12.1', size: 22_384_805 },
  { name: 'docker.io/kindest/local-path-helper:v20241212-8ac705d0', size: 3_084_671 },
  { name: 'registry.k8s.io/pause:3.10.1', size: 320_448 },
];
