import type { Container, Pod, Service } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import { parseQuantity } from '../api/quantity';
import { decodeBase64 } from './base64';

export class ContainerConfigError extends Error {}

export interface EnvContext {
  api: ApiServer;
  pod: Pod;
  hostIP: string;
  podIP: string;
  /** The node's allocatable cpu (cores) and memory (bytes), the default of limits.* references. */
  nodeCpu: number;
  nodeMemory: number;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * The container's environment as the kubelet builds it (kubelet_pods.go
 * makeEnvironmentVariables): envFrom, then env (with $(VAR) references to the variables before
 * them and to the service variables), then the variables of the Services in the namespace.
 * Missing ConfigMaps, Secrets or keys fail with CreateContainerConfigError's messages.
 */
export function containerEnv(ctx: EnvContext, c: Container): Map<string, string> {
  const { api, pod } = ctx;
  const ns = pod.metadata!.namespace ?? 'default';
  const serviceEnv = serviceEnvVars(api, ns, pod.spec!.enableServiceLinks !== false);
  const env = new Map<string, string>();
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = api.get('ConfigMap', ns, from.configMapRef.name!);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ContainerConfigError(`configmap "${from.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries({ ...(cm.data ?? {}) })) if (ENV_NAME.test(prefix + k)) env.set(prefix + k, String(v));
    } else if (from.secretRef) {
      const s = api.get('Secret', ns, from.secretRef.name!);
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new ContainerConfigError(`secret "${from.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(secretData(s))) if (ENV_NAME.test(prefix + k)) env.set(prefix + k, v);
    }
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined || !e.valueFrom) {
      env.set(e.name, expandRefs(e.value ?? '', (n) => env.get(n) ?? serviceEnv.get(n)));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.configMapKeyRef) {
      const ref = vf.configMapKeyRef;
      const cm = api.get('ConfigMap', ns, ref.name!);
      if (!cm) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`configmap "${ref.name}" not found`);
      }
      const v = cm.data?.[ref.key] ?? cm.binaryData?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
      }
      env.set(e.name, String(v));
    } else if (vf.secretKeyRef) {
      const ref = vf.secretKeyRef;
      const s = api.get('Secret', ns, ref.name!);
      if (!s) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`secret "${ref.name}" not found`);
      }
      const v = secretData(s)[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
      }
      env.set(e.name, v);
    } else if (vf.fieldRef) {
      env.set(e.name, fieldValue(ctx, vf.fieldRef.fieldPath));
    } else if (vf.resourceFieldRef) {
      const target = vf.resourceFieldRef.containerName ? ([...(pod.spec!.containers ?? []), ...(pod.spec!.initContainers ?? [])].find((x) => x.name === vf.resourceFieldRef!.containerName) ?? c) : c;
      env.set(e.name, resourceValue(ctx, target, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor));
    }
  }
  for (const [k, v] of serviceEnv) if (!env.has(k)) env.set(k, v);
  return env;
}

/** $(VAR) references (the kubelet's expansion, not the shell's); $$ escapes. */
export function expandRefs(s: string, lookup: (name: string) => string | undefined): string {
  return s.replace(/\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = lookup(name!);
    return v === undefined ? m : v;
  });
}

/** The decoded contents of a Secret (data is base64; stringData, if kept, is plain). */
export function secretData(s: { data?: Record<string, string>; stringData?: Record<string, string>; [k: string]: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decodeBase64(String(v));
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = String(v);
  return out;
}

function fieldValue(ctx: EnvContext, path: string): string {
  const { pod } = ctx;
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata!.labels : pod.metadata!.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata!.name ?? '';
    case 'metadata.namespace':
      return pod.metadata!.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata!.uid ?? '';
    case 'spec.nodeName':
      return pod.spec!.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec!.serviceAccountName ?? 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIP;
  }
  return '';
}

/** resourceFieldRef: requests/limits in units of the divisor, rounded up (limits default to the node). */
export function resourceValue(ctx: EnvContext, c: Container, resource: string, divisor?: string | number): string {
  const [kind, name] = resource.split('.');
  const q = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
  let value: number;
  if (q !== undefined) value = parseQuantity(q);
  else if (kind === 'limits') value = name === 'cpu' ? ctx.nodeCpu : name === 'memory' ? ctx.nodeMemory : 0;
  else value = name === 'cpu' ? 0 : 0;
  const div = divisor === undefined || divisor === '' ? 1 : parseQuantity(divisor);
  return String(Math.ceil(value / div - 1e-9));
}

/**
 * The Service variables of a container (kubelet_pods.go getServiceEnvVarMap, envvars.FromServices):
 * for the Services of the pod's namespace when enableServiceLinks (the default), and always for
 * the `kubernetes` Service of the default namespace (a Service named `kubernetes` in the pod's
 * own namespace takes its place). Services without a ClusterIP — headless, ExternalName — have
 * none. Called when the container starts: Services created later are not in it.
 */
export function serviceEnvVars(api: ApiServer, namespace: string, links: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const byName = new Map<string, Service>();
  const hasIP = (s: Service) => !!s.spec?.clusterIP && s.spec.clusterIP !== 'None';
  if (links) for (const s of api.list('Service', namespace) as Service[]) if (hasIP(s)) byName.set(s.metadata!.name!, s);
  const master = api.get('Service', 'default', 'kubernetes') as Service | undefined;
  if (master && hasIP(master) && !byName.has('kubernetes')) byName.set('kubernetes', master);
  const services = [...byName.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const s of services) {
    const ip = s.spec!.clusterIP!;
    const prefix = envName(s.metadata!.name!);
    const ports = s.spec?.ports ?? [];
    if (ports.length === 0) continue;
    out.set(`${prefix}_SERVICE_HOST`, ip);
    out.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
    for (const p of ports) if (p.name) out.set(`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
    // Docker-compatible link variables (makeLinkVariables); the first port also as <NAME>_PORT.
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${ip}:${p.port}`;
      if (i === 0) out.set(`${prefix}_PORT`, url);
      const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.set(base, url);
      out.set(`${base}_PROTO`, proto);
      out.set(`${base}_PORT`, String(p.port));
      out.set(`${base}_ADDR`, ip);
    });
  }
  return out;
}

/** makeEnvVariableName: upper case, dashes to underscores. */
function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}
