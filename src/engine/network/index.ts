import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import type { ControllerContext } from '../controllers/controller';
import type { NodeAgents } from '../kubelet/index';
import { Rng } from '../random';
import { DataPath, type NodeAccess, type RouteResult, type Source } from './datapath';
import { ClusterDns } from './dns';
import { IngressNginx } from './ingress/controller';
import { KubeProxy } from './kubeProxy';
import { LoadBalancerController } from './loadBalancer';
import { PodIndex } from './podIndex';
import { programNetwork } from './programNetwork';
import type { ProgramNetwork } from '../kubelet/world';
import { PolicyEngine } from './policy';
import { ServiceTable } from './serviceTable';
import { TrafficEngine, type TrafficSnapshot } from './traffic';

export type { RouteResult, Source, Hop, HopRef } from './datapath';
export type { TrafficSnapshot, ClientStats, RequestTrace, EdgeRate } from './traffic';

/** Seeds the network's own random stream, so traffic never shifts the names and uids the cluster draws. */
const NETWORK_SEED_SALT = 0x6e657477;

/**
 * The cluster network: kube-proxy's view of Services and endpoints, CoreDNS, the
 * NetworkPolicy enforcement of the CNI, ingress-nginx, the load-balancer provider, and the
 * traffic clients, with one data path that routes a request hop by hop. Read API for the UI:
 * `snapshot()` (per-client stats, per-pod counters, per-edge rates, recent traces).
 */
export class Network {
  readonly table: ServiceTable;
  readonly pods: PodIndex;
  readonly dns: ClusterDns;
  readonly policy: PolicyEngine;
  readonly ingress: IngressNginx;
  readonly proxy = new KubeProxy();
  readonly path: DataPath;
  readonly traffic: TrafficEngine;
  readonly loadBalancers: LoadBalancerController;
  /** The network's random stream (kube-proxy's choices for traffic and kubectl exec). */
  readonly rng: Rng;

  constructor(
    readonly ctx: ControllerContext,
    nodes: NodeAgents,
  ) {
    const api = ctx.api;
    this.rng = new Rng((ctx.config.seed ^ NETWORK_SEED_SALT) >>> 0);
    this.table = new ServiceTable(api);
    this.pods = new PodIndex(api);
    this.dns = new ClusterDns(api, this.table, ctx.config.clusterDomain);
    this.policy = new PolicyEngine(api);
    this.ingress = new IngressNginx(ctx);
    this.loadBalancers = new LoadBalancerController(ctx);
    const access: NodeAccess = {
      isRunning: (n) => nodes.isRunning(n),
      listener: (ns, pod, port, t) => nodes.podListener(ns, pod, port, t),
      image: (ns, pod) => (api.get('Pod', ns, pod) as Pod | undefined)?.spec?.containers?.[0]?.image,
    };
    this.path = new DataPath(access, this.table, this.dns, this.policy, this.ingress, this.pods, this.proxy);
    this.traffic = new TrafficEngine(api, ctx.clock, this.rng, this.path, (ns, pod, rps) => nodes.setRequestRate(ns, pod, rps));
    this.table.onEndpointsChange = (key) => this.endpointsChanged(key);
    nodes.attachNetwork(this);
  }

  private readonly reachability = new Map<string, string>();
  private readonly reachabilityListeners: ((namespace: string) => void)[] = [];

  /** The network as programs inside pods use it. */
  programNetwork(): ProgramNetwork {
    return programNetwork(this.path, this.dns, this.pods, this.table, this.ctx.api);
  }

  /** For programs replayed from their start: DNS answers follow when each Service existed. */
  useServiceHistory(fn: (namespace: string, name: string, t: number) => boolean): void {
    this.dns.existedAt = fn;
  }

  /**
   * Called with a namespace when one of its Services starts or stops having usable endpoints,
   * or a headless Service's addresses change: what programs there get back may differ.
   */
  onReachabilityChange(fn: (namespace: string) => void): void {
    this.reachabilityListeners.push(fn);
  }

  private endpointsChanged(key: string): void {
    if (this.reachabilityListeners.length === 0) return;
    const svc = this.table.service(key);
    const sig = svc ? this.table.reachability(key, svc.spec?.clusterIP === 'None') : '';
    if (this.reachability.get(key) === sig) return;
    this.reachability.set(key, sig);
    const ns = key.slice(0, key.indexOf('/'));
    for (const fn of this.reachabilityListeners) fn(ns);
  }

  /** One request now, as a live client (kubectl exec curl): routed, recorded as a trace. */
  request(source: Source, url: string, opts: { hostHeader?: string; timeoutMs?: number } = {}): RouteResult {
    const t = this.ctx.clock.now();
    const r = this.path.request({ source, url, t, pick: (n) => this.rng.int(n), ...opts });
    this.traffic.recordOneOff(r, t);
    return r;
  }

  /** What the canvas reads: clients, counters, edge rates, recent traces. */
  snapshot(): TrafficSnapshot {
    return this.traffic.snapshot();
  }

  /** The pod a program runs in, for requests made from inside it. */
  podSource(namespace: string, name: string): Source | undefined {
    const pod = this.ctx.api.get('Pod', namespace, name) as Pod | undefined;
    return pod ? { kind: 'pod', pod } : undefined;
  }
}

const networks = new WeakMap<ApiServer, Network>();

/** Starts the network components of a cluster (after the node agents). */
export function startNetwork(ctx: ControllerContext, nodes: NodeAgents): Network {
  const n = new Network(ctx, nodes);
  networks.set(ctx.api, n);
  return n;
}

/** The network of the cluster an API server belongs to. */
export function networkOf(api: ApiServer): Network | undefined {
  return networks.get(api);
}
