import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1';
import { isPodReady } from '../../api/podUtil';
import { findPort } from '../../network/servicePorts';
import { podIPv4s, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/endpointUtil';

/** maxCapacity of the endpoints controller: addresses beyond it are truncated. */
export const MAX_CAPACITY = 1000;

/** podToEndpointAddressForService (+ the hostname when ShouldSetHostname). */
function podAddress(svc: Service, pod: Pod): EndpointAddress | undefined {
  const ip = podIPv4s(pod)[0];
  if (!ip) return undefined;
  const a: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) a.hostname = pod.spec!.hostname;
  a.nodeName = pod.spec?.nodeName ?? '';
  a.targetRef = { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid };
  return a;
}

const portKey = (p: EndpointPort | undefined) => (p ? `${p.name ?? ''}/${p.port}/${p.protocol ?? 'TCP'}/${p.appProtocol ?? ''}` : '-');

/** LessEndpointAddress: by IP (compared as text, byte by byte), then target uid. */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * The Endpoints controller's subsets for a Service (syncService + addEndpointSubset +
 * RepackSubsets): one entry per (pod, Service port) sorted into ready `addresses` (or all of
 * them with publishNotReadyAddresses) and `notReadyAddresses`, then regrouped so that pods
 * offering the same ports share one subset.
 */
export function serviceSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const tolerate = !!svc.spec?.publishNotReadyAddresses;
  // port key → (address key → {address, ready})
  const byPort = new Map<string, { port?: EndpointPort; addrs: Map<string, { a: EndpointAddress; ready: boolean }> }>();
  for (const pod of pods) {
    for (const { port, a, ready } of podEntries(svc, pod, tolerate)) {
      const k = portKey(port);
      let e = byPort.get(k);
      if (!e) byPort.set(k, (e = { port, addrs: new Map() }));
      const ak = `${a.ip}|${a.targetRef?.uid ?? ''}`;
      const prev = e.addrs.get(ak);
      e.addrs.set(ak, prev ? { a, ready: ready || prev.ready } : { a, ready });
    }
  }
  // Regroup: the same set of addresses (with the same readiness) shares one subset.
  const groups = new Map<string, { addrs: { a: EndpointAddress; ready: boolean }[]; ports: EndpointPort[] }>();
  for (const e of byPort.values()) {
    const list = [...e.addrs.values()].sort((x, y) => lessAddress(x.a, y.a));
    const k = list.map((x) => `${x.a.ip}|${x.a.targetRef?.uid ?? ''}|${x.ready ? 1 : 0}`).join(',');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { addrs: list, ports: [] }));
    if (e.port) g.ports.push(e.port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: EndpointSubset = {};
    const ready = g.addrs.filter((x) => x.ready).map((x) => x.a);
    const notReady = g.addrs.filter((x) => !x.ready).map((x) => x.a);
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = [...g.ports].sort((x, y) => (portKey(x) < portKey(y) ? -1 : 1));
    out.push(s);
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return out.sort((x, y) => (first(x) < first(y) ? -1 : first(x) > first(y) ? 1 : portKey(x.ports?.[0]) < portKey(y.ports?.[0]) ? -1 : 1));
}

type Entry = { port?: EndpointPort; a: EndpointAddress; ready: boolean };

/** A pod's entries depend only on the pod and the Service: computed once per (immutable) pod object. */
const entryCache = new WeakMap<Pod, { svc: Service; tolerate: boolean; entries: Entry[] }>();

/** addEndpointSubset for each Service port the pod serves (one entry without ports for a headless Service without any). */
function podEntries(svc: Service, pod: Pod, tolerate: boolean): Entry[] {
  const cached = entryCache.get(pod);
  if (cached && cached.svc === svc && cached.tolerate === tolerate) return cached.entries;
  const entries: Entry[] = [];
  if (shouldPodBeInEndpoints(pod, tolerate)) {
    const a = podAddress(svc, pod);
    if (a) {
      const ready = tolerate || isPodReady(pod);
      const ports = svc.spec?.ports ?? [];
      if (ports.length === 0) {
        if (svc.spec?.clusterIP === 'None') entries.push({ port: undefined, a, ready });
      }
      for (const sp of ports) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        const p: EndpointPort = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol) p.appProtocol = sp.appProtocol;
        if (!p.name) delete p.name;
        entries.push({ port: p, a, ready });
      }
    }
  }
  entryCache.set(pod, { svc, tolerate, entries });
  return entries;
}

/**
 * truncateEndpoints: over 1000 addresses, keep ready ones first, spreading what remains over the
 * subsets in proportion (rounded up). Returns whether anything was cut.
 */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += (s.addresses ?? []).length;
    totalNotReady += (s.notReadyAddresses ?? []).length;
  }
  if (totalReady + totalNotReady <= MAX_CAPACITY) return false;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const n = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    const toBeAdded = Math.min(Math.ceil((n / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
    }
    if (s.addresses?.length === 0) delete s.addresses;
    if (s.notReadyAddresses?.length === 0) delete s.notReadyAddresses;
  }
  return true;
}
