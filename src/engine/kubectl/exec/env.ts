import type { KObject } from '../../api/object';

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
