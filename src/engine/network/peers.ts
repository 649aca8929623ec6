import type { Pod } from 'kubernetes-types/core/v1';
import type { Peer } from './policy';

/**
 * The host that runs kind: clients "outside the cluster" connect from the Docker network's
 * gateway address.
 */
export const OUTSIDE_IP = '172.18.0.1';

/**
 * CoreDNS as NetworkPolicy sees it: pods labelled k8s-app=kube-dns in kube-system (the cluster
 * DNS answers queries but runs no pods in this simulation; see network/README).
 */
export const COREDNS_PEER: Peer = {
  ip: '10.244.0.252',
  pod: { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
};

/** ingress-nginx's controller pod as NetworkPolicy sees it (namespace ingress-nginx, its labels). */
export const INGRESS_PEER: Peer = {
  ip: '10.244.0.251',
  pod: {
    namespace: 'ingress-nginx',
    name: 'ingress-nginx-controller',
    labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
  },
  namespaceLabels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx', 'kubernetes.io/metadata.name': 'ingress-nginx' },
};

/** A pod as a NetworkPolicy peer (hostNetwork pods are their node: no pod part). */
export function podPeer(pod: Pod, nodeIP: string | undefined): Peer {
  if (pod.spec?.hostNetwork) return { ip: nodeIP ?? pod.status?.podIP ?? '' };
  return { ip: pod.status?.podIP ?? '', pod: { namespace: pod.metadata!.namespace ?? 'default', name: pod.metadata!.name!, labels: { ...(pod.metadata!.labels ?? {}) }, pod } };
}
