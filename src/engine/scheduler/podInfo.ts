import type { Container, Pod, PodAffinityTerm, Toleration } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { parseQuantity } from '../api/quantity';
import { isSidecar } from '../api/podUtil';
import { EVERYTHING, fromLabelSelector, matches, type Requirement, type Selector } from '../api/selectors';
import { parseTimestamp } from '../time';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_SCHEDULER_NAME } from './framework';

/** fwk.AffinityTerm: a pod (anti-)affinity term with its namespaces resolved. */
export interface AffinityTerm {
  /** Explicit namespaces (the pod's own when neither namespaces nor namespaceSelector is given). */
  readonly namespaces: ReadonlySet<string>;
  /** namespaceSelector, or undefined when the term has none (nil selects nothing). */
  readonly nsSelector: Selector | undefined;
  readonly selector: Selector;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * What the scheduler precomputes once per pod version (framework.PodInfo plus the resource
 * numbers NodeInfo keeps): requests, host ports, tolerations and parsed affinity terms.
 */
export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
  readonly schedulerName: string;
  /** Requested millicores and bytes (component-helpers PodRequests). */
  readonly cpu: number;
  readonly memory: number;
  /** The same with 100m / 200Mi for containers that request nothing (scoring only). */
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinity: readonly WeightedAffinityTerm[];
  /** Normalized container images, for ImageLocality. */
  readonly images: readonly string[];
  /** Being deleted: still holds its resources, but spreading no longer counts it. */
  readonly terminating: boolean;
  /** Succeeded or Failed: its resources are free. */
  readonly terminal: boolean;
  /** When it started (status.startTime, else creation), for preemption's tie-breaks. */
  readonly startTime: number;
}

const cache = new WeakMap<object, PodInfo>();

/** PodInfo for a stored (frozen) pod object; computed once per object version. */
export function podInfoOf(pod: Pod): PodInfo {
  let info = cache.get(pod);
  if (!info) {
    info = buildPodInfo(pod);
    cache.set(pod, info);
  }
  return info;
}

function buildPodInfo(pod: Pod): PodInfo {
  const spec = pod.spec!;
  const meta = pod.metadata!;
  const req = requests(pod, false);
  const nz = requests(pod, true);
  const affinity = spec.affinity;
  const phase = pod.status?.phase;
  return {
    pod,
    key: `${meta.namespace}/${meta.name}`,
    uid: meta.uid ?? '',
    namespace: meta.namespace ?? 'default',
    name: meta.name!,
    labels: meta.labels ?? {},
    priority: spec.priority ?? 0,
    schedulerName: spec.schedulerName || DEFAULT_SCHEDULER_NAME,
    cpu: req.cpu,
    memory: req.memory,
    nonZeroCpu: nz.cpu,
    nonZeroMemory: nz.memory,
    hostPorts: hostPortsOf(pod),
    tolerations: spec.tolerations ?? [],
    requiredAffinity: terms(pod, affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinity: terms(pod, affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinity: weightedTerms(pod, affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weightedTerms(pod, affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    images: [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => normalizedImageName(c.image ?? '')),
    terminating: meta.deletionTimestamp !== undefined,
    terminal: phase === 'Succeeded' || phase === 'Failed',
    startTime: parseTimestamp(pod.status?.startTime) ?? parseTimestamp(meta.creationTimestamp) ?? 0,
  };
}

export function hasPodAffinity(p: PodInfo): boolean {
  return p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
}

/** imagelocality.normalizedImageName: an image without a tag means ":latest". */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/') && !name.includes('@')) return `${name}:latest`;
  return name;
}

interface Amounts {
  cpu: number;
  memory: number;
}

function containerAmounts(c: Container, nonZero: boolean): Amounts {
  const r = c.resources?.requests ?? {};
  const l = c.resources?.limits ?? {};
  // A limit without a request is the request (defaulted at admission; repeated here in case).
  const cpu = r.cpu ?? l.cpu;
  const memory = r.memory ?? l.memory;
  return {
    cpu: cpu === undefined ? (nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0) : Math.ceil(parseQuantity(cpu) * 1000 - 1e-9),
    memory: memory === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : Math.ceil(parseQuantity(memory) - 1e-9),
  };
}

/**
 * resource.PodRequests: the larger of the app containers plus sidecars, and each init container
 * plus the sidecars started before it; plus pod overhead. With `nonZero`, containers without a
 * request count the scheduler's defaults (PodResourcesOptions.NonMissingContainerRequests).
 */
function requests(pod: Pod, nonZero: boolean): Amounts {
  const spec = pod.spec!;
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers ?? []) {
    const a = containerAmounts(c, nonZero);
    cpu += a.cpu;
    memory += a.memory;
  }
  let sideCpu = 0;
  let sideMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of spec.initContainers ?? []) {
    const a = containerAmounts(c, nonZero);
    if (isSidecar(c)) {
      sideCpu += a.cpu;
      sideMem += a.memory;
      initCpu = Math.max(initCpu, sideCpu);
      initMem = Math.max(initMem, sideMem);
    } else {
      initCpu = Math.max(initCpu, a.cpu + sideCpu);
      initMem = Math.max(initMem, a.memory + sideMem);
    }
  }
  cpu = Math.max(cpu + sideCpu, initCpu);
  memory = Math.max(memory + sideMem, initMem);
  const overhead = spec.overhead ?? {};
  if (overhead.cpu) cpu += Math.ceil(parseQuantity(overhead.cpu) * 1000 - 1e-9);
  if (overhead.memory) memory += Math.ceil(parseQuantity(overhead.memory) - 1e-9);
  return { cpu, memory };
}

/** Host ports of app containers and sidecars (the NodePorts plugin's getContainerPorts). */
function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec!;
  const containers = [...(spec.initContainers ?? []).filter(isSidecar), ...(spec.containers ?? [])];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict: same protocol and port, and the same IP or either one the wildcard. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0';
}

function terms(pod: Pod, list: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (list ?? []).map((t) => affinityTerm(pod, t));
}

function weightedTerms(pod: Pod, list: readonly { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined): WeightedAffinityTerm[] {
  return (list ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
}

/**
 * newAffinityTerm: without namespaces or namespaceSelector the term means the pod's own
 * namespace; matchLabelKeys / mismatchLabelKeys add the pod's own label values to the selector.
 */
function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const ns = pod.metadata?.namespace ?? 'default';
  const namespaces = new Set<string>(t.namespaces ?? []);
  if ((t.namespaces ?? []).length === 0 && !t.namespaceSelector) namespaces.add(ns);
  const labels = pod.metadata?.labels ?? {};
  let selector = fromLabelSelector(t.labelSelector as LabelSelector | undefined);
  const extra: Requirement[] = [];
  const ext = t as PodAffinityTerm & { matchLabelKeys?: string[]; mismatchLabelKeys?: string[] };
  if (t.labelSelector) {
    for (const k of ext.matchLabelKeys ?? []) if (k in labels) extra.push({ key: k, operator: 'In', values: [labels[k]] });
    for (const k of ext.mismatchLabelKeys ?? []) if (k in labels) extra.push({ key: k, operator: 'NotIn', values: [labels[k]] });
  }
  if (extra.length) selector = { requirements: [...selector.requirements, ...extra], nothing: selector.nothing };
  return {
    namespaces,
    nsSelector: t.namespaceSelector ? (Object.keys(t.namespaceSelector).length === 0 ? EVERYTHING : fromLabelSelector(t.namespaceSelector)) : undefined,
    selector,
    topologyKey: t.topologyKey,
  };
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and carries matching labels. */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  if (!term.namespaces.has(pod.namespace)) {
    if (!term.nsSelector || !matches(term.nsSelector, nsLabels(pod.namespace))) return false;
  }
  return matches(term.selector, pod.labels);
}

