/**
 * Simulated per-hop latencies, in milliseconds. They are not measured from a real cluster; they
 * are plausible magnitudes for a kind cluster on one machine, fixed so that traces replay
 * byte-identically.
 */
export const LATENCY = {
  /** One query to CoreDNS (cache hit), or to the node's resolver for a cluster-external name. */
  dnsCluster: 0.4,
  dnsUpstream: 6,
  /** kube-proxy's rules on a node (the DNAT is in the kernel: next to nothing). */
  kubeProxy: 0.1,
  /** Pod to pod on one node, and across nodes (kindnet routes). */
  sameNode: 0.05,
  crossNode: 0.25,
  /** From the host into the kind network (NodePort, LB address, the ingress' host port). */
  fromOutside: 0.3,
  /** MetalLB-style L2 load balancer in front of the chosen node. */
  loadBalancer: 0.2,
  /** ingress-nginx choosing an upstream and proxying. */
  ingress: 0.5,
  /** A server answering a request, by program. */
  server: { nginx: 0.3, httpd: 0.5, apache2: 1, 'hello-app': 0.2, 'http-echo': 0.2, serve_hostname: 0.2, node: 1, default: 1 } as Record<string, number>,
  /** php-apache of the HPA walkthrough computes on every request. */
  phpApache: 25,
  /** The API server answering a request. */
  apiServer: 2,
  /** Somewhere on the internet. */
  internet: 20,
  /** How long a client waits before it gives up on a connection (traffic clients). */
  clientTimeout: 10_000,
  /** A resolver gives up on an unanswered query after 5 s (resolv.conf timeout), twice. */
  dnsTimeout: 10_000,
};

export function serverLatency(program: string, image: () => string | undefined): number {
  if (program === 'apache2' && /hpa-example/.test(image() ?? '')) return LATENCY.phpApache;
  return LATENCY.server[program] ?? LATENCY.server.default;
}
