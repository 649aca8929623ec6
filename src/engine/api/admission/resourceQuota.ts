/**
 * The ResourceQuota admission plugin (staging/src/k8s.io/apiserver/pkg/admission/plugin/
 * resourcequota): a create (or an update that grows usage) is refused when it would push a
 * matching quota past spec.hard, and pods must state the requests and limits a quota constrains.
 * Usage is the larger of the quota's status.used and what the live objects of the namespace add
 * up to, so the check holds whether or not a quota controller has written status yet.
 */
import type { AdmissionPlugin, ApiContext } from '../apiServer';
import { apiErr } from '../errors';
import { groupResource, kindInfo } from '../kinds';
import type { KObject } from '../object';
import { formatQuantity, parseQuantityValue } from '../validation/quantity';
import { containerQuotaResources, podCountsForQuota, quotaMatches, usageOf, type Amount, type Usage } from './quotaUsage';

const EVALUATED_KINDS = ['Pod', 'Service', 'PersistentVolumeClaim', 'ConfigMap', 'Secret', 'ReplicationController', 'ResourceQuota', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Ingress', 'NetworkPolicy', 'ServiceAccount', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'LimitRange', 'Lease', 'EndpointSlice', 'Endpoints', 'PodTemplate', 'ControllerRevision'];
const VALIDATION_SET = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);

function fmt(name: string, a: Amount | undefined): string {
  const value = a?.value ?? 0;
  const format = a?.format ?? 'DecimalSI';
  return `${name}=${formatQuantity(value, format)}`;
}

/** The namespace's live usage of the resources this quota constrains. */
function liveUsage(quota: KObject, ns: string, ctx: ApiContext, kinds: Set<string>): Usage {
  const total: Usage = new Map();
  for (const kind of kinds) {
    for (const obj of ctx.api.list(kind, ns)) {
      if (kind === 'Pod' && !podCountsForQuota(obj, ctx.now)) continue;
      if (!quotaMatches(quota, obj)) continue;
      for (const [k, a] of usageOf(obj)) {
        const prev = total.get(k);
        total.set(k, { value: (prev?.value ?? 0) + a.value, format: prev?.format === 'BinarySI' ? 'BinarySI' : a.format });
      }
    }
  }
  return total;
}

/** Which kinds can contribute to these resource names. */
function kindsFor(names: string[]): Set<string> {
  const kinds = new Set<string>();
  for (const n of names) {
    if (n === 'pods' || VALIDATION_SET.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-')) kinds.add('Pod');
    else if (n.startsWith('services')) kinds.add('Service');
    else if (n === 'persistentvolumeclaims' || n === 'requests.storage' || n.includes('.storageclass.storage.k8s.io/')) kinds.add('PersistentVolumeClaim');
    else if (n === 'configmaps') kinds.add('ConfigMap');
    else if (n === 'secrets') kinds.add('Secret');
    else if (n === 'replicationcontrollers') kinds.add('ReplicationController');
    else if (n === 'resourcequotas') kinds.add('ResourceQuota');
    else if (n.startsWith('count/')) {
      const gr = n.slice('count/'.length);
      for (const k of EVALUATED_KINDS) {
        const info = kindInfo(k);
        if (info && groupResource(info) === gr) kinds.add(k);
      }
    }
  }
  return kinds;
}

function mustSpecify(pod: KObject, required: string[]): string | undefined {
  const req = required.filter((r) => VALIDATION_SET.has(r));
  if (!req.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = containerQuotaResources(c);
    for (const r of req) {
      if (have.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)!.add(c.name);
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export function resourceQuotaPlugin(): AdmissionPlugin {
  return {
    name: 'ResourceQuota',
    kinds: EVALUATED_KINDS,
    validate(op, obj, old, ctx) {
      const ns = obj.metadata.namespace;
      if (!ns) return;
      const quotas = ctx.api.list('ResourceQuota', ns).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
      if (quotas.length === 0) return;
      if (op === 'UPDATE' && obj.kind === 'Pod') return;
      const info = kindInfo(obj.kind)!;
      const resource = groupResource(info);
      const name = obj.metadata.name ?? '';
      const delta = usageOf(obj);
      if (old) for (const [k, a] of usageOf(old)) delta.set(k, { value: (delta.get(k)?.value ?? 0) - a.value, format: delta.get(k)?.format ?? a.format });
      for (const quota of quotas) {
        if (quota.metadata.name === name && obj.kind === 'ResourceQuota') continue;
        if (!quotaMatches(quota, obj)) continue;
        const hard: Record<string, unknown> = quota.spec?.hard ?? {};
        const hardNames = Object.keys(hard);
        if (obj.kind === 'Pod' && op === 'CREATE') {
          const err = mustSpecify(obj, hardNames);
          if (err) throw apiErr.forbidden(resource, name, `failed quota: ${quota.metadata.name}: ${err}`);
        }
        const requested = hardNames.filter((n) => (delta.get(n)?.value ?? 0) > 0);
        if (!requested.length) continue;
        const live = liveUsage(quota, ns, ctx, kindsFor(requested));
        const exceeded: string[] = [];
        const used = new Map<string, Amount>();
        for (const n of requested) {
          const status = parseQuantityValue(quota.status?.used?.[n]);
          const l = live.get(n);
          const u: Amount = status && status.value > (l?.value ?? 0) ? { value: status.value, format: status.format } : (l ?? { value: 0, format: delta.get(n)!.format });
          used.set(n, u);
          const h = parseQuantityValue(hard[n]);
          if (h && u.value + delta.get(n)!.value > h.value + 1e-9) exceeded.push(n);
        }
        if (exceeded.length) {
          exceeded.sort();
          const hardOf = (n: string): Amount => {
            const h = parseQuantityValue(hard[n])!;
            return { value: h.value, format: h.format };
          };
          throw apiErr.forbidden(
            resource,
            name,
            `exceeded quota: ${quota.metadata.name}, requested: ${exceeded.map((n) => fmt(n, delta.get(n))).join(',')}, used: ${exceeded
              .map((n) => fmt(n, used.get(n)))
              .join(',')}, limited: ${exceeded.map((n) => fmt(n, hardOf(n))).join(',')}`,
          );
        }
      }
    },
  };
}
