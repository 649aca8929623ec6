import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Backend } from './serviceTable';

/** Chooses one of n candidates (uniformly, for kube-proxy's statistic rules). */
export type Picker = (n: number) => number;

/**
 * computeProbability of pkg/proxy/iptables/proxier.go: the rule for endpoint i of n jumps with
 * probability 1/(n−i), printed "%0.10f"; the last rule is unconditional. Together they pick
 * every endpoint with probability 1/n.
 */
export function iptablesProbabilities(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n - 1; i++) out.push((1 / (n - i)).toFixed(10));
  return out;
}

export interface Categorized {
  cluster: Backend[];
  local: Backend[];
  /** Some endpoint is usable somewhere (else kube-proxy REJECTs: connection refused). */
  any: boolean;
}

/**
 * Which traffic policy applies: `internal` for a ClusterIP (internalTrafficPolicy), `external`
 * for a NodePort, externalIP or load-balancer address reached from outside
 * (externalTrafficPolicy), `cluster` for those addresses reached from a pod, which kube-proxy
 * short-circuits to all the cluster's endpoints.
 */
export type TrafficKind = 'internal' | 'external' | 'cluster';

const usesLocal = (svc: Service, kind: TrafficKind) =>
  kind === 'external' ? svc.spec?.externalTrafficPolicy === 'Local' : kind === 'internal' ? svc.spec?.internalTrafficPolicy === 'Local' : false;

/**
 * CategorizeEndpoints (pkg/proxy/topology.go): the cluster-wide endpoints are the ready ones,
 * or, when none is ready anywhere, the serving-and-terminating ones (1.26+); the node-local
 * endpoints likewise among the endpoints on `node`.
 */
export function categorize(all: readonly Backend[], node: string | undefined): Categorized {
  let cluster = all.filter((b) => b.ready);
  if (cluster.length === 0) cluster = all.filter((b) => b.serving && b.terminating);
  const mine = all.filter((b) => b.nodeName !== undefined && b.nodeName === node);
  let local = mine.filter((b) => b.ready);
  if (local.length === 0) local = mine.filter((b) => b.serving && b.terminating);
  return { cluster, local, any: cluster.length > 0 };
}

export type ProxyDecision =
  | { kind: 'endpoint'; backend: Backend; sticky: boolean }
  /** No endpoint at all: the REJECT rule answers ICMP port unreachable. */
  | { kind: 'reject' }
  /** A Local traffic policy without a local endpoint: the DROP rule. */
  | { kind: 'drop' };

interface AffinityEntry {
  endpoint: string;
  lastSeen: number;
}

/**
 * kube-proxy's choice for one connection on one node, in iptables mode: Local policies keep
 * node-local endpoints, the rest pick uniformly (the chain of statistic rules), and
 * sessionAffinity ClientIP sends a client back to the endpoint it last reached through this
 * node while it keeps coming within timeoutSeconds (`-m recent --rcheck --seconds --reap`).
 */
export class KubeProxy {
  private readonly affinity = new Map<string, AffinityEntry>();
  /** Categorized endpoints per endpoint list (the table hands out one list until the slices change) and node. */
  private readonly categorized = new WeakMap<readonly Backend[], Map<string, Categorized>>();

  private categorizeFor(backends: readonly Backend[], node: string): Categorized {
    let perNode = this.categorized.get(backends);
    if (!perNode) this.categorized.set(backends, (perNode = new Map()));
    let c = perNode.get(node);
    if (!c) perNode.set(node, (c = categorize(backends, node)));
    return c;
  }

  choose(svcKey: string, svc: Service, sp: ServicePort, backends: readonly Backend[], node: string, clientIP: string, kind: TrafficKind, t: number, pick: Picker, record = true): ProxyDecision {
    const c = this.categorizeFor(backends, node);
    if (!c.any) return { kind: 'reject' };
    const pool = usesLocal(svc, kind) ? c.local : c.cluster;
    if (pool.length === 0) return { kind: 'drop' };
    if (svc.spec?.sessionAffinity === 'ClientIP') {
      const timeoutMs = (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
      const key = `${node}|${svcKey}|${sp.name ?? ''}|${clientIP}`;
      const entry = this.affinity.get(key);
      if (entry && t - entry.lastSeen <= timeoutMs) {
        const b = pool.find((x) => `${x.ip}:${x.port}` === entry.endpoint);
        if (b) {
          if (record) entry.lastSeen = t;
          return { kind: 'endpoint', backend: b, sticky: true };
        }
      }
      const b = pool[pick(pool.length)];
      if (record) this.affinity.set(key, { endpoint: `${b.ip}:${b.port}`, lastSeen: t });
      return { kind: 'endpoint', backend: b, sticky: false };
    }
    return { kind: 'endpoint', backend: pool[pick(pool.length)], sticky: false };
  }
}
