import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';

/**
 * FindPort (k8s.io/endpointslice utils.go): the container port a Service port targets on one
 * pod. A numeric targetPort is used as is; a named one is looked up in the containers' ports
 * (and the sidecars'), with the same protocol. Undefined when the pod has no such named port:
 * the pod then gets no endpoint for that Service port.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** A named container port of the pod (NetworkPolicy named ports), with its protocol. */
export function namedContainerPort(pod: Pod, name: string, protocol: string): number | undefined {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** isServiceIPSet: a ClusterIP that is neither empty nor None. */
export function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

export function serviceKeyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
