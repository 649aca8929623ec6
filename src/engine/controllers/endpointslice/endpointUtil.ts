import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { isPodReady } from '../../api/podUtil';
import { findPort } from '../../network/servicePorts';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/**
 * ShouldPodBeInEndpoints (k8s.io/endpointslice/util): terminal pods and pods without an IP
 * never are; terminating pods only when `includeTerminating` (always for EndpointSlices,
 * publishNotReadyAddresses for the legacy Endpoints).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names a hostname and its subdomain is this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata!.name && pod.metadata!.namespace === svc.metadata!.namespace;
}

/** The pod's IPv4 addresses (status.podIPs, else status.podIP). */
export function podIPv4s(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '').filter((ip) => ip && !ip.includes(':'));
  if (ips.length) return ips;
  return pod.status?.podIP && !pod.status.podIP.includes(':') ? [pod.status.podIP] : [];
}

/**
 * podToEndpoint (k8s.io/endpointslice utils.go): serving is the pod's readiness, terminating
 * its deletionTimestamp, and ready is serving and not terminating — or always, with
 * publishNotReadyAddresses.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: Endpoint = {
    addresses: podIPv4s(pod),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[LABEL_ZONE];
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: one port per Service port the pod can serve (named target ports resolved per pod). */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0 && svc.spec?.clusterIP === 'None') return out;
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** NewPortMapKey: slices are grouped by their exact set of ports. */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.protocol ?? 'TCP'}/${p.port ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

/** hashEndpoint: an endpoint's identity is its addresses, hostname and target pod. */
export function endpointKey(ep: Endpoint): string {
  return `${[...ep.addresses].sort().join(',')}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

/** EndpointsEqualBeyondHash: conditions, zone, node, target uid and hints. */
export function endpointsEqual(a: Endpoint, b: Endpoint): boolean {
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  return (
    ca.ready === cb.ready &&
    ca.serving === cb.serving &&
    ca.terminating === cb.terminating &&
    (a.zone ?? '') === (b.zone ?? '') &&
    (a.nodeName ?? '') === (b.nodeName ?? '') &&
    (a.targetRef?.uid ?? '') === (b.targetRef?.uid ?? '') &&
    JSON.stringify(a.hints ?? null) === JSON.stringify(b.hints ?? null)
  );
}
