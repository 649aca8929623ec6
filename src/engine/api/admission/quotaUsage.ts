/**
 * What an object costs against a ResourceQuota (pkg/quota/v1/evaluator/core: pods, services,
 * persistentvolumeclaims, and the generic count/<resource>.<group> evaluator), and whether a
 * quota's scopes select it.
 */
import { groupResource, kindInfo } from '../kinds';
import type { KObject } from '../object';
import { parseQuantityValue, type QuantityFormat } from '../validation/quantity';
import { computePodQOS } from '../strategies/qos';
import { parseTimestamp } from '../../time';

export interface Amount {
  value: number;
  format: QuantityFormat;
}

export type Usage = Map<string, Amount>;

function add(u: Usage, name: string, value: number, format: QuantityFormat = 'DecimalSI'): void {
  const prev = u.get(name);
  if (!prev) u.set(name, { value, format });
  else u.set(name, { value: prev.value + value, format: prev.format === 'BinarySI' || format === 'BinarySI' ? 'BinarySI' : prev.format });
}

function containerAmount(list: Record<string, unknown> | undefined, name: string): Amount | undefined {
  const q = list?.[name];
  if (q === undefined) return undefined;
  const p = parseQuantityValue(q);
  return p ? { value: p.value, format: p.format } : undefined;
}

/** The pod's effective request or limit for one resource (containers summed, init containers as a floor). */
function podAmount(spec: any, which: 'requests' | 'limits', name: string): Amount | undefined {
  let total: Amount | undefined;
  for (const c of spec.containers ?? []) {
    const a = containerAmount(c.resources?.[which], name);
    if (a) total = { value: (total?.value ?? 0) + a.value, format: a.format === 'BinarySI' ? 'BinarySI' : (total?.format ?? a.format) };
  }
  for (const c of spec.initContainers ?? []) {
    const a = containerAmount(c.resources?.[which], name);
    if (a && a.value > (total?.value ?? 0)) total = a;
  }
  const o = containerAmount(spec.overhead, name);
  if (o && total) total = { value: total.value + o.value, format: total.format };
  return total;
}

/** QuotaV1Pod: terminal pods, and pods past their grace period, are not charged. */
export function podCountsForQuota(pod: KObject, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const dt = parseTimestamp(pod.metadata.deletionTimestamp);
  if (dt !== undefined && pod.metadata.deletionGracePeriodSeconds !== undefined && now > dt + pod.metadata.deletionGracePeriodSeconds * 1000) return false;
  return true;
}

function podUsage(pod: KObject): Usage {
  const u: Usage = new Map();
  add(u, 'pods', 1);
  add(u, 'count/pods', 1);
  const spec = pod.spec ?? {};
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = podAmount(spec, 'requests', r);
    if (req) {
      add(u, `requests.${r}`, req.value, req.format);
      add(u, r, req.value, req.format);
    }
    const lim = podAmount(spec, 'limits', r);
    if (lim) add(u, `limits.${r}`, lim.value, lim.format);
  }
  return u;
}

function serviceUsage(svc: KObject): Usage {
  const u: Usage = new Map();
  add(u, 'services', 1);
  add(u, 'count/services', 1);
  const spec = svc.spec ?? {};
  const ports = (spec.ports ?? []).length;
  if (spec.type === 'NodePort') add(u, 'services.nodeports', ports);
  if (spec.type === 'LoadBalancer') {
    add(u, 'services.loadbalancers', 1);
    add(u, 'services.nodeports', spec.allocateLoadBalancerNodePorts === false ? 0 : ports);
  }
  return u;
}

function pvcUsage(pvc: KObject): Usage {
  const u: Usage = new Map();
  add(u, 'persistentvolumeclaims', 1);
  add(u, 'count/persistentvolumeclaims', 1);
  const storage = containerAmount(pvc.spec?.resources?.requests, 'storage');
  const cls = pvc.spec?.storageClassName;
  if (storage) add(u, 'requests.storage', storage.value, storage.format);
  if (cls) {
    add(u, `${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, 1);
    if (storage) add(u, `${cls}.storageclass.storage.k8s.io/requests.storage`, storage.value, storage.format);
  }
  return u;
}

/** The usage one object contributes. */
export function usageOf(obj: KObject): Usage {
  switch (obj.kind) {
    case 'Pod':
      return podUsage(obj);
    case 'Service':
      return serviceUsage(obj);
    case 'PersistentVolumeClaim':
      return pvcUsage(obj);
    default: {
      const u: Usage = new Map();
      const info = kindInfo(obj.kind);
      if (!info) return u;
      add(u, `count/${groupResource(info)}`, 1);
      // The legacy object-count names of the core group.
      if (['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'].includes(info.plural) && !info.group) add(u, info.plural, 1);
      return u;
    }
  }
}

/** Do the quota's scopes (and scopeSelector) select this object? */
export function quotaMatches(quota: KObject, obj: KObject): boolean {
  const scopes: string[] = [...(quota.spec?.scopes ?? [])];
  const exprs: any[] = quota.spec?.scopeSelector?.matchExpressions ?? [];
  if (scopes.length === 0 && exprs.length === 0) return true;
  if (obj.kind !== 'Pod') return false;
  const spec = obj.spec ?? {};
  const terminating = typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
  const bestEffort = computePodQOS(spec) === 'BestEffort';
  const scope = (s: string): boolean => {
    switch (s) {
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'BestEffort':
        return bestEffort;
      case 'NotBestEffort':
        return !bestEffort;
      case 'CrossNamespacePodAffinity':
        return false;
      default:
        return false;
    }
  };
  if (!scopes.every(scope)) return false;
  for (const e of exprs) {
    if (e.scopeName !== 'PriorityClass') {
      if (!scope(e.scopeName)) return false;
      continue;
    }
    const pc = spec.priorityClassName ?? '';
    const vals: string[] = e.values ?? [];
    const ok =
      e.operator === 'In' ? vals.includes(pc) : e.operator === 'NotIn' ? !vals.includes(pc) : e.operator === 'Exists' ? pc !== '' : e.operator === 'DoesNotExist' ? pc === '' : false;
    if (!ok) return false;
  }
  return true;
}

/** podComputeUsageHelper's resource names for one container, as "must specify" compares them. */
export function containerQuotaResources(c: any): Set<string> {
  const out = new Set<string>();
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (r in req) {
      out.add(r);
      out.add(`requests.${r}`);
    }
    if (r in lim) out.add(`limits.${r}`);
  }
  return out;
}
