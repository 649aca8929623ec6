import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { ControllerContext } from '../controllers/controller';
import type { BusyReporter } from '../cluster';
import type { KObject } from '../api/object';
import { BY_NODE } from '../api/indexes';
import { matches, fromMap } from '../api/selectors';
import { tolerationsTolerateTaint } from '../api/tolerations';
import { isPodReady } from '../api/podUtil';
import { Kubelet, type ClusterSide } from './kubelet';
import { nodeIP, nodePodCIDR, parseMemory, type NodeMachine } from './node/nodeObject';
import type { ExecOptions, ExecOutput, PodWorker } from './podWorker';
import { FsLayer } from './program/filesystem';
import { ServiceDirectory, type ProgramNetwork } from './world';
import type { Listener } from './program/runtime';
import { hash32 } from './program/commands/util';

export interface NodeOptions {
  name: string;
  controlPlane?: boolean;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
}

export interface PodMetrics {
  containers: { name: string; cpuMilli: number; memoryBytes: number }[];
}

/** What the node's system daemons use besides pods (kubelet, containerd, kube-proxy, kindnet; the control plane on its node). */
const SYSTEM_USAGE = { controlPlane: { cpuMilli: 118, memoryBytes: 612 * 1024 * 1024 }, worker: { cpuMilli: 21, memoryBytes: 176 * 1024 * 1024 } };

const UNREACHABLE = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const };

/** Files every node starts with, for hostPath volumes. */
function nodeHostFs(machineID: string): FsLayer {
  const fs = new FsLayer();
  for (const d of ['var/log', 'var/lib', 'var/lib/kubelet', 'etc', 'tmp', 'proc', 'sys', 'dev', 'run', 'run/containerd', 'data', 'usr', 'opt']) fs.write(d, -Infinity, '', true);
  fs.write('etc/machine-id', -Infinity, `${machineID}\n`);
  fs.write('etc/hostname', -Infinity, '');
  fs.write('run/containerd/containerd.sock', -Infinity, '');
  fs.write('dev/null', -Infinity, '');
  return fs;
}

/**
 * The kubelets of the cluster, one per node. Pod watch events are routed by spec.nodeName to the
 * kubelet of that node, which runs a worker per pod.
 */
export class NodeAgents {
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly byUid = new Map<string, Kubelet>();
  private readonly directory: ServiceDirectory;
  private readonly persistentVolumes = new Map<string, FsLayer>();
  private readonly waiting = new Map<string, Set<PodWorker>>();
  private readonly requestRates = new Map<string, number>();
  private registered = 0;

  constructor(private readonly ctx: ControllerContext) {
    this.directory = new ServiceDirectory(ctx.api);
    this.directory.onChange = (ns) => this.namespaceChanged(ns);
    ctx.api.watch('Pod', (ev) => {
      const node = ev.object.spec?.nodeName || ev.old?.spec?.nodeName;
      if (!node) return;
      const k = this.kubelets.get(node);
      if (!k) return;
      if (ev.type === 'DELETED') this.byUid.delete(ev.object.metadata.uid!);
      else this.byUid.set(ev.object.metadata.uid!, k);
      k.onPod(ev);
    });
    for (const kind of ['ConfigMap', 'Secret', 'PersistentVolumeClaim']) {
      ctx.api.watch(kind, (ev) => {
        if (ev.type !== 'DELETED') this.namespaceChanged(ev.object.metadata.namespace ?? 'default');
      });
    }
  }

  private readonly side: ClusterSide = {
    directory: undefined as unknown as ServiceDirectory,
    persistent: (key) => {
      let l = this.persistentVolumes.get(key);
      if (!l) this.persistentVolumes.set(key, (l = new FsLayer()));
      return l;
    },
    watchNamespace: (w, ns) => {
      let set = this.waiting.get(ns);
      if (!set) this.waiting.set(ns, (set = new Set()));
      set.add(w);
    },
    forget: (w) => {
      this.waiting.get(w.namespace)?.delete(w);
      this.requestRates.delete(w.key);
    },
    serviceHttp: (ns, name, port, path, t) => this.serviceHttp(ns, name, port, path, t),
    requestCpu: (w) => {
      const rps = this.requestRates.get(w.key) ?? 0;
      return rps ? rps * w.cpuPerRequest() : 0;
    },
  };

  private namespaceChanged(ns: string): void {
    const set = this.waiting.get(ns);
    if (!set) return;
    // Re-checking runs later on timers; this only makes the pending retries count.
    for (const w of [...set]) w.objectsChanged();
  }

  /** Registers a node: its kubelet starts and creates the Node object. */
  addNode(opts: NodeOptions): KObject {
    const { config, rng } = this.ctx;
    const index = this.registered++;
    let machineID = '';
    for (let i = 0; i < 4; i++) machineID += rng.uint32().toString(16).padStart(8, '0');
    const machine: NodeMachine = {
      name: opts.name,
      controlPlane: !!opts.controlPlane,
      index,
      internalIP: nodeIP(index),
      podCIDR: nodePodCIDR(index),
      machineID,
      systemUUID: rng.uuid(),
      bootID: rng.uuid(),
      cpu: opts.cpu ?? config.nodeCpu,
      memoryBytes: parseMemory(opts.memory ?? config.nodeMemory),
      pods: opts.pods ?? config.nodePods,
      labels: opts.labels ?? {},
    };
    this.side.directory = this.directory;
    const k = new Kubelet(this.ctx, machine, this.side, nodeHostFs(machineID));
    this.kubelets.set(opts.name, k);
    return k.register();
  }

  kubelet(name: string): Kubelet | undefined {
    return this.kubelets.get(name);
  }

  /** chaos node-down: the kubelet stops (no heartbeats, no status, no pod work). */
  stopKubelet(name: string): void {
    this.kubelets.get(name)?.stop();
  }

  /** chaos node-up: heartbeats resume, the node goes Ready, pods are reconciled. */
  startKubelet(name: string): void {
    this.kubelets.get(name)?.start();
  }

  isRunning(name: string): boolean {
    return this.kubelets.get(name)?.running() ?? false;
  }

  private worker(namespace: string, name: string): PodWorker | undefined {
    const pod = this.ctx.api.get('Pod', namespace, name);
    if (!pod) return undefined;
    return this.byUid.get(pod.metadata.uid!)?.workers.get(pod.metadata.uid!);
  }

  /** chaos kill: the pod's containers die with exit code 137. Returns false when the pod is not running on a live kubelet. */
  killPod(namespace: string, name: string): boolean {
    const pod = this.ctx.api.get('Pod', namespace, name);
    if (!pod) return false;
    return this.byUid.get(pod.metadata.uid!)?.killPod(pod.metadata.uid!) ?? false;
  }

  /** What `kubectl logs` shows for a container (previous: the last terminated instance). */
  containerLogs(namespace: string, pod: string, container?: string, opts: { previous?: boolean } = {}): string[] | undefined {
    return this.worker(namespace, pod)?.logs(container, !!opts.previous)?.map((l) => l.text);
  }

  /** Log lines with their times and streams (for `kubectl logs --timestamps`). */
  containerLogLines(namespace: string, pod: string, container?: string, opts: { previous?: boolean } = {}) {
    return this.worker(namespace, pod)?.logs(container, !!opts.previous);
  }

  /** Runs a command in a running container (`kubectl exec`); undefined when it is not running. */
  exec(namespace: string, pod: string, container: string | undefined, argv: string[], opts: ExecOptions = {}): ExecOutput | undefined {
    return this.worker(namespace, pod)?.exec(container, argv, opts);
  }

  /** metrics-server's view of a pod (what `kubectl top pod` shows). */
  podMetrics(namespace: string, pod: string): PodMetrics | undefined {
    const w = this.worker(namespace, pod);
    if (!w || !this.byUid.get(w.uid)?.running()) return undefined;
    const containers = w.usage();
    return containers.length ? { containers } : undefined;
  }

  /** metrics-server's view of a node: its pods plus the system daemons. */
  nodeMetrics(node: string): { cpuMilli: number; memoryBytes: number } | undefined {
    const k = this.kubelets.get(node);
    if (!k || !k.running()) return undefined;
    const base = k.machine.controlPlane ? SYSTEM_USAGE.controlPlane : SYSTEM_USAGE.worker;
    let cpuMilli = base.cpuMilli;
    let memoryBytes = base.memoryBytes;
    for (const w of k.workers.values()) {
      for (const c of w.usage()) {
        cpuMilli += c.cpuMilli;
        memoryBytes += c.memoryBytes;
      }
    }
    return { cpuMilli, memoryBytes };
  }

  /**
   * The cluster network is running: programs reach Services, pods and the internet through it,
   * and programs that asked the world are planned again when what a Service answers changes.
   */
  attachNetwork(net: { programNetwork(): ProgramNetwork; onReachabilityChange(fn: (namespace: string) => void): void; useServiceHistory(fn: (namespace: string, name: string, t: number) => boolean): void }): void {
    this.directory.network = net.programNetwork();
    net.onReachabilityChange((ns) => this.namespaceChanged(ns));
    net.useServiceHistory((ns, name, t) => this.directory.existed(ns, name, t));
  }

  /** Who listens on `port` in the pod's network namespace at `t` (the network's last hop). */
  podListener(namespace: string, pod: string, port: number, t: number): Listener | undefined {
    return this.worker(namespace, pod)?.listener(port, t);
  }

  /** The environment the kubelet gave a running container when it started it. */
  containerEnv(namespace: string, pod: string, container: string): ReadonlyMap<string, string> | undefined {
    const w = this.worker(namespace, pod);
    const cr = w && [...w.regular, ...w.init].find((c) => c.name === container);
    return cr?.current?.running ? cr.current.spec.env : undefined;
  }

  /** Requests per second a pod serves (the traffic model); they show as CPU use. */
  setRequestRate(namespace: string, pod: string, rps: number): void {
    const key = `${namespace}/${pod}`;
    if (rps > 0) this.requestRates.set(key, rps);
    else this.requestRates.delete(key);
  }

  /** An HTTP request to a Service from inside a pod: answered by one of its ready pods. */
  private serviceHttp(ns: string, name: string, port: number, path: string, t: number) {
    const svc = this.ctx.api.get('Service', ns, name) as Service | undefined;
    if (!svc?.spec?.selector) return undefined;
    const sp = (svc.spec.ports ?? []).find((p) => p.port === port);
    if (!sp) return undefined;
    const sel = fromMap(svc.spec.selector);
    const pods = (this.ctx.api.list('Pod', ns) as Pod[]).filter((p) => matches(sel, p.metadata!.labels) && isPodReady(p) && !p.metadata!.deletionTimestamp);
    if (!pods.length) return undefined;
    const pod = pods[hash32(`${name}:${t}`) % pods.length];
    const w = this.byUid.get(pod.metadata!.uid!)?.workers.get(pod.metadata!.uid!);
    if (!w) return undefined;
    let target = typeof sp.targetPort === 'number' ? sp.targetPort : Number(sp.targetPort ?? sp.port);
    if (Number.isNaN(target)) {
      const named = pod.spec!.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === sp.targetPort);
      target = named?.containerPort ?? sp.port;
    }
    const l = w.listener(target, t);
    return l ? (l.http?.(path, t) ?? { status: 200, body: '' }) : undefined;
  }

  /**
   * Busy while a stopped node's consequences can still unfold without a timer: until its Ready
   * condition is no longer True and every pod that does not tolerate the unreachable taint for
   * ever has been marked for deletion (by the node lifecycle controller).
   */
  readonly busyReporter: BusyReporter = {
    busy: () => {
      for (const k of this.kubelets.values()) {
        if (k.running()) continue;
        const node = this.ctx.api.get('Node', undefined, k.nodeName);
        if (!node) continue;
        const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
        if (ready?.status === 'True') return true;
        for (const p of this.ctx.api.store.byIndex('Pod', BY_NODE, k.nodeName)) {
          if (p.metadata.deletionTimestamp) continue;
          const phase = p.status?.phase;
          if (phase === 'Succeeded' || phase === 'Failed') continue;
          const forever = (p.spec?.tolerations ?? []).some((tol: { tolerationSeconds?: number }) => tol.tolerationSeconds === undefined || tol.tolerationSeconds === null ? tolerationsTolerateTaint([tol as never], UNREACHABLE) : false);
          if (!forever) return true;
        }
      }
      return false;
    },
  };
}

export function startNodeAgents(ctx: ControllerContext, registerBusy: (r: BusyReporter) => void): NodeAgents {
  const agents = new NodeAgents(ctx);
  registerBusy(agents.busyReporter);
  return agents;
}
