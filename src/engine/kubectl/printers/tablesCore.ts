import type { KObject } from '../../api/object';
import { accessModesString, age, formatLabels, quantityString } from './format';
import { col, type TableDef } from './types';

const LB_WIDTH = 16;

export const configMapTable: TableDef = {
  columns: [col('Name'), col('Data'), col('Age')],
  row: (o, { now }) => [o.metadata.name!, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o.metadata.creationTimestamp, now)],
};

/** formatEndpoints: up to three "ip:port" entries, then "+ N more...". */
export function formatEndpoints(ep: KObject): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, p.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export const endpointsTable: TableDef = {
  columns: [col('Name'), col('Endpoints'), col('Age')],
  row: (o, { now }) => [o.metadata.name!, formatEndpoints(o), age(o.metadata.creationTimestamp, now)],
};

/** The OBJECT cell of an event: "pod/web-1" (kind lower-cased). */
export function eventTarget(e: KObject): string {
  const io = e.involvedObject ?? {};
  return io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
}

export function eventSource(e: KObject): string {
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

export const eventTable: TableDef = {
  columns: [
    col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 1), col('Source', 1), col('Message'),
    col('First Seen', 1), col('Count', 1), col('Name', 1),
  ],
  row(e, { now }) {
    const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
    const last = e.series ? age(e.series.lastObservedTime, now) : e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    const count = e.series ? e.series.count : e.count || 1;
    return [last, e.type ?? '', e.reason ?? '', eventTarget(e), e.involvedObject?.fieldPath ?? '', eventSource(e), String(e.message ?? '').trim(), first, count, e.metadata.name!];
  },
};

export const namespaceTable: TableDef = {
  columns: [col('Name'), col('Status'), col('Age')],
  row: (o, { now }) => [o.metadata.name!, o.status?.phase ?? '', age(o.metadata.creationTimestamp, now)],
};

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** The STATUS column of a node: Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: KObject): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: KObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

export const nodeTable: TableDef = {
  columns: [
    col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), col('Internal-IP', 1), col('External-IP', 1), col('OS-Image', 1),
    col('Kernel-Version', 1), col('Container-Runtime', 1),
  ],
  row(o, { now }) {
    const info = o.status?.nodeInfo ?? {};
    const roles = nodeRoles(o).join(',');
    return [
      o.metadata.name!,
      nodeStatus(o),
      roles || '<none>',
      age(o.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export function pvcClass(o: KObject): string {
  return o.spec?.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

export const pvcTable: TableDef = {
  columns: [
    col('Name'), col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), col('VolumeMode', 1),
  ],
  row(o, { now }) {
    const bound = !!o.spec?.volumeName;
    return [
      o.metadata.name!,
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      o.spec?.volumeName ?? '',
      bound ? quantityString(o.status?.capacity?.storage) : '',
      bound ? accessModesString(o.status?.accessModes) : '',
      pvcClass(o),
      o.spec?.volumeAttributesClassName ?? '<unset>',
      age(o.metadata.creationTimestamp, now),
      o.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const pvTable: TableDef = {
  columns: [
    col('Name'), col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'),
    col('VolumeAttributesClass'), col('Reason'), col('Age'), col('VolumeMode', 1),
  ],
  row(o, { now }) {
    const spec = o.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    return [
      o.metadata.name!,
      quantityString(spec.capacity?.storage),
      accessModesString(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      claim,
      spec.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '',
      spec.volumeAttributesClassName ?? '<unset>',
      o.status?.reason ?? '',
      age(o.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

export const resourceQuotaTable: TableDef = {
  columns: [col('Name'), col('Request'), col('Limit'), col('Age')],
  row(o, { now }) {
    const hard: Record<string, string> = o.status?.hard ?? {};
    const used: Record<string, string> = o.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const cell = `${r}: ${quantityString(used[r] ?? '0')}/${quantityString(hard[r])}`;
      (r.split('.').length > 1 && r.split('.')[0] === 'limits' ? lim : req).push(cell);
    }
    return [o.metadata.name!, req.join(', '), lim.join(', '), age(o.metadata.creationTimestamp, now)];
  },
};

export const secretTable: TableDef = {
  columns: [col('Name'), col('Type'), col('Data'), col('Age')],
  row: (o, { now }) => [o.metadata.name!, o.type ?? '', Object.keys(o.data ?? {}).length, age(o.metadata.creationTimestamp, now)],
};

export const serviceAccountTable: TableDef = {
  columns: [col('Name'), col('Secrets'), col('Age')],
  row: (o, { now }) => [o.metadata.name!, (o.secrets ?? []).length, age(o.metadata.creationTimestamp, now)],
};

function loadBalancerStatus(ingress: any[] | undefined, wide: boolean): string {
  const result = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) result.add(i.ip);
    else if (i.hostname) result.add(i.hostname);
  }
  let r = [...result].sort().join(',');
  if (!wide && r.length > LB_WIDTH) r = r.slice(0, LB_WIDTH - 3) + '...';
  return r;
}

/** getServiceExternalIP; `wide` leaves load-balancer addresses unclipped. */
export function serviceExternalIP(svc: KObject, wide: boolean): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc.status?.loadBalancer?.ingress, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function servicePorts(svc: KObject): string {
  const pieces = (svc.spec?.ports ?? []).map((p: any) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return pieces.length ? pieces.join(',') : '<none>';
}

export const serviceTable: TableDef = {
  columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), col('Selector', 1)],
  row: (o, { now, wide }) => [
    o.metadata.name!,
    o.spec?.type ?? '',
    o.spec?.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(o, !!wide),
    servicePorts(o),
    age(o.metadata.creationTimestamp, now),
    formatLabels(o.spec?.selector),
  ],
};

export function ingressAddress(o: KObject, wide: boolean): string {
  return loadBalancerStatus(o.status?.loadBalancer?.ingress, wide);
}

