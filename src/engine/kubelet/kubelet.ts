import type { Pod } from 'kubernetes-types/core/v1';
import type { TimerHandle } from '../clock/simClock';
import type { ControllerContext } from '../controllers/controller';
import type { WatchEvent } from '../api/apiServer';
import { ApiError } from '../api/errors';
import { BY_NODE } from '../api/indexes';
import type { KObject } from '../api/object';
import { podRequests } from '../api/podUtil';
import { parseQuantity } from '../api/quantity';
import { rfc3339 } from '../time';
import { microTime } from './timestamps';
import { Backoff } from './backoff';
import { NodeImageStore } from './images/imageStore';
import { PodIPAllocator } from './ipam';
import { nodeObject, nodeStatus, type NodeConditionState, type NodeMachine } from './node/nodeObject';
import { PodWorker, type KubeletHost } from './podWorker';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, LEASE_DURATION_SECONDS, LEASE_RENEW_INTERVAL_MS, NODE_STATUS_REPORT_MS, NODE_STATUS_UPDATE_MS } from './timings';
import type { Storage } from './volumes';
import type { FsLayer } from './program/filesystem';
import type { ServiceDirectory } from './world';

/** What the node agents share with every kubelet. */
export interface ClusterSide {
  directory: ServiceDirectory;
  persistent(key: string): FsLayer;
  watchNamespace(w: PodWorker, namespace: string): void;
  forget(w: PodWorker): void;
  serviceHttp(namespace: string, name: string, port: number, path: string, t: number): { status: number; body: string } | undefined;
  requestCpu(w: PodWorker): number;
}

const CONDITION_TYPES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'] as const;

/**
 * One node's kubelet: it registers the Node, renews its Lease, reports node status, and runs a
 * pod worker for every pod bound to the node.
 */
export class Kubelet implements KubeletHost {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly nodeCpu: number;
  readonly nodeMemory: number;
  readonly images: NodeImageStore;
  readonly ipam: PodIPAllocator;
  readonly restartBackoff: Backoff;
  readonly pullBackoff: Backoff;
  readonly storage: Storage;
  readonly workers = new Map<string, PodWorker>();
  private stopped = false;
  private readonly dirty = new Set<PodWorker>();
  private flushTimer?: TimerHandle;
  private leaseTimer?: TimerHandle;
  private reportTimer?: TimerHandle;
  private nodeStatusTimer?: TimerHandle;
  private readonly conditions: NodeConditionState;
  private readonly startedAt: number;

  constructor(
    readonly ctx: ControllerContext,
    readonly machine: NodeMachine,
    private readonly side: ClusterSide,
    hostFs: FsLayer,
  ) {
    this.nodeName = machine.name;
    this.nodeIP = machine.internalIP;
    this.nodeCpu = parseQuantity(machine.cpu);
    this.nodeMemory = machine.memoryBytes;
    this.images = new NodeImageStore(ctx.clock, ctx.rng);
    this.images.onChange = () => this.nodeStatusChanged();
    this.ipam = new PodIPAllocator(machine.podCIDR);
    const now = () => ctx.clock.now();
    this.restartBackoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, now);
    this.pullBackoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, now);
    this.storage = { hostFs, persistent: (k) => side.persistent(k) };
    const t = rfc3339(ctx.clock.now());
    this.conditions = { ready: true, heartbeat: t, transitions: { MemoryPressure: t, DiskPressure: t, PIDPressure: t, Ready: t } };
    this.startedAt = ctx.clock.now();
  }

  get directory(): ServiceDirectory {
    return this.side.directory;
  }

  running(): boolean {
    return !this.stopped;
  }

  // ---- registration and heartbeats ----------------------------------------------------------

  /** Registers the Node (its kubelet starting): object, status, Lease and the startup events. */
  register(): KObject {
    const api = this.ctx.api;
    api.create(nodeObject(this.machine));
    this.nodeEvents();
    const node = this.postNodeStatus();
    this.createLease();
    this.armHeartbeats();
    return node;
  }

  private nodeRef(): KObject {
    // The kubelet's events name the node by name, with the node name as its uid.
    return { apiVersion: 'v1', kind: 'Node', metadata: { name: this.nodeName, uid: this.nodeName } };
  }

  private nodeEvent(reason: string, message: string): void {
    this.ctx.recorder.event(this.nodeRef(), 'Normal', reason, message, 'kubelet', { host: this.nodeName });
  }

  private nodeEvents(): void {
    this.nodeEvent('Starting', 'Starting kubelet.');
    for (const r of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) this.nodeEvent(r, `Node ${this.nodeName} status is now: ${r}`);
    this.nodeEvent('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.nodeEvent('NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
  }

  /** Posts the node status, keeping each condition's transition time unless its status changed. */
  private postNodeStatus(): KObject {
    const api = this.ctx.api;
    const now = rfc3339(this.ctx.clock.now());
    const stored = api.get('Node', undefined, this.nodeName);
    const want: Record<string, string> = { MemoryPressure: 'False', DiskPressure: 'False', PIDPressure: 'False', Ready: this.conditions.ready ? 'True' : 'False' };
    for (const type of CONDITION_TYPES) {
      const c = (stored?.status?.conditions ?? []).find((x: { type: string }) => x.type === type);
      if (c && c.status !== want[type]) this.conditions.transitions[type] = now;
    }
    this.conditions.heartbeat = now;
    const status = nodeStatus(this.machine, this.conditions, this.images.list(), this.ctx.config.kubernetesVersion);
    try {
      return api.updateStatus({ apiVersion: 'v1', kind: 'Node', metadata: { name: this.nodeName }, status });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return stored!;
    }
  }

  private createLease(): void {
    const api = this.ctx.api;
    const node = api.get('Node', undefined, this.nodeName);
    try {
      api.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: this.nodeName,
          namespace: 'kube-node-lease',
          ownerReferences: node ? [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid! }] : undefined,
        },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(this.ctx.clock.now()) },
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Renews the node Lease (pkg/kubelet/nodelease): every 10 s, a background heartbeat. */
  private renewLease(): void {
    const api = this.ctx.api;
    const lease = api.get('Lease', 'kube-node-lease', this.nodeName);
    if (!lease) {
      this.createLease();
      return;
    }
    try {
      api.heartbeat('Lease', 'kube-node-lease', this.nodeName, { holderIdentity: this.nodeName, renewTime: microTime(this.ctx.clock.now()) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private armHeartbeats(): void {
    const clock = this.ctx.clock;
    const lease = () => {
      this.leaseTimer = clock.after(LEASE_RENEW_INTERVAL_MS, 'kubelet:lease', () => {
        if (this.stopped) return;
        this.guard(() => this.renewLease());
        lease();
      }, { background: true });
    };
    lease();
    const report = () => {
      this.reportTimer = clock.after(NODE_STATUS_REPORT_MS, 'kubelet:node-status-report', () => {
        if (this.stopped) return;
        this.guard(() => this.refreshHeartbeat());
        report();
      }, { background: true });
    };
    report();
  }

  /** nodeStatusReportFrequency: nothing changed, the status is posted again with new heartbeat times. */
  private refreshHeartbeat(): void {
    const now = rfc3339(this.ctx.clock.now());
    this.conditions.heartbeat = now;
    try {
      this.ctx.api.patchStatus('Node', undefined, this.nodeName, (d) => {
        for (const c of d.status?.conditions ?? []) c.lastHeartbeatTime = now;
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Something in the node status changed (its images): posted at the next status update tick. */
  private nodeStatusChanged(): void {
    if (this.nodeStatusTimer || this.stopped) return;
    const now = this.ctx.clock.now();
    const since = now - this.startedAt;
    const delay = NODE_STATUS_UPDATE_MS - (since % NODE_STATUS_UPDATE_MS);
    this.nodeStatusTimer = this.ctx.clock.after(delay, 'kubelet:node-status', () => {
      this.nodeStatusTimer = undefined;
      if (this.stopped) return;
      this.guard(() => this.postNodeStatus());
    });
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.ctx.reportError(`kubelet/${this.nodeName}`, e);
    }
  }

  // ---- pods --------------------------------------------------------------------------------

  /** A watch event for a pod bound to this node. */
  onPod(ev: WatchEvent): void {
    if (this.stopped) return;
    const pod = ev.object as Pod;
    const uid = pod.metadata!.uid!;
    const w = this.workers.get(uid);
    if (ev.type === 'DELETED') {
      w?.remove();
      return;
    }
    if (w) {
      if (ev.old && ev.old.spec === pod.spec && ev.old.metadata.deletionTimestamp === pod.metadata!.deletionTimestamp) {
        w.pod = pod;
        return;
      }
      w.update(pod);
      return;
    }
    this.newWorker(pod);
  }

  private newWorker(pod: Pod): PodWorker {
    const w = new PodWorker(this, pod);
    w.fits = () => this.fits(w);
    this.workers.set(w.uid, w);
    return w;
  }

  /** The kubelet's admission check: the pod's requests fit what the node has left. */
  private fits(w: PodWorker): true | { resource: string; requested: number; used: number; capacity: number } {
    let cpu = 0;
    let memory = 0;
    let pods = 0;
    for (const o of this.workers.values()) {
      if (o === w || !o.holdsResources) continue;
      const r = podRequests(o.pod);
      cpu += r.cpu;
      memory += r.memory;
      pods++;
    }
    const req = podRequests(w.pod);
    if (pods + 1 > this.machine.pods) return { resource: 'pods', requested: 1, used: pods, capacity: this.machine.pods };
    const cpuCap = Math.round(this.nodeCpu * 1000);
    if (req.cpu > 0 && cpu + req.cpu > cpuCap) return { resource: 'cpu', requested: req.cpu, used: cpu, capacity: cpuCap };
    if (req.memory > 0 && memory + req.memory > this.nodeMemory) return { resource: 'memory', requested: req.memory, used: memory, capacity: this.nodeMemory };
    return true;
  }

  event(pod: KObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    this.ctx.recorder.event(pod, type, reason, message, 'kubelet', fieldPath ? { host: this.nodeName, fieldPath } : { host: this.nodeName });
  }

  /** Status writes of one instant are coalesced: one write per pod per instant. */
  markDirty(w: PodWorker): void {
    this.dirty.add(w);
    if (this.flushTimer) return;
    this.flushTimer = this.ctx.clock.after(0, 'kubelet:status', () => {
      this.flushTimer = undefined;
      const list = [...this.dirty];
      this.dirty.clear();
      for (const x of list) this.guard(() => x.writeStatus());
    });
  }

  forget(w: PodWorker): void {
    this.workers.delete(w.uid);
    this.dirty.delete(w);
    this.side.forget(w);
  }

  watchNamespace(w: PodWorker, namespace: string): void {
    this.side.watchNamespace(w, namespace);
  }

  serviceHttp(namespace: string, name: string, port: number, path: string, t: number) {
    return this.side.serviceHttp(namespace, name, port, path, t);
  }

  requestCpu(w: PodWorker): number {
    return this.side.requestCpu(w);
  }

  // ---- chaos -------------------------------------------------------------------------------

  /** node-down: no heartbeats, no status, no pod work; pods keep their last status. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of [this.leaseTimer, this.reportTimer, this.nodeStatusTimer, this.flushTimer]) if (t) this.ctx.clock.cancel(t);
    this.leaseTimer = this.reportTimer = this.nodeStatusTimer = this.flushTimer = undefined;
    this.dirty.clear();
    this.images.abortAll();
    for (const w of this.workers.values()) w.pause();
  }

  /** node-up: the kubelet starts again, reports Ready, and reconciles its pods. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.conditions.ready = true;
    this.nodeEvents();
    this.guard(() => this.postNodeStatus());
    this.guard(() => this.renewLease());
    this.armHeartbeats();
    const api = this.ctx.api;
    const present = new Map<string, Pod>();
    for (const p of api.store.byIndex('Pod', BY_NODE, this.nodeName)) present.set(p.metadata.uid!, p as Pod);
    for (const w of [...this.workers.values()]) {
      const p = present.get(w.uid);
      if (!p) w.remove();
    }
    for (const [uid, p] of present) {
      const w = this.workers.get(uid);
      if (w) {
        w.update(p);
        w.resume();
      } else this.newWorker(p);
    }
  }

  /** chaos kill of one pod's containers. */
  killPod(uid: string): boolean {
    if (this.stopped) return false;
    return this.workers.get(uid)?.killAll() ?? false;
  }
}
