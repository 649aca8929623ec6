import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { hasClusterIP } from '../../network/servicePorts';
import {
  CONTROLLER_NAME,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  endpointKey,
  endpointPorts,
  endpointsEqual,
  podToEndpoint,
  portMapKey,
  shouldPodBeInEndpoints,
} from './endpointUtil';

/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceChanges {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

export interface ReconcileInput {
  service: Service;
  pods: readonly Pod[];
  node(name: string): Node | undefined;
  /** The Service's slices this controller manages (label kubernetes.io/service-name and managed-by). */
  existing: readonly EndpointSlice[];
  maxEndpointsPerSlice?: number;
}

const isReserved = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS;

/**
 * setEndpointSliceLabels: a slice carries its Service's labels (but the reserved ones), the
 * headless label for a Service without a ClusterIP, the service-name and managed-by labels.
 * Reports whether the copied Service labels differ from the slice's.
 */
export function sliceLabels(slice: EndpointSlice | undefined, svc: Service): { labels: Record<string, string>; changed: boolean } {
  const mine: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata?.labels ?? {})) if (!isReserved(k)) mine[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (!isReserved(k)) labels[k] = v;
  const changed = JSON.stringify(Object.entries(mine).sort()) !== JSON.stringify(Object.entries(labels).sort());
  if (!hasClusterIP(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata!.name!;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels, changed };
}

function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.metadata!.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** newEndpointSlice: generateName "<service>-", owned by the Service, no endpoints yet. */
export function newSlice(svc: Service, ports: EndpointPort[] | null): EndpointSlice {
  const prefix = `${svc.metadata!.name}-`;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: prefix.length <= 253 ? prefix : svc.metadata!.name,
      namespace: svc.metadata!.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata!.name!, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports: ports ?? undefined,
  };
}

function copy(slice: EndpointSlice): EndpointSlice {
  return { ...slice, metadata: { ...slice.metadata }, endpoints: [...(slice.endpoints ?? [])] };
}

/** An ordered set of endpoints keyed by identity (EndpointSet), popped in insertion order. */
class EndpointSet {
  readonly map = new Map<string, Endpoint>();
  insert(ep: Endpoint): void {
    this.map.set(endpointKey(ep), ep);
  }
  get(ep: Endpoint): Endpoint | undefined {
    return this.map.get(endpointKey(ep));
  }
  delete(ep: Endpoint): void {
    this.map.delete(endpointKey(ep));
  }
  pop(): Endpoint {
    const [k, v] = this.map.entries().next().value as [string, Endpoint];
    this.map.delete(k);
    return v;
  }
  get size(): number {
    return this.map.size;
  }
}

/** getSliceToFill: the unchanged slice that will be closest to full once `n` endpoints are added. */
function sliceToFill(slices: EndpointSlice[], n: number, max: number): EndpointSlice | undefined {
  let closest = max;
  let best: EndpointSlice | undefined;
  for (const s of slices) {
    const diff = max - (n + (s.endpoints ?? []).length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      best = s;
      if (diff === 0) return best;
    }
  }
  return best;
}

/**
 * reconcileByPortMapping (k8s.io/endpointslice reconciler.go): keep endpoints where they are,
 * update the slices whose endpoints changed, fill the slices being updated (fullest first),
 * then an unchanged slice that fits the rest, then new slices of at most `max` endpoints.
 */
function reconcilePortMapping(svc: Service, existing: EndpointSlice[], desired: EndpointSet, ports: EndpointPort[], max: number): SliceChanges {
  const byName = new Map<string, EndpointSlice>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  for (const slice of existing) {
    const name = slice.metadata!.name!;
    byName.set(name, slice);
    const kept: Endpoint[] = [];
    let updated = false;
    for (const ep of slice.endpoints ?? []) {
      const got = desired.get(ep);
      if (!got) continue;
      kept.push(got);
      if (!endpointsEqual(got, ep)) updated = true;
      desired.delete(ep);
    }
    const { labels, changed } = sliceLabels(slice, svc);
    if (updated || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(name);
      else {
        const s = copy(slice);
        s.endpoints = kept;
        s.metadata!.labels = labels;
        byName.set(name, s);
        toUpdate.push(name);
      }
    } else if (changed) {
      const s = copy(slice);
      s.metadata!.labels = labels;
      byName.set(name, s);
      toUpdate.push(name);
    } else unchanged.push(name);
  }

  if (desired.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const s of slices) while (desired.size > 0 && s.endpoints.length < max) s.endpoints.push(desired.pop());
  }

  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let fill: EndpointSlice | undefined;
    if (desired.size < max && unchanged.length > 0) {
      const found = sliceToFill(unchanged.map((n) => byName.get(n)!), desired.size, max);
      if (found) {
        fill = copy(found);
        byName.set(found.metadata!.name!, fill);
      }
    }
    fill ??= newSlice(svc, ports);
    while (desired.size > 0 && fill.endpoints.length < max) fill.endpoints.push(desired.pop());
    const name = fill.metadata?.name;
    if (name) {
      if (!toUpdate.includes(name)) toUpdate.push(name);
      unchanged.splice(unchanged.indexOf(name), 1);
    } else create.push(fill);
  }
  return { create, update: toUpdate.map((n) => byName.get(n)!), delete: toDelete.map((n) => byName.get(n)!) };
}

function isPlaceholderOf(slice: EndpointSlice, svc: Service): boolean {
  const want = sliceLabels(undefined, svc).labels;
  const have = slice.metadata?.labels ?? {};
  const sameLabels = Object.keys(want).length === Object.keys(have).length && Object.entries(want).every(([k, v]) => have[k] === v);
  return sameLabels && (slice.ports ?? []).length === 0 && (slice.endpoints ?? []).length === 0 && ownedBy(slice, svc);
}

/**
 * What the EndpointSlice controller writes for one Service: the desired endpoints of the pods
 * it selects, grouped by port set, reconciled against the existing slices; a placeholder slice
 * (no ports, no endpoints) when nothing else would exist; creates turned into updates of slices
 * that would otherwise be deleted.
 */
export function reconcileSlices(input: ReconcileInput): SliceChanges {
  const { service: svc } = input;
  const max = input.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const toDelete: EndpointSlice[] = [];
  const existingByPorts = new Map<string, EndpointSlice[]>();
  const ipv4: EndpointSlice[] = [];
  for (const s of input.existing) {
    if (s.addressType !== 'IPv4' || !ownedBy(s, svc)) {
      toDelete.push(s);
      continue;
    }
    ipv4.push(s);
    const k = portMapKey(s.ports);
    let list = existingByPorts.get(k);
    if (!list) existingByPorts.set(k, (list = []));
    list.push(s);
  }

  const desiredByPorts = new Map<string, { ports: EndpointPort[]; set: EndpointSet }>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const node = pod.spec?.nodeName ? input.node(pod.spec.nodeName) : undefined;
    // A pod whose node does not exist is left out, unless the Service publishes not-ready addresses.
    if (pod.spec?.nodeName && !node && !svc.spec?.publishNotReadyAddresses) continue;
    const ports = endpointPorts(svc, pod);
    const k = portMapKey(ports);
    let d = desiredByPorts.get(k);
    if (!d) desiredByPorts.set(k, (d = { ports, set: new EndpointSet() }));
    const ep = podToEndpoint(pod, node, svc);
    if (ep.addresses.length > 0) d.set.insert(ep);
  }

  const create: EndpointSlice[] = [];
  const update: EndpointSlice[] = [];
  for (const [k, d] of desiredByPorts) {
    const r = reconcilePortMapping(svc, existingByPorts.get(k) ?? [], d.set, d.ports, max);
    create.push(...r.create);
    update.push(...r.update);
    toDelete.push(...r.delete);
  }
  for (const [k, slices] of existingByPorts) if (!desiredByPorts.has(k)) toDelete.push(...slices);

  if (input.existing.length === toDelete.length && create.length < 1) {
    if (toDelete.length === 1 && isPlaceholderOf(toDelete[0], svc)) toDelete.length = 0;
    else {
      const placeholder = newSlice(svc, null);
      create.push(placeholder);
    }
  }

  // finalize: a slice about to be deleted is reused for a slice about to be created.
  for (let i = 0; i < toDelete.length && create.length > 0; ) {
    const victim = toDelete[i];
    if (victim.addressType === 'IPv4' && ownedBy(victim, svc)) {
      const s = create.pop()!;
      s.metadata = { ...victim.metadata, labels: s.metadata!.labels, ownerReferences: s.metadata!.ownerReferences };
      delete s.metadata.generateName;
      if (victim.metadata?.generateName) s.metadata.generateName = victim.metadata.generateName;
      update.push(s);
      toDelete.splice(i, 1);
    } else i++;
  }
  return { create, update, delete: toDelete };
}
