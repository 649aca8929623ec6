import type { Container, Pod, ResourceQuota, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { KINDS } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { parseQuantity } from '../../api/quantity';
import { parseTimestamp } from '../../time';
import { QuantitySum } from './quotaQuantity';

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

/** Which kind a quota's hard resource is counted over (undefined: not something we can count). */
export function kindForResource(resource: string): string | undefined {
  if (resource.startsWith('count/')) {
    const rest = resource.slice(6);
    const dot = rest.indexOf('.');
    const plural = dot < 0 ? rest : rest.slice(0, dot);
    const group = dot < 0 ? '' : rest.slice(dot + 1);
    return KINDS.find((k) => k.plural === plural && k.group === group)?.kind;
  }
  if (resource.includes(STORAGE_CLASS_SUFFIX)) return 'PersistentVolumeClaim';
  switch (resource) {
    case 'pods':
    case 'cpu':
    case 'memory':
    case 'ephemeral-storage':
      return 'Pod';
    case 'services':
    case 'services.nodeports':
    case 'services.loadbalancers':
      return 'Service';
    case 'configmaps':
      return 'ConfigMap';
    case 'secrets':
      return 'Secret';
    case 'persistentvolumeclaims':
    case 'requests.storage':
      return 'PersistentVolumeClaim';
    case 'replicationcontrollers':
      return 'ReplicationController';
    case 'resourcequotas':
      return 'ResourceQuota';
  }
  if (resource.startsWith('requests.') || resource.startsWith('limits.')) return 'Pod';
  return undefined;
}

/**
 * QuotaV1Pod: a pod is charged until it is terminal, or until its deletion grace period has
 * run out after its deletionTimestamp.
 */
function podCharged(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = parseTimestamp(pod.metadata?.deletionTimestamp);
  if (del !== undefined && pod.metadata?.deletionGracePeriodSeconds !== undefined) {
    if (now > del + pod.metadata.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

function isBestEffort(pod: Pod): boolean {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  return all.every((c) => Object.keys(c.resources?.requests ?? {}).length === 0 && Object.keys(c.resources?.limits ?? {}).length === 0);
}

function matchScopeRequirement(pod: Pod, req: ScopedResourceSelectorRequirement): boolean {
  switch (req.scopeName) {
    case 'Terminating':
      return (pod.spec?.activeDeadlineSeconds ?? -1) >= 0;
    case 'NotTerminating':
      return (pod.spec?.activeDeadlineSeconds ?? -1) < 0;
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName;
      switch (req.operator) {
        case 'Exists':
          return !!pc;
        case 'DoesNotExist':
          return !pc;
        case 'In':
          return pc !== undefined && (req.values ?? []).includes(pc);
        case 'NotIn':
          return pc === undefined || !(req.values ?? []).includes(pc);
      }
      return false;
    }
    case 'CrossNamespacePodAffinity': {
      const terms = [
        ...(pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
        ...(pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
      ];
      return terms.some((t) => (t.namespaces ?? []).length > 0 || t.namespaceSelector !== undefined);
    }
  }
  return false;
}

function scopeRequirements(quota: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const reqs: ScopedResourceSelectorRequirement[] = (quota.spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' }));
  return [...reqs, ...(quota.spec?.scopeSelector?.matchExpressions ?? [])];
}

/** One container list's request or limit of a resource, summed. */
function sumContainers(containers: readonly Container[] | undefined, field: 'requests' | 'limits', resource: string): { value: number; binary: boolean } {
  let value = 0;
  let binary = false;
  for (const c of containers ?? []) {
    const q = c.resources?.[field]?.[resource] ?? (field === 'requests' ? c.resources?.limits?.[resource] : undefined);
    if (q === undefined) continue;
    value += parseQuantity(q);
    binary ||= typeof q === 'string' && /[KMGTPE]i$/.test(q);
  }
  return { value, binary };
}

/**
 * resourcehelper.PodRequests / PodLimits for one resource: the larger of the app containers
 * (plus sidecars) and any init container (plus the sidecars before it), plus the pod overhead.
 */
function podResource(pod: Pod, field: 'requests' | 'limits', resource: string): { value: number; binary: boolean } {
  const app = sumContainers(pod.spec?.containers, field, resource);
  let sidecars = 0;
  let initMax = 0;
  let binary = app.binary;
  for (const c of pod.spec?.initContainers ?? []) {
    const r = sumContainers([c], field, resource);
    binary ||= r.binary;
    if (c.restartPolicy === 'Always') {
      sidecars += r.value;
      initMax = Math.max(initMax, sidecars);
    } else {
      initMax = Math.max(initMax, r.value + sidecars);
    }
  }
  let value = Math.max(app.value + sidecars, initMax);
  const overhead = pod.spec?.overhead?.[resource];
  if (overhead !== undefined) value += parseQuantity(overhead);
  return { value, binary };
}

function pvcRequest(pvc: KObject): string | undefined {
  return pvc.spec?.resources?.requests?.storage;
}

/**
 * CalculateUsage: status.used for every resource in spec.hard, from the objects in the quota's
 * namespace (pods filtered by the quota's scopes).
 */
export function calculateUsage(api: ApiServer, quota: ResourceQuota, now: number): Record<string, string> {
  const ns = quota.metadata!.namespace!;
  const hard = quota.spec?.hard ?? {};
  const scopes = scopeRequirements(quota);
  const used: Record<string, string> = {};
  let pods: Pod[] | undefined;
  const chargedPods = () => (pods ??= (api.list('Pod', ns) as Pod[]).filter((p) => podCharged(p, now) && scopes.every((s) => matchScopeRequirement(p, s))));
  for (const resource of Object.keys(hard).sort()) {
    const kind = kindForResource(resource);
    if (!kind) continue;
    if (scopes.length > 0 && kind !== 'Pod') continue;
    if (kind === 'Pod') {
      used[resource] = podUsage(chargedPods(), resource);
    } else if (resource.startsWith('count/') || ['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas', 'services', 'persistentvolumeclaims'].includes(resource)) {
      used[resource] = String(api.store.count(kind, ns));
    } else if (resource === 'services.loadbalancers') {
      used[resource] = String(api.list('Service', ns).filter((s) => s.spec?.type === 'LoadBalancer').length);
    } else if (resource === 'services.nodeports') {
      let n = 0;
      for (const s of api.list('Service', ns)) if (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer') n += (s.spec?.ports ?? []).filter((p: { nodePort?: number }) => p.nodePort).length;
      used[resource] = String(n);
    } else if (resource === 'requests.storage') {
      const sum = new QuantitySum();
      for (const pvc of api.list('PersistentVolumeClaim', ns)) sum.add(pvcRequest(pvc));
      used[resource] = sum.toString();
    } else if (resource.includes(STORAGE_CLASS_SUFFIX)) {
      const [cls, what] = resource.split(STORAGE_CLASS_SUFFIX);
      const claims = api.list('PersistentVolumeClaim', ns).filter((c) => (c.spec?.storageClassName ?? '') === cls);
      if (what === 'persistentvolumeclaims') used[resource] = String(claims.length);
      else {
        const sum = new QuantitySum();
        for (const pvc of claims) sum.add(pvcRequest(pvc));
        used[resource] = sum.toString();
      }
    }
  }
  return used;
}

function podUsage(pods: readonly Pod[], resource: string): string {
  if (resource === 'pods' || resource === 'count/pods') return String(pods.length);
  let field: 'requests' | 'limits' = 'requests';
  let name = resource;
  if (resource.startsWith('requests.')) name = resource.slice(9);
  else if (resource.startsWith('limits.')) {
    field = 'limits';
    name = resource.slice(7);
  }
  const sum = new QuantitySum();
  for (const pod of pods) {
    const r = podResource(pod, field, name);
    sum.addValue(r.value, r.binary);
  }
  return sum.toString();
}
