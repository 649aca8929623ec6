import type { Node, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer, WatchEvent } from '../api/apiServer';
import { deepEqual } from '../api/equal';
import { ApiError } from '../api/errors';
import { objectKey, type KObject } from '../api/object';
import type { TimerHandle } from '../clock/simClock';
import type { ControllerContext } from '../controllers/controller';
import { SchedulingAlgorithm, type CycleResult } from './algorithm';
import { SchedulerCache } from './cache';
import { DecisionLog, type Decision } from './decisions';
import { fitErrorMessage, truncateMessage } from './fitError';
import { DEFAULT_SCHEDULER_NAME, NOTE_LENGTH_LIMIT } from './framework';
import { mayHelp, pluginsInterestedIn, type ClusterEvent, type NodeChanges } from './hints';
import { podInfoOf, type PodInfo } from './podInfo';
import { preempt, type Candidate } from './preemption';
import { evictVictims, patchScheduledCondition } from './podWrites';
import { ANN_SELECTED_NODE, isClaimBound, podClaimNames, type VolumePlan } from './plugins/volumeBinding';
import type { CycleContext } from './plugins/types';
import { SchedulingQueue, UNSCHEDULABLE_FLUSH_PERIOD_MS, type QueuedPod } from './queue';

export type { Decision, NodeVerdict } from './decisions';

/** How long after a pod becomes schedulable the scheduler acts on it (its reaction time). */
export const SCHEDULE_LATENCY_MS = 10;
/** Pods scheduled per drain; the rest follow a millisecond later, so a burst does not block the tab. */
const BATCH = 500;
/** bindTimeoutSeconds of VolumeBinding: how long PreBind waits for the PV controller. */
export const BIND_TIMEOUT_MS = 600_000;

const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';
const EMPTY: readonly PodInfo[] = [];

interface WaitingBind {
  qp: QueuedPod;
  node: string;
  claims: string[];
  timer: TimerHandle;
}

/**
 * kube-scheduler with the default profile: watches Nodes and Pods into an incremental cache,
 * queues pending pods by priority with per-pod back-off, filters and scores nodes with the
 * default plugins, preempts lower-priority pods when that helps, and binds through the
 * pods/binding subresource. Every decision is remembered for the UI (`lastDecision`).
 */
export class Scheduler {
  readonly name = DEFAULT_SCHEDULER_NAME;
  readonly cache = new SchedulerCache();
  readonly queue = new SchedulingQueue();
  readonly algorithm: SchedulingAlgorithm;
  private readonly decisions = new DecisionLog();
  /** Pods nominated to a node by preemption: node → pod key → pod. */
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly waiting = new Map<string, WaitingBind>();
  private readonly gatedToMark = new Set<string>();
  private drainTimer: TimerHandle | undefined;
  private backoffTimer: { at: number; timer: TimerHandle } | undefined;
  private flushTimer: TimerHandle | undefined;
  private bindCheckTimer: TimerHandle | undefined;
  private readonly ctx: Cycle;

  constructor(private readonly cc: ControllerContext) {
    this.algorithm = new SchedulingAlgorithm(this.cache, cc.rng);
    this.ctx = new Cycle(this.cache, cc.api, (ns) => cc.api.get('Namespace', undefined, ns)?.metadata.labels, (node) => this.nominatedOn(node));
    for (const n of cc.api.list('Node')) this.onNode({ type: 'ADDED', object: n });
    for (const p of cc.api.list('Pod')) this.onPod({ type: 'ADDED', object: p });
    cc.api.watch('Node', (ev) => this.guard(() => this.onNode(ev)));
    cc.api.watch('Pod', (ev) => this.guard(() => this.onPod(ev)));
    for (const kind of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass']) {
      cc.api.watch(kind, (ev) => this.guard(() => this.onStorage(ev)));
    }
    cc.api.watch('Namespace', (ev) => this.guard(() => {
      if (ev.type === 'MODIFIED' && !deepEqual(ev.old?.metadata.labels, ev.object.metadata.labels)) this.onClusterEvent({ kind: 'NamespaceChange' });
    }));
  }

  /** Why the pod went where it went, or why it is still pending (the latest decision). */
  lastDecision(namespace: string, name: string): Decision | undefined {
    return this.decisions.get(`${namespace}/${name}`);
  }

  /** Pods waiting in the queue (active, backing off, parked or gated). */
  pendingPods(): number {
    return this.queue.activeCount + this.queue.backoffCount + this.queue.unschedulable.size + this.queue.gated.size;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.cc.reportError(this.name, err);
    }
  }

  // ---- watch handlers: they update the cache and the queue, and arm timers; never write -----

  private onNode(ev: WatchEvent): void {
    const node = ev.object as Node & KObject;
    const name = node.metadata!.name!;
    if (ev.type === 'DELETED') {
      this.cache.removeNode(name);
      return;
    }
    const existed = this.cache.nodes.get(name);
    if (!existed) {
      const ni = this.cache.upsertNode(node);
      this.cache.adoptPodsOf(ni);
      this.onClusterEvent({ kind: 'NodeAdd', node: ni });
      return;
    }
    const old = existed.node;
    if (old === node) return;
    const changed: NodeChanges = {
      labels: old.metadata?.labels !== node.metadata?.labels && !deepEqual(old.metadata?.labels, node.metadata?.labels),
      taints: old.spec?.taints !== node.spec?.taints && !deepEqual(old.spec?.taints, node.spec?.taints),
      unschedulable: (old.spec?.unschedulable === true) !== (node.spec?.unschedulable === true),
      allocatable: old.status?.allocatable !== node.status?.allocatable && !deepEqual(old.status?.allocatable, node.status?.allocatable),
    };
    const imagesChanged = old.status?.images !== node.status?.images;
    if (!changed.labels && !changed.taints && !changed.unschedulable && !changed.allocatable && !imagesChanged) {
      existed.node = node;
      return;
    }
    const ni = this.cache.upsertNode(node);
    if (changed.labels || changed.taints || changed.unschedulable || changed.allocatable) this.onClusterEvent({ kind: 'NodeUpdate', node: ni, old, changed });
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod & KObject;
    const key = objectKey(pod);
    const uid = pod.metadata!.uid!;
    if (ev.type === 'DELETED') {
      this.forgetPending(key);
      this.cancelWaiting(uid);
      const gone = this.cache.removePod(uid);
      if (gone && !gone.terminal) this.onClusterEvent({ kind: 'AssignedPodDelete', pod: gone });
      return;
    }
    // Most pod updates are the kubelet's status writes to a bound pod: nothing the scheduler
    // caches (spec, labels, phase, deletion) changed, so there is nothing to do.
    const old = ev.old;
    if (
      ev.type === 'MODIFIED' && old && pod.spec?.nodeName && old.spec === pod.spec && old.metadata.labels === pod.metadata.labels &&
      old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp && old.status?.phase === pod.status?.phase &&
      this.cache.podInfo(uid) && !this.cache.assumed.has(uid)
    ) {
      return;
    }
    const info = podInfoOf(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      if (this.queue.get(key)) this.queue.delete(key);
      this.decisions.settle(key);
      this.removeNominated(key);
      const prev = this.cache.podInfo(uid);
      if (info.terminal) {
        // A finished pod frees its resources at once (the scheduler cache drops terminal pods).
        if (prev) {
          this.cache.removePod(uid);
          this.onClusterEvent({ kind: 'AssignedPodDelete', pod: prev });
        }
        return;
      }
      this.cache.addPod(info, nodeName);
      if (!prev || this.cache.assumed.has(uid)) this.onClusterEvent({ kind: 'AssignedPodAdd', pod: info });
      else if (prev !== info) this.onClusterEvent({ kind: 'AssignedPodUpdate', pod: info, old: prev });
      this.cache.assumed.delete(uid);
      return;
    }
    if (info.schedulerName !== this.name) return;
    if (info.terminal || info.pod.metadata?.deletionTimestamp) {
      this.forgetPending(key);
      return;
    }
    if (this.waiting.has(uid) || this.cache.assumed.has(uid)) return;
    const gated = (pod.spec?.schedulingGates ?? []).length > 0;
    const nnn = pod.status?.nominatedNodeName;
    if (nnn) this.setNominated(info, nnn);
    else this.removeNominated(key);
    const qp = this.queue.get(key);
    if (!qp) {
      this.queue.add(info, this.cc.clock.now(), gated);
      if (gated) this.markGated(key);
    } else if (ev.old && podChangedForScheduling(ev.old as Pod, pod)) {
      this.queue.update(qp, info, this.cc.clock.now(), gated);
      if (gated) this.markGated(key);
    } else {
      qp.info = info;
    }
    this.armDrain(SCHEDULE_LATENCY_MS);
  }

  private onStorage(ev: WatchEvent): void {
    if (ev.object.kind === 'PersistentVolumeClaim' && this.waiting.size > 0) this.armBindCheck();
    if (ev.type !== 'DELETED') this.onClusterEvent({ kind: 'StorageChange' });
  }

  private forgetPending(key: string): void {
    if (this.queue.get(key)) this.queue.delete(key);
    this.decisions.settle(key);
    this.removeNominated(key);
    this.gatedToMark.delete(key);
  }

  /** MoveAllToActiveOrBackoffQueue, filtered by the queueing hints of each parked pod. */
  private onClusterEvent(ev: ClusterEvent): void {
    if (this.queue.unschedulable.size === 0) return;
    const interested = pluginsInterestedIn(ev);
    const nsLabels = this.ctx.nsLabels;
    const now = this.cc.clock.now();
    let moved = 0;
    for (const qp of this.queue.parked()) {
      if (qp.unschedulablePlugins.size > 0 && !interested.some((p) => qp.unschedulablePlugins.has(p))) continue;
      if (!mayHelp(qp.info, qp.unschedulablePlugins, ev, nsLabels)) continue;
      this.queue.moveToActiveOrBackoff(qp, now);
      moved++;
    }
    if (moved) {
      this.armDrain(SCHEDULE_LATENCY_MS);
      this.armBackoff();
    }
  }

  // ---- nominated pods -------------------------------------------------------------------------

  private setNominated(info: PodInfo, node: string): void {
    this.removeNominated(info.key);
    let m = this.nominated.get(node);
    if (!m) this.nominated.set(node, (m = new Map()));
    m.set(info.key, info);
  }

  private removeNominated(key: string): void {
    if (this.nominated.size === 0) return;
    for (const [node, m] of this.nominated) {
      if (m.delete(key) && m.size === 0) this.nominated.delete(node);
    }
  }

  private nominatedOn(node: string): readonly PodInfo[] {
    if (this.nominated.size === 0) return EMPTY;
    const m = this.nominated.get(node);
    if (!m) return EMPTY;
    const pod = this.ctx.pod;
    let out: PodInfo[] | undefined;
    for (const p of m.values()) if (p.key !== pod.key && p.priority >= pod.priority) (out ??= []).push(p);
    return out ?? EMPTY;
  }

  // ---- timers ---------------------------------------------------------------------------------

  private armDrain(delay: number): void {
    if (this.drainTimer || this.queue.activeCount === 0) {
      if (!this.drainTimer && this.gatedToMark.size > 0) this.drainTimer = this.cc.clock.after(delay, 'scheduler', () => this.drain());
      return;
    }
    this.drainTimer = this.cc.clock.after(delay, 'scheduler', () => this.drain());
  }

  private armBackoff(): void {
    const at = this.queue.nextBackoffExpiry();
    if (at === undefined) return;
    if (this.backoffTimer && this.backoffTimer.at <= at) return;
    if (this.backoffTimer) this.cc.clock.cancel(this.backoffTimer.timer);
    const timer = this.cc.clock.at(at, 'scheduler:backoff', () => this.guard(() => {
      this.backoffTimer = undefined;
      if (this.queue.flushBackoff(this.cc.clock.now()) > 0) this.armDrain(0);
      this.armBackoff();
    }));
    this.backoffTimer = { at, timer };
  }

  /**
   * The periodic retry of parked pods. It is a background timer: retrying a pod that nothing
   * can help does not change the cluster's story, so it must not keep "run until quiet" going.
   */
  private armFlush(): void {
    if (this.flushTimer || this.queue.unschedulable.size === 0) return;
    this.flushTimer = this.cc.clock.after(UNSCHEDULABLE_FLUSH_PERIOD_MS, 'scheduler:flush-unschedulable', () => this.guard(() => {
      this.flushTimer = undefined;
      if (this.queue.flushUnschedulableLeftover(this.cc.clock.now()) > 0) {
        this.armDrain(0);
        this.armBackoff();
      }
      this.armFlush();
    }), { background: true });
  }

  private armBindCheck(): void {
    if (this.bindCheckTimer) return;
    this.bindCheckTimer = this.cc.clock.after(0, 'scheduler:prebind', () => this.guard(() => {
      this.bindCheckTimer = undefined;
      for (const uid of [...this.waiting.keys()]) this.checkWaiting(uid);
    }));
  }

  private markGated(key: string): void {
    this.gatedToMark.add(key);
    this.armDrain(SCHEDULE_LATENCY_MS);
  }

  // ---- the scheduling loop --------------------------------------------------------------------

  private drain(): void {
    this.drainTimer = undefined;
    this.guard(() => this.writeGatedConditions());
    let n = 0;
    while (n < BATCH) {
      const qp = this.queue.pop();
      if (!qp) break;
      n++;
      try {
        this.scheduleOne(qp);
      } catch (err) {
        this.cc.reportError(this.name, err);
        if (this.queue.get(qp.key) === qp) this.queue.addBackoff(qp, this.cc.clock.now());
      }
    }
    if (this.queue.activeCount > 0) this.armDrain(1);
    this.armBackoff();
    this.armFlush();
  }

  /** Gated pods show PodScheduled=False, reason SchedulingGated (what the API server sets at creation). */
  private writeGatedConditions(): void {
    for (const key of this.gatedToMark) {
      const qp = this.queue.get(key);
      if (!qp || qp.where !== 'gated') continue;
      const pod = qp.info.pod;
      const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      if (cond?.status === 'False' && cond.reason === 'SchedulingGated') continue;
      patchScheduledCondition(this.cc, pod, 'SchedulingGated', SCHEDULING_GATED_MESSAGE);
    }
    this.gatedToMark.clear();
  }

  private scheduleOne(qp: QueuedPod): void {
    const api = this.cc.api;
    const stored = api.store.getByKey('Pod', qp.key) as (Pod & KObject) | undefined;
    if (!stored || stored.metadata.uid !== qp.info.uid || stored.spec?.nodeName || stored.metadata.deletionTimestamp) {
      this.queue.done(qp);
      return;
    }
    const info = podInfoOf(stored);
    qp.info = info;
    qp.attempts++;
    this.ctx.pod = info;
    this.ctx.anyNominated = this.nominated.size > 0;
    const now = this.cc.clock.now();
    const result = this.algorithm.schedule(this.ctx, stored.status?.nominatedNodeName);
    if (result.kind === 'scheduled') {
      this.assumeAndBind(qp, info, result);
      return;
    }
    this.handleUnschedulable(qp, info, result, now);
  }

  private assumeAndBind(qp: QueuedPod, info: PodInfo, result: Extract<CycleResult, { kind: 'scheduled' }>): void {
    const node = result.node;
    const plan = this.algorithm.volumeBinding.planOn(this.ctx, node) ?? { staticBindings: [], provision: [] };
    this.cache.addPod(info, node.name);
    this.cache.assumed.add(info.uid);
    this.removeNominated(info.key);
    this.decisions.record(
      info.key,
      {
        time: this.cc.clock.now(),
        outcome: 'Scheduled',
        node: node.name,
        nodesEvaluated: result.evaluated,
        message: `Successfully assigned ${info.namespace}/${info.name} to ${node.name}`,
        diagnosis: result.diagnosis,
        feasible: result.feasible,
        scores: result.scores,
      },
      false,
    );
    const claims = podClaimNames(this.ctx).map((c) => c.name);
    if (plan.staticBindings.length + plan.provision.length > 0 || claims.some((c) => !this.claimBound(info.namespace, c))) {
      this.preBindVolumes(qp, info, node.name, plan, claims);
      return;
    }
    this.bind(qp, info, node.name);
  }

  private claimBound(ns: string, name: string): boolean {
    const pvc = this.cc.api.get('PersistentVolumeClaim', ns, name) as PersistentVolumeClaim | undefined;
    return !!pvc && isClaimBound(pvc);
  }

  /**
   * VolumeBinding's PreBind: pre-bind matching static volumes and ask for provisioning on the
   * chosen node (annotation volume.kubernetes.io/selected-node), then wait for the PV controller
   * to bind every claim before the pod itself is bound.
   */
  private preBindVolumes(qp: QueuedPod, info: PodInfo, node: string, plan: VolumePlan, claims: string[]): void {
    const api = this.cc.api;
    for (const { pvc, pv } of plan.staticBindings) {
      if (pv.spec?.claimRef) continue;
      api.patch('PersistentVolume', undefined, pv.metadata!.name!, (d: any) => {
        d.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: pvc.metadata!.namespace, name: pvc.metadata!.name, uid: pvc.metadata!.uid, resourceVersion: pvc.metadata!.resourceVersion };
        d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
      });
    }
    for (const pvc of plan.provision) {
      if (pvc.metadata?.annotations?.[ANN_SELECTED_NODE] === node) continue;
      api.patchMetadata('PersistentVolumeClaim', pvc.metadata!.namespace, pvc.metadata!.name!, (m) => {
        m.annotations = { ...(m.annotations ?? {}), [ANN_SELECTED_NODE]: node };
      });
    }
    const timer = this.cc.clock.after(BIND_TIMEOUT_MS, 'scheduler:bind-timeout', () => this.guard(() => {
      const w = this.waiting.get(info.uid);
      if (!w) return;
      this.waiting.delete(info.uid);
      this.bindingFailed(w.qp, info, 'binding volumes: context deadline exceeded');
    }));
    this.waiting.set(info.uid, { qp, node, claims, timer });
    this.checkWaiting(info.uid);
  }

  private checkWaiting(uid: string): void {
    const w = this.waiting.get(uid);
    if (!w) return;
    const info = w.qp.info;
    if (!w.claims.every((c) => this.claimBound(info.namespace, c))) return;
    this.waiting.delete(uid);
    this.cc.clock.cancel(w.timer);
    this.bind(w.qp, info, w.node);
  }

  private cancelWaiting(uid: string): void {
    const w = this.waiting.get(uid);
    if (!w) return;
    this.cc.clock.cancel(w.timer);
    this.waiting.delete(uid);
  }

  /** DefaultBinder: the pods/binding subresource, then the Scheduled event. */
  private bind(qp: QueuedPod, info: PodInfo, node: string): void {
    try {
      this.cc.api.bind(info.namespace, info.name, node);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.bindingFailed(qp, info, err.message);
      return;
    }
    this.queue.done(qp);
    this.cc.recorder.event(info.pod as KObject, 'Normal', 'Scheduled', `Successfully assigned ${info.namespace}/${info.name} to ${node}`, this.name);
  }

  /** handleBindingCycleError: forget the assumed pod and retry it after its back-off. */
  private bindingFailed(qp: QueuedPod, info: PodInfo, message: string): void {
    const wasAssumed = this.cache.assumed.has(info.uid);
    if (wasAssumed) this.cache.removePod(info.uid);
    const stored = this.cc.api.store.getByKey('Pod', info.key) as (Pod & KObject) | undefined;
    if (!stored || stored.metadata.uid !== info.uid || stored.spec?.nodeName) {
      this.queue.done(qp);
      return;
    }
    if (wasAssumed) this.onClusterEvent({ kind: 'AssignedPodDelete', pod: info });
    const now = this.cc.clock.now();
    if (this.queue.get(qp.key) !== qp) return;
    this.queue.addBackoff(qp, now);
    this.decisions.record(info.key, { time: now, outcome: 'Unschedulable', nodesEvaluated: 0, message }, true);
    this.cc.recorder.event(stored, 'Warning', 'FailedScheduling', truncateMessage(message, NOTE_LENGTH_LIMIT), this.name);
    patchScheduledCondition(this.cc, stored, 'SchedulerError', message);
    this.armBackoff();
  }

  /** handleSchedulingFailure: preempt if it helps, park the pod, tell the user why. */
  private handleUnschedulable(qp: QueuedPod, info: PodInfo, result: Exclude<CycleResult, { kind: 'scheduled' }>, now: number): void {
    let message: string;
    let plugins: ReadonlySet<string> = new Set();
    let nominate: string | undefined;
    let candidate: Candidate | undefined;
    if (result.kind === 'noNodes') {
      message = 'no nodes available to schedule pods';
      this.decisions.record(info.key, { time: now, outcome: 'Unschedulable', nodesEvaluated: 0, message }, true);
    } else {
      const d = result.diagnosis;
      const outcome = preempt(this.ctx, this.algorithm, this.cache, d);
      d.postFilterMsg = outcome.message;
      candidate = outcome.candidate;
      nominate = candidate?.node.name;
      message = fitErrorMessage(d);
      plugins = d.unschedulablePlugins;
      this.decisions.record(info.key, { time: now, outcome: 'Unschedulable', nodesEvaluated: result.evaluated, message, diagnosis: d }, true);
    }
    this.queue.addUnschedulable(qp, now, plugins);
    if (candidate) evictVictims(this.cc, info, candidate, this.nominated.get(candidate.node.name));
    this.cc.recorder.event(info.pod as KObject, 'Warning', 'FailedScheduling', truncateMessage(message, NOTE_LENGTH_LIMIT), this.name);
    patchScheduledCondition(this.cc, info.pod, 'Unschedulable', message, nominate ?? '');
    if (nominate) this.setNominated(info, nominate);
    this.armFlush();
  }

}

/** The scheduling cycle's context: the pod being scheduled changes from one cycle to the next. */
class Cycle implements CycleContext {
  pod!: PodInfo;
  anyNominated = false;
  constructor(
    readonly cache: SchedulerCache,
    readonly api: ApiServer,
    readonly nsLabels: (ns: string) => Record<string, string> | undefined,
    readonly nominatedOn: (node: string) => readonly PodInfo[],
  ) {}
}

/** isPodUpdated: a change that is not only status or bookkeeping, so the pod deserves a new attempt. */
function podChangedForScheduling(old: Pod, pod: Pod): boolean {
  if (old.spec !== pod.spec && !deepEqual(old.spec, pod.spec)) return true;
  const om = old.metadata ?? {};
  const nm = pod.metadata ?? {};
  if (om.labels !== nm.labels && !deepEqual(om.labels, nm.labels)) return true;
  if (om.annotations !== nm.annotations && !deepEqual(om.annotations, nm.annotations)) return true;
  return false;
}

export function startScheduler(ctx: ControllerContext): Scheduler {
  return new Scheduler(ctx);
}
