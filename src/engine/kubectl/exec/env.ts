import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import type { KObject } from '../../api/object';
import { parseTimestamp } from '../../time';
import { fieldRefValue } from '../describe/pod';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** pkg/kubelet/envvars FromServices: the Docker-link style variables of one Service. */
export function serviceEnv(svc: KObject): [string, string][] {
  const ip: string | undefined = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return [];
  const name = envName(svc.metadata.name!);
  const ports: any[] = svc.spec?.ports ?? [];
  const out: [string, string][] = [[`${name}_SERVICE_HOST`, ip]];
  if (ports.length) out.push([`${name}_SERVICE_PORT`, String(ports[0].port)]);
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  ports.forEach((p, i) => {
    const proto = String(p.protocol ?? 'TCP');
    const url = `${proto.toLowerCase()}://${ip}:${p.port}`;
    if (i === 0) out.push([`${name}_PORT`, url]);
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([prefix, url], [`${prefix}_PROTO`, proto.toLowerCase()], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  });
  return out;
}

/**
 * The environment of a running container: the image's PATH, HOSTNAME, the Service variables
 * the kubelet injected for Services that existed when the container started (the `kubernetes`
 * Service always), then the container's envFrom and env, and HOME.
 */
export function containerEnv(api: ApiServer, pod: Pod, container: Container): [string, string][] {
  const ns = pod.metadata!.namespace!;
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container.name);
  const started = parseTimestamp(status?.state?.running?.startedAt) ?? parseTimestamp(pod.metadata!.creationTimestamp) ?? 0;
  const existedAtStart = (s: KObject) => (parseTimestamp(s.metadata.creationTimestamp) ?? 0) <= started;
  const env = new Map<string, string>();
  env.set('PATH', PATH);
  env.set('HOSTNAME', pod.spec?.hostname || pod.metadata!.name!);
  const services: KObject[] = [];
  const master = api.get('Service', 'default', 'kubernetes');
  if (pod.spec?.enableServiceLinks !== false) services.push(...api.list('Service', ns).filter((s) => s.metadata.name !== 'kubernetes' || ns !== 'default'));
  if (master) services.push(master);
  for (const s of services.filter(existedAtStart).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) for (const [k, v] of serviceEnv(s)) env.set(k, v);
  for (const from of container.envFrom ?? []) {
    const src = from.configMapRef ? api.get('ConfigMap', ns, from.configMapRef.name!) : from.secretRef ? api.get('Secret', ns, from.secretRef.name!) : undefined;
    const data: Record<string, string> = src?.data ?? {};
    for (const [k, v] of Object.entries(data)) env.set(`${from.prefix ?? ''}${k}`, from.secretRef ? decodeBase64(v) : v);
  }
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    let value = e.value ?? '';
    if (vf?.fieldRef) value = fieldRefValue(pod, vf.fieldRef.fieldPath);
    else if (vf?.configMapKeyRef) value = api.get('ConfigMap', ns, vf.configMapKeyRef.name!)?.data?.[vf.configMapKeyRef.key] ?? '';
    else if (vf?.secretKeyRef) value = decodeBase64(api.get('Secret', ns, vf.secretKeyRef.name!)?.data?.[vf.secretKeyRef.key] ?? '');
    else value = value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string) => env.get(n) ?? m);
    env.set(e.name, value);
  }
  if (!env.has('HOME')) env.set('HOME', '/root');
  return [...env];
}

export function decodeBase64(b64: string): string {
  try {
    const bin = atob(b64);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}
