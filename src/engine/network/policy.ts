import type { Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import type { ApiServer } from '../api/apiServer';
import { labelSelectorMatches } from '../api/selectors';
import { cidrContains } from './ip';
import { namedContainerPort } from './servicePorts';

/** One end of a connection as NetworkPolicy sees it. */
export interface Peer {
  ip: string;
  /** A pod on the pod network (hostNetwork pods are the node: policies do not select them). */
  pod?: { namespace: string; name: string; labels: Record<string, string>; pod?: Pod };
  /** Labels of the pod's namespace when the namespace is not an object of the cluster (simulated components). */
  namespaceLabels?: Record<string, string>;
}

export type Direction = 'Ingress' | 'Egress';

export interface PolicyVerdict {
  allowed: boolean;
  /** The policies that isolate the pod in this direction ("namespace/name"), when it is isolated. */
  isolatedBy: string[];
}

/**
 * NetworkPolicy semantics (concepts/services-networking/network-policies): a pod selected by
 * any policy with a policyType is isolated for that direction and only what some rule of one
 * of those policies allows gets through. Rules allow by podSelector (the policy's namespace),
 * namespaceSelector, both together, or ipBlock (with except); ports by number, name (the
 * destination pod's named port) or range (endPort). Policies are additive; no rule denies.
 */
export class PolicyEngine {
  private readonly byNamespace = new Map<string, NetworkPolicy[]>();

  constructor(private readonly api: ApiServer) {
    for (const p of api.list('NetworkPolicy')) this.refresh(p.metadata.namespace!);
    api.watch('NetworkPolicy', (ev) => this.refresh(ev.object.metadata.namespace!));
  }

  /** Any policy at all in the cluster (the common case has none: nothing to check). */
  get active(): boolean {
    return this.byNamespace.size > 0;
  }

  private refresh(ns: string): void {
    const list = this.api.list('NetworkPolicy', ns) as NetworkPolicy[];
    if (list.length) this.byNamespace.set(ns, list.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1)));
    else this.byNamespace.delete(ns);
  }

  /** Policies selecting the pod for `dir`. */
  isolating(pod: NonNullable<Peer['pod']>, dir: Direction): NetworkPolicy[] {
    const out: NetworkPolicy[] = [];
    for (const p of this.byNamespace.get(pod.namespace) ?? []) {
      if (!(p.spec?.policyTypes ?? ['Ingress']).includes(dir)) continue;
      if (labelSelectorMatches(p.spec?.podSelector ?? {}, pod.labels)) out.push(p);
    }
    return out;
  }

  /**
   * Whether `subject` may receive from (Ingress) or send to (Egress) `other` on `port`. `port`
   * is the destination's port after any Service translation; named ports in rules are looked
   * up on the destination pod.
   */
  check(dir: Direction, subject: Peer, other: Peer, port: number, protocol: string): PolicyVerdict {
    if (!subject.pod) return { allowed: true, isolatedBy: [] };
    const policies = this.isolating(subject.pod, dir);
    if (policies.length === 0) return { allowed: true, isolatedBy: [] };
    const destination = dir === 'Ingress' ? subject : other;
    for (const p of policies) {
      const rules = (dir === 'Ingress' ? p.spec?.ingress : p.spec?.egress) ?? [];
      for (const r of rules) {
        const peers = dir === 'Ingress' ? (r as { from?: NetworkPolicyPeer[] }).from : (r as { to?: NetworkPolicyPeer[] }).to;
        if (!portsMatch(r.ports, destination, port, protocol)) continue;
        if (!peers || peers.length === 0 || peers.some((peer) => this.peerMatches(peer, p.metadata!.namespace!, other))) return { allowed: true, isolatedBy: [] };
      }
    }
    return { allowed: false, isolatedBy: policies.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`) };
  }

  private peerMatches(peer: NetworkPolicyPeer, policyNs: string, other: Peer): boolean {
    if (peer.ipBlock) {
      if (!cidrContains(peer.ipBlock.cidr, other.ip)) return false;
      return !(peer.ipBlock.except ?? []).some((c) => cidrContains(c, other.ip));
    }
    if (!other.pod) return false;
    if (peer.namespaceSelector) {
      if (!labelSelectorMatches(peer.namespaceSelector, this.namespaceLabels(other))) return false;
    } else if (other.pod.namespace !== policyNs) return false;
    return peer.podSelector ? labelSelectorMatches(peer.podSelector, other.pod.labels) : true;
  }

  private namespaceLabels(peer: Peer): Record<string, string> {
    if (peer.namespaceLabels) return peer.namespaceLabels;
    const ns = peer.pod!.namespace;
    const obj = this.api.get('Namespace', undefined, ns);
    // The API server labels every namespace with its name (NamespaceDefaultLabelName, 1.22+).
    return { ...(obj?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns };
  }
}

function portsMatch(ports: NetworkPolicyPort[] | undefined, destination: Peer, port: number, protocol: string): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined || p.port === null) return true;
    let lo: number | undefined;
    if (typeof p.port === 'number') lo = p.port;
    else if (/^\d+$/.test(p.port)) lo = Number(p.port);
    else lo = destination.pod?.pod ? namedContainerPort(destination.pod.pod, p.port, protocol) : undefined;
    if (lo === undefined) return false;
    const hi = typeof p.port === 'number' && p.endPort ? p.endPort : lo;
    return port >= lo && port <= hi;
  });
}
