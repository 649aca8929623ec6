import type { KObject } from '../../api/object';
import { rfc3339 } from '../../time';
import { parseTimestamp } from '../../time';
import { age, formatLabelSelector } from './format';
import { ingressAddress } from './tablesCore';
import { col, type TableDef } from './types';

const nameAge = (extra: (o: KObject) => (string | number | boolean)[] = () => []): ((o: KObject, c: { now: number }) => (string | number | boolean)[]) =>
  (o, { now }) => [o.metadata.name!, ...extra(o), age(o.metadata.creationTimestamp, now)];

/** Kinds without a printer get the default table: NAME and CREATED AT (an RFC 3339 timestamp). */
export const defaultTable: TableDef = {
  columns: [col('Name'), col('Created At')],
  row: (o) => [o.metadata.name!, createdAt(o)],
};

function createdAt(o: KObject): string {
  const t = parseTimestamp(o.metadata.creationTimestamp);
  return t === undefined ? '<unknown>' : rfc3339(t);
}

export const ingressTable: TableDef = {
  columns: [col('Name'), col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
  row(o, { now, wide }) {
    const rules: any[] = o.spec?.rules ?? [];
    const hosts: string[] = [];
    let more = false;
    for (const r of rules) {
      if (hosts.length === 3) more = true;
      if (!more && r.host) hosts.push(r.host);
    }
    let hostCell = hosts.length === 0 ? '*' : hosts.join(',');
    if (more) hostCell = `${hostCell} + ${rules.length - 3} more...`;
    return [
      o.metadata.name!,
      o.spec?.ingressClassName ?? '<none>',
      hostCell,
      ingressAddress(o, !!wide),
      (o.spec?.tls ?? []).length ? '80, 443' : '80',
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

export const ingressClassTable: TableDef = {
  columns: [col('Name'), col('Controller'), col('Parameters'), col('Age')],
  row: nameAge((o) => {
    const p = o.spec?.parameters;
    let params = '<none>';
    if (p) params = `${p.kind}${p.apiGroup ? '.' + p.apiGroup : ''}/${p.name}`;
    return [o.spec?.controller ?? '', params];
  }),
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

export const endpointSliceTable: TableDef = {
  columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
  row: nameAge((o) => {
    const ports: string[] = [];
    let pMore = false;
    let pCount = 0;
    for (const p of o.ports ?? []) {
      if (ports.length < 3) ports.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
      else pMore = true;
      pCount++;
    }
    const eps: string[] = [];
    let eMore = false;
    let eCount = 0;
    for (const e of o.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (eps.length < 3) eps.push(a);
        else eMore = true;
        eCount++;
      }
    }
    return [o.addressType ?? '', listWithMore(ports, pMore, pCount, 3), listWithMore(eps, eMore, eCount, 3)];
  }),
};

export const networkPolicyTable: TableDef = {
  columns: [col('Name'), col('Pod-Selector'), col('Age')],
  row: nameAge((o) => [formatLabelSelector(o.spec?.podSelector ?? {})]),
};

export const serviceCIDRTable: TableDef = {
  columns: [col('Name'), col('CIDRs'), col('Age')],
  row: nameAge((o) => [(o.spec?.cidrs ?? []).join(',')]),
};

export const ipAddressTable: TableDef = {
  columns: [col('Name'), col('ParentRef')],
  row(o) {
    const p = o.spec?.parentRef;
    let parent = '<none>';
    if (p) parent = `${(p.group ? `${p.resource}.${p.group}` : p.resource).toLowerCase()}${p.namespace ? '/' + p.namespace : ''}/${p.name}`;
    return [o.metadata.name!, parent];
  },
};

export const storageClassTable: TableDef = {
  columns: [col('Name'), col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), col('Age')],
  row(o, { now }) {
    const ann = o.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      o.metadata.name! + (isDefault ? ' (default)' : ''),
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      o.allowVolumeExpansion ?? false,
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

export const volumeAttributesClassTable: TableDef = {
  columns: [col('Name'), col('DriverName'), col('Age')],
  row: nameAge((o) => [o.driverName ?? '']),
};

export const csiDriverTable: TableDef = {
  columns: [
    col('Name'), col('AttachRequired'), col('PodInfoOnMount'), col('StorageCapacity'), col('TokenRequests'), col('RequiresRepublish'), col('Modes'), col('Age'),
  ],
  row: nameAge((o) => {
    const s = o.spec ?? {};
    const modes = (s.volumeLifecycleModes ?? []).join(',');
    return [
      s.attachRequired ?? true,
      s.podInfoOnMount ?? false,
      s.storageCapacity ?? false,
      s.tokenRequests ? s.tokenRequests.map((t: any) => t.audience).join(',') : '<unset>',
      s.requiresRepublish ?? false,
      modes || '<none>',
    ];
  }),
};

export const csiNodeTable: TableDef = {
  columns: [col('Name'), col('Drivers'), col('Age')],
  row: nameAge((o) => [(o.spec?.drivers ?? []).length]),
};

export const volumeAttachmentTable: TableDef = {
  columns: [col('Name'), col('Attacher'), col('PV'), col('Node'), col('Attached'), col('Age')],
  row: nameAge((o) => [o.spec?.attacher ?? '', o.spec?.source?.persistentVolumeName ?? '', o.spec?.nodeName ?? '', o.status?.attached ?? false]),
};

function subjectsStrings(subjects: any[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

export const roleBindingTable: TableDef = {
  columns: [col('Name'), col('Role'), col('Age'), col('Users', 1), col('Groups', 1), col('ServiceAccounts', 1)],
  row: (o, { now }) => [o.metadata.name!, `${o.roleRef?.kind}/${o.roleRef?.name}`, age(o.metadata.creationTimestamp, now), ...subjectsStrings(o.subjects)],
};

export const leaseTable: TableDef = {
  columns: [col('Name'), col('Holder'), col('Age')],
  row: nameAge((o) => [o.spec?.holderIdentity ?? '']),
};

export const priorityClassTable: TableDef = {
  columns: [col('Name'), col('Value'), col('Global-Default'), col('Age'), col('PreemptionPolicy', 1)],
  row: (o, { now }) => [o.metadata.name!, o.value ?? 0, o.globalDefault ?? false, age(o.metadata.creationTimestamp, now), o.preemptionPolicy ?? ''],
};

export const runtimeClassTable: TableDef = {
  columns: [col('Name'), col('Handler'), col('Age')],
  row: nameAge((o) => [o.handler ?? '']),
};

export const webhookTable: TableDef = {
  columns: [col('Name'), col('Webhooks'), col('Age')],
  row: nameAge((o) => [(o.webhooks ?? []).length]),
};

const paramKind = (o: KObject) => (o.spec?.paramKind ? `${o.spec.paramKind.apiVersion}/${o.spec.paramKind.kind}` : '<unset>');
const paramRef = (o: KObject) => {
  const pr = o.spec?.paramRef;
  if (!pr) return '<unset>';
  if (pr.name) return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
  return pr.selector ? formatLabelSelector(pr.selector) : '<unset>';
};

export const validatingAdmissionPolicyTable: TableDef = {
  columns: [col('Name'), col('Validations'), col('ParamKind'), col('Age')],
  row: nameAge((o) => [(o.spec?.validations ?? []).length, paramKind(o)]),
};

export const mutatingAdmissionPolicyTable: TableDef = {
  columns: [col('Name'), col('Mutations'), col('ParamKind'), col('Age')],
  row: nameAge((o) => [(o.spec?.mutations ?? []).length, paramKind(o)]),
};

export const policyBindingTable: TableDef = {
  columns: [col('Name'), col('PolicyName'), col('ParamRef'), col('Age')],
  row: nameAge((o) => [o.spec?.policyName ?? '', paramRef(o)]),
};

export const flowSchemaTable: TableDef = {
  columns: [col('Name'), col('PriorityLevel'), col('MatchingPrecedence'), col('DistinguisherMethod'), col('Age'), col('MissingPL')],
  row(o, { now }) {
    const dangling = (o.status?.conditions ?? []).find((c: any) => c.type === 'Dangling');
    return [
      o.metadata.name!,
      o.spec?.priorityLevelConfiguration?.name ?? '',
      o.spec?.matchingPrecedence ?? 0,
      o.spec?.distinguisherMethod?.type ?? '<none>',
      age(o.metadata.creationTimestamp, now),
      dangling ? dangling.status : '?',
    ];
  },
};

export const priorityLevelTable: TableDef = {
  columns: [col('Name'), col('Type'), col('NominalConcurrencyShares'), col('Queues'), col('HandSize'), col('QueueLengthLimit'), col('Age')],
  row: nameAge((o) => {
    const lim = o.spec?.limited;
    const q = lim?.limitResponse?.queuing;
    return [o.spec?.type ?? '', lim ? (lim.nominalConcurrencyShares ?? 0) : '<none>', q ? q.queues : '<none>', q ? q.handSize : '<none>', q ? q.queueLengthLimit : '<none>'];
  }),
};

export const csrTable: TableDef = {
  columns: [col('Name'), col('Age'), col('SignerName'), col('Requestor'), col('RequestedDuration'), col('Condition')],
  row(o, { now }) {
    const types = (o.status?.conditions ?? []).map((c: any) => c.type);
    let status = types.includes('Denied') ? 'Denied' : types.includes('Approved') ? 'Approved' : 'Pending';
    if (types.includes('Failed')) status += ',Failed';
    if (o.status?.certificate) status += ',Issued';
    return [o.metadata.name!, age(o.metadata.creationTimestamp, now), o.spec?.signerName || '<none>', o.spec?.username ?? '', o.spec?.expirationSeconds ? `${o.spec.expirationSeconds}s` : '<none>', status];
  },
};

export const deviceClassTable: TableDef = { columns: [col('Name'), col('Age')], row: nameAge() };
export const resourceClaimTemplateTable: TableDef = { columns: [col('Name'), col('Age')], row: nameAge() };

export const resourceClaimTable: TableDef = {
  columns: [col('Name'), col('State'), col('Age')],
  row: nameAge((o) => {
    const states: string[] = [];
    if (o.metadata.deletionTimestamp) states.push('deleted');
    if (!o.status?.allocation) {
      if (!o.metadata.deletionTimestamp) states.push('pending');
    } else {
      states.push('allocated');
      if ((o.status?.reservedFor ?? []).length) states.push('reserved');
    }
    return [states.join(',')];
  }),
};

export const resourceSliceTable: TableDef = {
  columns: [col('Name'), col('Node'), col('Driver'), col('Pool'), col('Age')],
  row: nameAge((o) => [o.spec?.nodeName ?? '', o.spec?.driver ?? '', o.spec?.pool?.name ?? '']),
};

