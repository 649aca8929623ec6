import type { Node, Taint } from 'kubernetes-types/core/v1';
import { produce, type Draft } from 'immer';
import type { WatchEvent } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { BY_NODE } from '../../api/indexes';
import { splitKey, type KObject } from '../../api/object';
import type { TimerHandle } from '../../clock/simClock';
import { parseTimestamp, rfc3339 } from '../../time';
import { Controller, type ControllerContext } from '../controller';
import {
  LABEL_EXCLUDE_DISRUPTION,
  LARGE_CLUSTER_SIZE_THRESHOLD,
  NODE_EVICTION_PERIOD_MS,
  NODE_EVICTION_RATE,
  NODE_LEASE_NAMESPACE,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  NODE_STARTUP_GRACE_PERIOD_MS,
  SECONDARY_NODE_EVICTION_RATE,
  TAINT_NOT_READY,
  TAINT_RETRY_MS,
  TAINT_UNREACHABLE,
  UNHEALTHY_ZONE_THRESHOLD,
  nextMonitorTick,
} from './constants';
import { getNode, getNodeCondition, markConditionsUnknown, noScheduleTaintDiff, readyStatus, zoneKey } from './nodeConditions';
import { markPodsNotReady } from './markPods';
import { hasTaint, swapNodeTaints } from './taints';
import { computeZoneState, ZoneTainter, type ZoneState } from './zoneTainter';

/** The component name node lifecycle events carry (upstream's recorder source). */
export const NODE_CONTROLLER_SOURCE = 'node-controller';

const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** labelReconcileInfo: the beta os/arch labels follow the GA ones. */
const LABEL_PAIRS: readonly [string, string][] = [
  ['kubernetes.io/os', 'beta.kubernetes.io/os'],
  ['kubernetes.io/arch', 'beta.kubernetes.io/arch'],
];

/** What the controller remembers about one node between passes (upstream nodeHealthData). */
interface NodeHealth {
  readonly name: string;
  uid: string;
  readonly creationMs: number;
  /** When a heartbeat (lease renewal or a new Ready heartbeat) was last noticed. */
  seenAt?: number;
  leaseRenew?: string;
  readyHeartbeat?: string;
  /** The Ready status last seen on the node ("" while the kubelet never posted one). */
  ready: string;
  zone: string;
  counted: boolean;
  deadline?: TimerHandle;
  deadlineAt?: number;
  pass?: TimerHandle;
  passAt?: number;
}

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle), driven by events rather than a
 * loop over every node: each node's heartbeats (its Lease in kube-node-lease, or a new Ready
 * heartbeat) are noted, and one check is armed at probe + node-monitor-grace-period, where the
 * probe is the first 5 s monitor pass after the heartbeat, as upstream's monitorNodeHealth sees
 * it. A node that misses the deadline gets its conditions set Unknown, a NodeNotReady event,
 * its pods marked not ready, and on the next pass the NoExecute taint, added at the zone's
 * eviction rate. NoSchedule taints follow conditions and spec.unschedulable (TaintNodesByCondition).
 */
export class NodeLifecycleController extends Controller {
  private readonly health = new Map<string, NodeHealth>();
  private readonly leaseSeen = new Map<string, { renew: string; at: number }>();
  private readonly tainters = new Map<string, ZoneTainter>();
  private readonly taintPasses = new Map<string, { at: number; timer: TimerHandle }>();
  private readonly zoneCounts = new Map<string, { ready: number; notReady: number }>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private disruptionCheck: TimerHandle | undefined;
  /** Set while this controller writes a node's status, so its own write is not taken for a heartbeat. */
  private selfWrite = false;

  constructor(ctx: ControllerContext) {
    super('node-lifecycle-controller', ctx);
    this.api.watch('Node', (ev) => this.onNode(ev));
    this.api.watch('Lease', (ev) => this.onLease(ev));
    this.api.watch('Pod', (ev) => this.onPod(ev));
  }

  // ---- watch handlers (cheap: they note facts and arm timers) -------------------------------

  private onNode(ev: WatchEvent): void {
    const node = ev.object as Node;
    const name = node.metadata!.name!;
    if (ev.type === 'DELETED') {
      this.forgetNode(node);
      return;
    }
    const h = this.health.get(name);
    if (!h) {
      this.observeNewNode(node);
    } else {
      h.uid = node.metadata!.uid!;
      this.observeStatus(h, node);
    }
    if (needsNodeProcessing(node)) this.enqueue(`node/${name}`);
  }

  private observeNewNode(node: Node): NodeHealth {
    const name = node.metadata!.name!;
    const h: NodeHealth = {
      name,
      uid: node.metadata!.uid!,
      creationMs: parseTimestamp(node.metadata!.creationTimestamp) ?? this.clock.now(),
      ready: readyStatus(node) ?? '',
      readyHeartbeat: getNodeCondition(node, 'Ready')?.lastHeartbeatTime,
      zone: zoneKey(node),
      counted: !(LABEL_EXCLUDE_DISRUPTION in (node.metadata!.labels ?? {})),
    };
    const lease = this.leaseSeen.get(name);
    if (lease) {
      h.leaseRenew = lease.renew;
      h.seenAt = lease.at;
    }
    this.health.set(name, h);
    this.countZone(h, +1);
    this.tainter(h.zone);
    this.atNextTick('node-lifecycle:registered', () => {
      const current = getNode(this.api, name);
      if (current && current.metadata!.uid === h.uid) {
        this.nodeEvent(current, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      }
    });
    this.armDeadline(h);
    return h;
  }

  private observeStatus(h: NodeHealth, node: Node): void {
    const ready = getNodeCondition(node, 'Ready');
    if (!this.selfWrite && ready?.lastHeartbeatTime !== h.readyHeartbeat) h.seenAt = this.clock.now();
    h.readyHeartbeat = ready?.lastHeartbeatTime;
    const zone = zoneKey(node);
    const counted = !(LABEL_EXCLUDE_DISRUPTION in (node.metadata!.labels ?? {}));
    const status = ready?.status ?? '';
    if (zone !== h.zone || counted !== h.counted || status !== h.ready) {
      this.countZone(h, -1);
      h.zone = zone;
      h.counted = counted;
      const changed = status !== h.ready;
      h.ready = status;
      this.countZone(h, +1);
      this.tainter(zone);
      // The next monitor pass reacts to a Ready change the kubelet posted (taints, pods).
      if (changed && !this.selfWrite) this.schedulePass(h, nextMonitorTick(this.clock.now()));
    }
    if (status !== 'Unknown') this.armDeadline(h);
  }

  private forgetNode(node: Node): void {
    const name = node.metadata!.name!;
    const h = this.health.get(name);
    if (!h || h.uid !== node.metadata!.uid) return;
    this.clock.cancel(h.deadline);
    this.clock.cancel(h.pass);
    this.countZone(h, -1);
    this.tainters.get(h.zone)?.remove(name);
    this.health.delete(name);
    this.leaseSeen.delete(name);
    this.atNextTick('node-lifecycle:removed', () => {
      this.nodeEvent(node, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    });
  }

  private onLease(ev: WatchEvent): void {
    const lease = ev.object;
    if (lease.metadata.namespace !== NODE_LEASE_NAMESPACE || ev.type === 'DELETED') return;
    const renew: string | undefined = lease.spec?.renewTime;
    if (!renew) return;
    const name = lease.metadata.name!;
    const h = this.health.get(name);
    if (h) {
      if (h.leaseRenew === renew) return;
      h.leaseRenew = renew;
      h.seenAt = this.clock.now();
    } else {
      this.leaseSeen.set(name, { renew, at: this.clock.now() });
    }
  }

  /** processPod: a pod newly assigned to a node that is not Ready is marked not ready at once. */
  private onPod(ev: WatchEvent): void {
    if (ev.type === 'DELETED') return;
    const nodeName: string | undefined = ev.object.spec?.nodeName;
    if (!nodeName || ev.old?.spec?.nodeName === nodeName) return;
    const h = this.health.get(nodeName);
    if (h && h.ready !== '' && h.ready !== 'True') this.enqueue(`pod/${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
  }

  // ---- work-queue items: NoSchedule taints, labels, pods on not-ready nodes -----------------

  protected reconcile(key: string): void {
    if (key.startsWith('node/')) this.processNode(key.slice(5));
    else if (key.startsWith('pod/')) this.processPod(key.slice(4));
  }

  /** doNodeProcessingPassWorker: NoSchedule taints from conditions, then the beta labels. */
  private processNode(name: string): void {
    const node = getNode(this.api, name);
    if (!node) return;
    const { add, remove } = noScheduleTaintDiff(node);
    if (add.length || remove.length) swapNodeTaints(this.api, name, add, remove);
    const fresh = getNode(this.api, name)!;
    const labels = fresh.metadata!.labels ?? {};
    const missing = LABEL_PAIRS.filter(([ga, beta]) => ga in labels && labels[beta] !== labels[ga]);
    if (missing.length) {
      this.api.patchMetadata('Node', undefined, name, (m) => {
        m.labels ??= {};
        for (const [ga, beta] of missing) m.labels[beta] = m.labels[ga];
      });
    }
  }

  private processPod(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('Pod', namespace, name);
    if (!pod?.spec?.nodeName) return;
    const h = this.health.get(pod.spec.nodeName);
    if (!h || h.ready === '' || h.ready === 'True') return;
    markPodsNotReady(this.ctx, [pod], pod.spec.nodeName, NODE_CONTROLLER_SOURCE);
  }

  // ---- the health check --------------------------------------------------------------------

  /** The pass that saw the last heartbeat; a node never heard from counts from its creation. */
  private probe(h: NodeHealth): number {
    return h.seenAt === undefined ? h.creationMs : nextMonitorTick(h.seenAt);
  }

  private grace(node: Node): number {
    return getNodeCondition(node, 'Ready') ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
  }

  /**
   * Arms the check at probe + grace. It is a background timer: while heartbeats keep coming it
   * only re-arms itself, which changes nothing (the stopped kubelet keeps the cluster busy).
   */
  private armDeadline(h: NodeHealth): void {
    const node = getNode(this.api, h.name);
    if (!node) return;
    const at = this.probe(h) + this.grace(node);
    if (h.deadline && !h.deadline.cancelled && h.deadlineAt !== undefined && h.deadlineAt <= at) return;
    this.clock.cancel(h.deadline);
    h.deadlineAt = at;
    h.deadline = this.clock.at(at, 'node-lifecycle:deadline', () => this.onDeadline(h), { background: true });
  }

  private onDeadline(h: NodeHealth): void {
    h.deadline = undefined;
    if (this.health.get(h.name) !== h) return;
    const node = getNode(this.api, h.name);
    if (!node || readyStatus(node) === 'Unknown') return;
    const due = this.probe(h) + this.grace(node);
    if (this.clock.now() < due) {
      this.armDeadline(h);
      return;
    }
    this.monitorPass(h);
  }

  private schedulePass(h: NodeHealth, at: number): void {
    if (h.pass && !h.pass.cancelled && h.passAt !== undefined && h.passAt <= at) return;
    this.clock.cancel(h.pass);
    h.passAt = at;
    h.pass = this.clock.at(at, 'node-lifecycle:pass', () => {
      h.pass = undefined;
      if (this.health.get(h.name) === h) this.monitorPass(h);
    });
  }

  /**
   * One node's share of monitorNodeHealth: tryUpdateNodeHealth, processTaintBaseEviction, and
   * the NodeNotReady event plus MarkPodsNotReady on a Ready → not-Ready transition.
   */
  private monitorPass(h: NodeHealth): void {
    const node = getNode(this.api, h.name);
    if (!node) return;
    const now = this.clock.now();
    const observed = readyStatus(node) ?? 'Unknown';
    let current = observed;
    let latest = node;
    if (now >= this.probe(h) + this.grace(node)) {
      const nowTs = rfc3339(now);
      const next = produce(node, (d: Draft<Node>) => {
        d.status ??= {};
        d.status.conditions ??= [];
        markConditionsUnknown(d.status.conditions, nowTs, node.metadata!.creationTimestamp);
      });
      if (readyStatus(next) !== readyStatus(node)) {
        this.selfWrite = true;
        try {
          latest = this.api.updateStatus(next as KObject) as Node;
        } finally {
          this.selfWrite = false;
        }
        current = 'Unknown';
        this.clock.cancel(h.deadline);
        h.deadline = undefined;
      }
    }
    this.processTaintBasedEviction(latest, observed);
    if (current !== 'True' && observed === 'True') {
      this.nodeEvent(latest, 'Normal', 'NodeNotReady', `Node ${h.name} status is now: NodeNotReady`);
      markPodsNotReady(this.ctx, this.api.store.byIndex('Pod', BY_NODE, h.name), h.name, NODE_CONTROLLER_SOURCE);
    }
    // Upstream's next pass, 5 s on, sees the new status and queues the NoExecute taint.
    if (current !== observed) this.schedulePass(h, now + NODE_MONITOR_PERIOD_MS);
    else if (current !== 'Unknown') this.armDeadline(h);
  }

  private processTaintBasedEviction(node: Node, observed: string): void {
    const name = node.metadata!.name!;
    if (observed === 'False') {
      if (hasTaint(node, TAINT_UNREACHABLE, 'NoExecute')) swapNodeTaints(this.api, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
      else this.markNodeForTainting(node, 'False');
    } else if (observed === 'Unknown') {
      if (hasTaint(node, TAINT_NOT_READY, 'NoExecute')) swapNodeTaints(this.api, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
      else this.markNodeForTainting(node, 'Unknown');
    } else if (observed === 'True') {
      this.markNodeAsReachable(name);
    }
  }

  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): void {
    const name = node.metadata!.name!;
    const zone = zoneKey(node);
    const tainter = this.tainter(zone);
    const key = status === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    if (!hasTaint(node, key, 'NoExecute')) tainter.remove(name);
    if (tainter.add(name, this.clock.now())) this.scheduleTaintPass(zone, this.clock.now());
  }

  private markNodeAsReachable(name: string): void {
    const node = getNode(this.api, name);
    if (!node) return;
    swapNodeTaints(this.api, name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
    this.tainters.get(zoneKey(node))?.remove(name);
  }

  // ---- the rate-limited NoExecute tainting pass (doNoExecuteTaintingPass) -------------------

  private tainter(zone: string): ZoneTainter {
    let t = this.tainters.get(zone);
    if (!t) this.tainters.set(zone, (t = new ZoneTainter(NODE_EVICTION_RATE, 1, this.clock.now())));
    return t;
  }

  /**
   * The tainting pass runs every 100 ms: a node queued now is picked up by the next one, a wait
   * for a token by the first one at or after it.
   */
  private scheduleTaintPass(zone: string, from: number, inclusive = false): void {
    const ticks = from / NODE_EVICTION_PERIOD_MS;
    const at = (inclusive ? Math.ceil(ticks) : Math.floor(ticks) + 1) * NODE_EVICTION_PERIOD_MS;
    const pending = this.taintPasses.get(zone);
    if (pending && !pending.timer.cancelled && pending.at <= at) return;
    if (pending) this.clock.cancel(pending.timer);
    const timer = this.clock.at(at, 'node-lifecycle:taint', () => {
      this.taintPasses.delete(zone);
      const again = this.tainter(zone).try(this.clock.now(), (name) => this.taintNode(name));
      if (again !== undefined) this.scheduleTaintPass(zone, again, true);
    });
    this.taintPasses.set(zone, { at, timer });
  }

  /** The tainter's action: the NoExecute taint matching the node's Ready status, the opposite one removed. */
  private taintNode(name: string): { ok: true } | { ok: false; retryMs: number } {
    const node = getNode(this.api, name);
    if (!node) return { ok: true };
    const status = readyStatus(node);
    if (status === undefined) return { ok: false, retryMs: TAINT_RETRY_MS };
    try {
      if (status === 'False') swapNodeTaints(this.api, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
      else if (status === 'Unknown') swapNodeTaints(this.api, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { ok: false, retryMs: 0 };
    }
    return { ok: true };
  }

  // ---- zone disruption (handleDisruption) --------------------------------------------------

  private countZone(h: NodeHealth, delta: 1 | -1): void {
    if (!h.counted) return;
    let c = this.zoneCounts.get(h.zone);
    if (!c) this.zoneCounts.set(h.zone, (c = { ready: 0, notReady: 0 }));
    if (h.ready === 'True') c.ready += delta;
    else c.notReady += delta;
    if (c.ready === 0 && c.notReady === 0) this.zoneCounts.delete(h.zone);
    if (!this.disruptionCheck) {
      this.disruptionCheck = this.atNextTick('node-lifecycle:disruption', () => {
        this.disruptionCheck = undefined;
        this.handleDisruption();
      });
    }
  }

  private handleDisruption(): void {
    const now = this.clock.now();
    const newStates = new Map<string, ZoneState>();
    for (const [zone, c] of [...this.zoneCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      newStates.set(zone, computeZoneState(c.ready, c.notReady, UNHEALTHY_ZONE_THRESHOLD));
    }
    let allAre = true;
    for (const [zone, s] of newStates) {
      if (s !== 'FullDisruption') allAre = false;
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWas = true;
    for (const [zone, s] of [...this.zoneStates]) {
      if (!newStates.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (s !== 'FullDisruption') {
        allWas = false;
        break;
      }
    }
    if (allAre && allWas) return;
    if (allAre) {
      // Every node is silent: more likely the control plane lost the network than every node died.
      for (const node of (this.api.list('Node') as Node[])) this.markNodeAsReachable(node.metadata!.name!);
      for (const zone of this.zoneStates.keys()) {
        this.tainter(zone).swapLimiter(0, now);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWas) {
      for (const h of this.health.values()) h.seenAt = now;
      for (const zone of [...this.zoneStates.keys()]) {
        this.setLimiter(zone, newStates.get(zone)!);
        this.zoneStates.set(zone, newStates.get(zone)!);
      }
      // Upstream's periodic passes would now queue the still-silent nodes for tainting.
      for (const h of this.health.values()) {
        this.armDeadline(h);
        if (h.ready !== 'True' && h.ready !== '') this.schedulePass(h, nextMonitorTick(now + 1));
      }
      return;
    }
    for (const [zone, s] of [...this.zoneStates]) {
      const next = newStates.get(zone)!;
      if (s === next) continue;
      this.setLimiter(zone, next);
      this.zoneStates.set(zone, next);
    }
  }

  private setLimiter(zone: string, state: ZoneState): void {
    const c = this.zoneCounts.get(zone);
    const size = c ? c.ready + c.notReady : 0;
    let qps = NODE_EVICTION_RATE;
    if (state === 'PartialDisruption') qps = size > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0;
    const tainter = this.tainter(zone);
    tainter.swapLimiter(qps, this.clock.now());
    if (tainter.size > 0) this.scheduleTaintPass(zone, this.clock.now());
  }

  // ---- helpers -----------------------------------------------------------------------------

  private atNextTick(label: string, fn: () => void): TimerHandle {
    return this.clock.at(nextMonitorTick(this.clock.now()), label, fn);
  }

  /** Node events reference the node by kind, name and uid; they land in the default namespace. */
  private nodeEvent(node: Node | KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata!.name, uid: node.metadata!.uid } } as KObject;
    this.ctx.recorder.event(ref, type, reason, message, NODE_CONTROLLER_SOURCE);
  }
}

/** Does the node need its condition taints or beta labels brought up to date? */
function needsNodeProcessing(node: Node): boolean {
  const { add, remove } = noScheduleTaintDiff(node);
  if (add.length || remove.length) return true;
  const labels = node.metadata?.labels ?? {};
  return LABEL_PAIRS.some(([ga, beta]) => ga in labels && labels[beta] !== labels[ga]);
}
