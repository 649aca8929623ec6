import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { endpointKey, endpointPorts, endpointsEqual, podToEndpoint, portMapKey, shouldPodBeInEndpoints } from './endpointUtil';
import { MAX_ENDPOINTS_PER_SLICE, newSlice, sliceLabels, type SliceChanges } from './reconciler';

export interface ChangedPodsInput {
  service: Service;
  /** The pods whose endpoint may have changed, by name: the pod, or undefined when it is gone or no longer selected. */
  changed: ReadonlyMap<string, Pod | undefined>;
  node(name: string): Node | undefined;
  /** The Service's managed slices, in name order. */
  existing: readonly EndpointSlice[];
  /** The slice holding a pod's endpoint. */
  sliceOf(pod: string): string | undefined;
  maxEndpointsPerSlice?: number;
}

/** The endpoint a pod should have now, with its port group, or undefined. */
function desired(svc: Service, pod: Pod | undefined, node: (n: string) => Node | undefined): { ep: Endpoint; ports: EndpointPort[]; key: string } | undefined {
  if (!pod || !shouldPodBeInEndpoints(pod, true)) return undefined;
  const n = pod.spec?.nodeName ? node(pod.spec.nodeName) : undefined;
  if (pod.spec?.nodeName && !n && !svc.spec?.publishNotReadyAddresses) return undefined;
  const ep = podToEndpoint(pod, n, svc);
  if (ep.addresses.length === 0) return undefined;
  const ports = endpointPorts(svc, pod);
  return { ep, ports, key: portMapKey(ports) };
}

/**
 * The EndpointSlice reconciler's result computed from the pods that changed only — what the
 * full reconcile (reconciler.ts) would write, since every other endpoint is unchanged and stays
 * where it is: changed endpoints are updated in place, removed ones leave their slice, and new
 * ones fill the slices being updated (fullest first), then the unchanged slice closest to full,
 * then new slices. A pod readiness change in a 10,000-pod Service touches one slice, not 100.
 * Returns undefined when the full reconcile is needed (no real slice yet, or none would remain,
 * or the slices' labels are out of date).
 */
export function reconcileChangedPods(input: ChangedPodsInput): SliceChanges | undefined {
  const svc = input.service;
  const max = input.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const real = input.existing.filter((s) => (s.ports ?? []).length > 0 || (s.endpoints ?? []).length > 0);
  if (real.length === 0 || real.length !== input.existing.length) return undefined;
  for (const s of input.existing) {
    if (s.addressType !== 'IPv4' || !(s.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.metadata!.uid)) return undefined;
  }
  const want = sliceLabels(input.existing[0], svc).labels;
  const have = input.existing[0].metadata?.labels ?? {};
  if (Object.keys(want).length !== Object.keys(have).length || Object.entries(want).some(([k, v]) => have[k] !== v)) return undefined;

  const byName = new Map(input.existing.map((s) => [s.metadata!.name!, s]));
  const updated = new Map<string, EndpointSlice>();
  const mutable = (name: string): EndpointSlice => {
    let s = updated.get(name);
    if (!s) {
      const orig = byName.get(name)!;
      s = { ...orig, metadata: { ...orig.metadata }, endpoints: [...(orig.endpoints ?? [])] };
      updated.set(name, s);
    }
    return s;
  };
  const current = (name: string) => updated.get(name) ?? byName.get(name)!;
  const remaining = new Map<string, { ports: EndpointPort[]; eps: Endpoint[] }>();

  for (const [podName, pod] of input.changed) {
    const d = desired(svc, pod, input.node);
    const where = input.sliceOf(podName);
    let placed = false;
    if (where && byName.has(where)) {
      const slice = current(where);
      const idx = (slice.endpoints ?? []).findIndex((e) => e.targetRef?.name === podName);
      if (idx >= 0) {
        const cur = slice.endpoints[idx];
        if (d && portMapKey(slice.ports) === d.key && endpointKey(cur) === endpointKey(d.ep)) {
          placed = true;
          if (!endpointsEqual(cur, d.ep)) mutable(where).endpoints[idx] = d.ep;
        } else mutable(where).endpoints.splice(idx, 1);
      }
    }
    if (d && !placed) {
      let r = remaining.get(d.key);
      if (!r) remaining.set(d.key, (r = { ports: d.ports, eps: [] }));
      r.eps.push(d.ep);
    }
  }

  const create: EndpointSlice[] = [];
  for (const [key, r] of remaining) {
    const group = input.existing.filter((s) => portMapKey(s.ports) === key).map((s) => s.metadata!.name!);
    const toUpdate = group.filter((n) => updated.has(n) && current(n).endpoints.length > 0).map((n) => updated.get(n)!);
    toUpdate.sort((a, b) => b.endpoints.length - a.endpoints.length);
    let i = 0;
    for (const s of toUpdate) while (i < r.eps.length && s.endpoints.length < max) s.endpoints.push(r.eps[i++]);
    while (i < r.eps.length) {
      const left = r.eps.length - i;
      let fill: EndpointSlice | undefined;
      if (left < max) {
        // getSliceToFill: the unchanged slice that will be closest to full.
        let closest = max;
        let best: string | undefined;
        for (const n of group) {
          if (updated.has(n)) continue;
          const diff = max - (left + (byName.get(n)!.endpoints ?? []).length);
          if (diff >= 0 && diff < closest) {
            closest = diff;
            best = n;
            if (diff === 0) break;
          }
        }
        if (best) fill = mutable(best);
      }
      fill ??= newSlice(svc, r.ports);
      while (i < r.eps.length && fill.endpoints.length < max) fill.endpoints.push(r.eps[i++]);
      if (!fill.metadata?.name) create.push(fill);
    }
  }

  const update: EndpointSlice[] = [];
  const del: EndpointSlice[] = [];
  for (const [name, s] of updated) {
    if (s.endpoints.length === 0) del.push(byName.get(name)!);
    else update.push(s);
  }
  if (del.length === input.existing.length && create.length === 0) return undefined;
  // finalize: a slice about to be deleted is reused for a slice about to be created.
  while (del.length > 0 && create.length > 0) {
    const victim = del.shift()!;
    const s = create.pop()!;
    s.metadata = { ...victim.metadata, labels: s.metadata!.labels, ownerReferences: s.metadata!.ownerReferences };
    update.push(s);
  }
  return { create, update, delete: del };
}
