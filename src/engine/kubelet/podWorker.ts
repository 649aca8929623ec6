import type { LifecycleHandler, Pod } from 'kubernetes-types/core/v1';
import type { TimerHandle } from '../clock/simClock';
import type { ControllerContext } from '../controllers/controller';
import type { KObject } from '../api/object';
import { ApiError } from '../api/errors';
import { parseQuantity } from '../api/quantity';
import { goDuration, rfc3339, SECOND } from '../time';
import type { Backoff } from './backoff';
import { ContainerInstance, ContainerRun, type Termination } from './container';
import { ContainerConfigError, containerEnv, expandRefs, type EnvContext } from './env';
import { containerBaseFiles } from './imageFiles';
import type { NodeImageStore, PulledImage } from './images/imageStore';
import { defaultPullPolicy, InvalidReference, parseImageRef, type ImageRef } from './images/reference';
import type { PodIPAllocator } from './ipam';
import { commandsFor } from './program/commands/index';
import { FsLayer, FsView, StaticSource } from './program/filesystem';
import { planProgram, ProgramInstance, type ProgramSpec } from './program/instance';
import type { LogLine } from './program/logs';
import type { Listener, World } from './program/runtime';
import { ProbeSet, type ProbeKind } from './probes';
import { generatePodStatus } from './podStatus';
import {
  CONTAINER_START_MS,
  MINIMUM_GRACE_MS,
  MOUNT_RETRY_INITIAL_MS,
  MOUNT_RETRY_MAX_MS,
  MOUNT_WAIT_TIMEOUT_MS,
  PLEG_RELIST_MS,
  POD_CLEANUP_MS,
  POD_SYNC_DELAY_MS,
  SANDBOX_CREATE_MS,
  SANDBOX_JITTER_MS,
  SYNC_RETRY_MS,
} from './timings';
import { containerMounts, setUpVolumes, volumeProblems, type Storage, type VolumeSource } from './volumes';
import { podWorld, type ServiceDirectory } from './world';
import { hash32 } from './program/commands/util';
import { deepFreeze } from './timestamps';

/** How `kubectl exec` runs a command: with a terminal or not, and through which network. */
export interface ExecOptions {
  tty?: boolean;
  /** Wraps the pod's view of the network (kubectl exec's requests are real, recorded traffic). */
  world?: (podWorld: World) => World;
}

/** What an exec'd command printed: each stream, and both in the order a terminal shows them. */
export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  chunks: { fd: 1 | 2; text: string }[];
}

/** What a pod worker needs from its node's kubelet. */
export interface KubeletHost {
  readonly ctx: ControllerContext;
  readonly nodeName: string;
  readonly nodeIP: string;
  /** Allocatable cpu in cores and memory in bytes. */
  readonly nodeCpu: number;
  readonly nodeMemory: number;
  readonly images: NodeImageStore;
  readonly ipam: PodIPAllocator;
  readonly restartBackoff: Backoff;
  readonly pullBackoff: Backoff;
  readonly storage: Storage;
  readonly directory: ServiceDirectory;
  /** The kubelet is running (not stopped by chaos). */
  running(): boolean;
  event(pod: KObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  markDirty(w: PodWorker): void;
  /** The worker is done (its pod is gone from the API). */
  forget(w: PodWorker): void;
  /** Note that the worker waits on objects of this namespace (ConfigMaps, Secrets, claims, Services). */
  watchNamespace(w: PodWorker, namespace: string): void;
  serviceHttp(namespace: string, name: string, port: number, path: string, t: number): { status: number; body: string } | undefined;
  /** Extra CPU from served requests, in millicores (set by the traffic model). */
  requestCpu(w: PodWorker): number;
}

/** RFC 1123 hostnames are at most 63 characters (the kubelet truncates long pod names). */
function podHostname(pod: Pod): string {
  return (pod.spec!.hostname ?? pod.metadata!.name!).slice(0, 63).replace(/[-.]+$/, '');
}

type Phase = 'Succeeded' | 'Failed';

/**
 * The kubelet's pod worker for one pod (pkg/kubelet/pod_workers.go with the SyncPod of
 * kuberuntime_manager.go): admission, volumes, the sandbox, init containers in order, image
 * pulls, container starts and restarts with back-off, probes, and graceful termination. It is
 * driven by timers on the simulated clock; each container's program says when it will exit.
 */
export class PodWorker {
  pod: Pod;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly init: ContainerRun[];
  readonly regular: ContainerRun[];
  private readonly timers = new Set<TimerHandle>();
  private wake?: { at: number; timer: TimerHandle; background: boolean };
  private readonly firstSeen: number;
  startTime?: number;
  private admitted = false;
  private rejected?: { reason: string; message: string };
  private volumes?: Map<string, VolumeSource>;
  private mount?: { attempt: number; since: number; nextAt: number; waitReported: number };
  private sandbox?: { ip: string; ready: boolean };
  private chainActive = false;
  private chainToken = 0;
  private terminating?: { deadline: number; sidecarsStopped: boolean; cleanup?: TimerHandle };
  private completing = false;
  terminal?: { phase: Phase; reason?: string; message?: string; deleted?: boolean };
  private deadlineTimer?: TimerHandle;
  removed = false;
  private readonly podFiles: Map<string, () => ReadonlyMap<string, string>> = new Map();
  /** Problems waiting on other objects: re-check when the namespace changes. */
  private waitingOnObjects = false;
  /** An object of the namespace changed since the pod started waiting: its next retry counts. */
  private objectsAppeared = false;

  constructor(
    private readonly host: KubeletHost,
    pod: Pod,
  ) {
    this.pod = pod;
    this.uid = pod.metadata!.uid!;
    this.namespace = pod.metadata!.namespace ?? 'default';
    this.name = pod.metadata!.name!;
    this.firstSeen = host.ctx.clock.now();
    this.init = (pod.spec!.initContainers ?? []).map((c) => new ContainerRun(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init'));
    this.regular = pod.spec!.containers.map((c) => new ContainerRun(c, 'regular'));
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') this.terminal = { phase };
    this.scheduleSync(POD_SYNC_DELAY_MS);
  }

  private get clock() {
    return this.host.ctx.clock;
  }

  private now(): number {
    return this.clock.now();
  }

  get key(): string {
    return `${this.namespace}/${this.name}`;
  }

  get podIP(): string | undefined {
    return this.pod.spec!.hostNetwork ? this.host.nodeIP : this.sandbox?.ip;
  }

  /** The pod's requests were admitted on this node (they count against its allocatable). */
  get holdsResources(): boolean {
    return this.admitted && !this.terminal;
  }

  private get containers(): ContainerRun[] {
    return [...this.init, ...this.regular];
  }

  // ---- timers ------------------------------------------------------------------------------

  private after(ms: number, label: string, fn: () => void, background = false): TimerHandle {
    const t = this.clock.after(
      ms,
      label,
      () => {
        this.timers.delete(t);
        if (this.removed || !this.host.running()) return;
        try {
          fn();
        } catch (e) {
          this.host.ctx.reportError(`kubelet/${this.host.nodeName}`, e);
        }
      },
      { background },
    );
    this.timers.add(t);
    return t;
  }

  private cancel(t: TimerHandle | undefined): void {
    if (!t) return;
    this.clock.cancel(t);
    this.timers.delete(t);
  }

  /** Asks for a sync at now + delay (the earliest request wins; foreground beats background). */
  scheduleSync(delay: number, background = false): void {
    const at = this.now() + Math.max(0, delay);
    if (this.wake && (this.wake.at < at || (this.wake.at === at && (!this.wake.background || background)))) return;
    if (this.wake) this.cancel(this.wake.timer);
    const timer = this.after(at - this.now(), 'kubelet:sync', () => {
      this.wake = undefined;
      this.sync();
    }, background);
    this.wake = { at, timer, background };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, cr?: ContainerRun): void {
    this.host.event(this.pod as KObject, type, reason, message, cr?.fieldPath);
  }

  private dirty(): void {
    this.host.markDirty(this);
  }

  private get podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }

  // ---- watch input -------------------------------------------------------------------------

  /** A new version of the pod from the watch. */
  update(pod: Pod): void {
    const old = this.pod;
    this.pod = pod;
    if (this.removed) return;
    if (pod.metadata!.deletionTimestamp && (!old.metadata!.deletionTimestamp || pod.metadata!.deletionGracePeriodSeconds !== old.metadata!.deletionGracePeriodSeconds)) {
      this.scheduleSync(0);
      return;
    }
    if (pod.spec !== old.spec) {
      // Only images may change in place: a changed container is killed and started again.
      for (const cr of this.containers) {
        const spec = [...(pod.spec!.initContainers ?? []), ...pod.spec!.containers].find((c) => c.name === cr.name);
        if (!spec || spec.image === cr.spec.image) {
          if (spec) cr.spec = spec;
          continue;
        }
        cr.spec = spec;
        cr.retryAt = undefined;
        if (cr.waiting && cr.waiting.reason !== 'CrashLoopBackOff') cr.waiting = undefined;
        if (cr.current?.running && !this.terminal) this.stopContainer(cr, 'definition', this.graceMs());
      }
      this.scheduleSync(0);
    }
  }

  /** The pod's API object is gone: everything stops without a trace. */
  remove(): void {
    if (this.removed) return;
    for (const cr of this.containers) {
      cr.cancelPull?.();
      const inst = cr.current;
      if (inst?.running) this.finishInstance(cr, inst, { at: this.now(), code: 137, oom: false, reason: 'Error' }, false);
      inst?.probes?.stop();
    }
    this.removed = true;
    for (const t of [...this.timers]) this.cancel(t);
    this.releaseSandbox();
    this.host.restartBackoff.deletePrefix(`${this.uid}/`);
    this.host.pullBackoff.deletePrefix(`${this.uid}_`);
    this.host.forget(this);
  }

  /** Objects this pod waits on may have appeared: make the pending retry count. */
  objectsChanged(): void {
    if (this.removed || !this.host.running()) return;
    if (this.waitingOnObjects) {
      // The retry already planned may now succeed: it counts (a foreground timer).
      this.objectsAppeared = true;
      for (const cr of this.containers) cr.retryQuietly = false;
      if (this.wake?.background) this.scheduleSync(Math.max(0, this.wake.at - this.now()), false);
    }
    // Programs that asked the world (DNS, HTTP) may now get other answers: plan them again.
    for (const cr of this.containers) {
      const i = cr.current;
      if (i?.plan.worldDependent && i.running) this.replan(cr, i);
    }
  }

  // ---- the sync loop -----------------------------------------------------------------------

  sync(): void {
    if (this.removed || !this.host.running()) return;
    const pod = this.pod;
    if (this.terminal) {
      if (pod.metadata!.deletionTimestamp) this.beginTermination();
      return;
    }
    if (pod.metadata!.deletionTimestamp) {
      this.beginTermination();
      return;
    }
    if (this.rejected) return;
    if (!this.admitted && !this.admit()) return;
    if (this.startTime === undefined) {
      this.startTime = this.now();
      this.dirty();
      this.armDeadline();
    }
    if (!this.volumes && !this.mountVolumes()) return;
    if (!this.sandbox) {
      this.createSandbox();
      return;
    }
    if (!this.sandbox.ready || this.chainActive || this.completing) return;
    this.startWhatShouldRun();
  }

  /** Node admission (lifecycle/predicate.go): resources must fit what the node has left. */
  private admit(): boolean {
    const fit = this.fits();
    if (fit === true) {
      this.admitted = true;
      return true;
    }
    const { resource, requested, used, capacity } = fit as { resource: string; requested: number; used: number; capacity: number };
    const reason = `OutOf${resource}`;
    const message = `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`;
    this.rejected = { reason, message };
    this.event('Warning', reason, message);
    this.terminal = { phase: 'Failed', reason, message: `Pod was rejected: ${message}` };
    this.dirty();
    return false;
  }

  /** Set by the kubelet: returns true or the first resource that does not fit. */
  fits: () => true | { resource: string; requested: number; used: number; capacity: number } = () => true;

  private armDeadline(): void {
    const ads = this.pod.spec!.activeDeadlineSeconds;
    if (ads === undefined || ads === null) return;
    this.deadlineTimer = this.after(Math.max(0, this.startTime! + ads * SECOND - this.now()), 'kubelet:active-deadline', () => {
      if (this.terminal || this.pod.metadata!.deletionTimestamp) return;
      const message = 'Pod was active on the node longer than the specified deadline';
      this.event('Normal', 'DeadlineExceeded', message);
      this.terminal = { phase: 'Failed', reason: 'DeadlineExceeded', message };
      for (const cr of this.containers) {
        cr.cancelPull?.();
        if (cr.current?.running) this.stopContainer(cr, 'deadline', this.graceMs());
      }
      this.dirty();
    });
  }

  // ---- volumes -----------------------------------------------------------------------------

  private mountVolumes(): boolean {
    const problems = volumeProblems(this.host.ctx.api, this.pod, this.host.storage);
    const now = this.now();
    if (problems.length === 0) {
      this.volumes = setUpVolumes({ api: this.host.ctx.api, pod: () => this.pod, env: () => this.envContext(), storage: this.host.storage, seen: this.firstSeen });
      this.mount = undefined;
      this.waitingOnObjects = false;
      this.objectsAppeared = false;
      return true;
    }
    this.waitingOnObjects = true;
    this.host.watchNamespace(this, this.namespace);
    const m = (this.mount ??= { attempt: 0, since: now, nextAt: now, waitReported: now });
    for (const p of problems) if (!p.claim) this.event('Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${p.volume}" : ${p.message}`);
    if (now - m.waitReported >= MOUNT_WAIT_TIMEOUT_MS) {
      // WaitForAttachAndMount gives up after two minutes and the pod worker tries again.
      const names = problems.map((p) => p.volume);
      const all = (this.pod.spec!.volumes ?? []).map((v) => v.name);
      const claims = problems.filter((p) => p.claim);
      const extra = claims.length ? `, failed to process volumes=[${claims.map((p) => p.volume).join(' ')}]: ${claims[0].message}` : ': timed out waiting for the condition';
      this.event('Warning', 'FailedMount', `Unable to attach or mount volumes: unmounted volumes=[${names.join(' ')}], unattached volumes=[${all.join(' ')}]${extra}`);
      m.waitReported = now;
    }
    const delay = Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** m.attempt, MOUNT_RETRY_MAX_MS);
    m.attempt++;
    // Retries that will fail again change nothing: they run in the background until an object appears.
    this.scheduleSync(delay, !this.objectsAppeared);
    this.objectsAppeared = false;
    return false;
  }

  // ---- sandbox -----------------------------------------------------------------------------

  private createSandbox(): void {
    this.sandbox = { ip: '', ready: false };
    const jitter = this.host.ctx.rng.int(SANDBOX_JITTER_MS);
    this.after(SANDBOX_CREATE_MS + jitter, 'kubelet:sandbox', () => {
      if (!this.sandbox || this.terminal) return;
      let ip = this.host.nodeIP;
      if (!this.pod.spec!.hostNetwork) {
        const allocated = this.host.ipam.allocate();
        if (!allocated) {
          this.event('Warning', 'FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="ptp" failed (add): failed to allocate for range 0: no IP addresses available in range set');
          this.sandbox = undefined;
          this.scheduleSync(SYNC_RETRY_MS);
          return;
        }
        ip = allocated;
      }
      this.sandbox = { ip, ready: true };
      // The pod IP shows at once only when containers do not start right away (a pull first).
      this.sync();
      if (!this.statusPending()) this.dirty();
    });
  }

  private releaseSandbox(): void {
    if (this.sandbox?.ip && !this.pod.spec!.hostNetwork) this.host.ipam.release(this.sandbox.ip);
    if (this.sandbox) this.sandbox = { ip: '', ready: false };
  }

  // ---- deciding what runs ------------------------------------------------------------------

  private restartPolicy(): string {
    return this.pod.spec!.restartPolicy ?? 'Always';
  }

  /** Whether an exited container starts again (sidecars always do). */
  private shouldRestart(cr: ContainerRun): boolean {
    const code = cr.current?.termination?.code ?? 0;
    if (cr.kind === 'sidecar') return true;
    const policy = this.restartPolicy();
    if (cr.kind === 'init') return code !== 0 && policy !== 'Never';
    return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
  }

  private anyRegularStarted(): boolean {
    return this.regular.some((cr) => !!cr.current);
  }

  private startWhatShouldRun(): void {
    const now = this.now();
    const toStart: ContainerRun[] = [];
    const regularStarted = this.anyRegularStarted();
    for (const cr of this.init) {
      if (cr.starting) return;
      if (cr.kind === 'sidecar') {
        if (cr.running) {
          if (!cr.current!.started && !regularStarted) return;
          continue;
        }
        const d = this.readyToStart(cr, now);
        if (d === 'start') {
          if (regularStarted) {
            toStart.push(cr);
            continue;
          }
          this.runChain([cr]);
          return;
        }
        if (!regularStarted) return;
        continue;
      }
      if (regularStarted || cr.succeeded) continue;
      if (cr.running) return;
      if (cr.current?.termination && !this.shouldRestart(cr)) {
        // An init container failed and the pod does not restart: the pod has failed.
        this.finishPod();
        return;
      }
      if (this.readyToStart(cr, now) === 'start') this.runChain([cr]);
      return;
    }
    for (const cr of this.regular) {
      if (cr.running || cr.starting) continue;
      if (cr.current?.termination && !this.shouldRestart(cr)) continue;
      if (this.readyToStart(cr, now) === 'start') toStart.push(cr);
    }
    if (toStart.length) this.runChain(toStart);
    else this.maybeComplete();
  }

  /**
   * Back-off before a restart (kuberuntime_manager.go doBackOff): the first restart is immediate,
   * later ones wait 10 s doubling to 5 minutes, counted from when the container finished.
   */
  private readyToStart(cr: ContainerRun, now: number): 'start' | 'wait' {
    if (cr.retryAt !== undefined && cr.retryAt > now) {
      // Infinity: nothing but a change of the pod spec (an update syncs the pod) can help.
      if (cr.retryAt !== Infinity) this.scheduleSync(cr.retryAt - now, cr.retryQuietly);
      return 'wait';
    }
    const t = cr.current?.termination;
    if (!t) return 'start';
    const key = this.backoffKey(cr);
    const bo = this.host.restartBackoff;
    if (bo.isInBackOffSince(key, t.at)) {
      const wait = bo.get(key);
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${cr.name} in pod ${this.podRef}`, cr);
      cr.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(wait)} restarting failed container=${cr.name} pod=${this.podRef}` };
      cr.retryAt = t.at + wait;
      this.dirty();
      this.scheduleSync(cr.retryAt - now);
      return 'wait';
    }
    bo.next(key, t.at);
    return 'start';
  }

  private backoffKey(cr: ContainerRun): string {
    return `${this.uid}/${cr.name}/${hash32(JSON.stringify(cr.spec))}`;
  }

  /** All regular containers ended for good: stop the sidecars, then the pod is finished. */
  private maybeComplete(): void {
    if (this.regular.length === 0 || this.completing) return;
    const done = this.regular.every((cr) => cr.current?.termination && !this.shouldRestart(cr));
    if (!done) return;
    this.finishPod();
  }

  private finishPod(): void {
    if (this.completing || this.terminal) return;
    this.completing = true;
    const running = this.containers.filter((cr) => cr.current?.running);
    for (const cr of this.containers) cr.cancelPull?.();
    if (running.length === 0) {
      this.becomeTerminal();
      return;
    }
    for (const cr of running) this.stopContainer(cr, 'completed', this.graceMs());
  }

  /** The pod will not run again: its phase is final, its sandbox goes. */
  private becomeTerminal(): void {
    const status = generatePodStatus(this.statusInput(true));
    this.terminal = { phase: status.phase === 'Succeeded' ? 'Succeeded' : 'Failed' };
    for (const cr of this.containers) cr.current?.probes?.stop();
    this.cancel(this.deadlineTimer);
    this.dirty();
    this.after(POD_CLEANUP_MS, 'kubelet:stop-sandbox', () => {
      // The sandbox goes: PodReadyToStartContainers turns False (the pod keeps its IP in the status).
      this.releaseSandbox();
      this.dirty();
    });
  }

  // ---- starting containers -----------------------------------------------------------------

  /** Starts containers one after the other, as SyncPod does (a slow pull delays the next). */
  private runChain(list: ContainerRun[]): void {
    this.chainActive = true;
    const token = ++this.chainToken;
    const next = () => {
      if (token !== this.chainToken || this.removed) return;
      const cr = list.shift();
      if (!cr) {
        this.chainActive = false;
        this.dirty();
        this.sync();
        return;
      }
      cr.starting = true;
      this.startContainer(cr, () => {
        cr.starting = false;
        if (token !== this.chainToken) return;
        // An init container that could not start stops the sequence.
        if (cr.kind !== 'regular' && !cr.running && cr.kind !== 'sidecar') {
          list.length = 0;
        }
        next();
      });
    };
    next();
  }

  private abortChain(): void {
    this.chainToken++;
    this.chainActive = false;
    for (const cr of this.containers) {
      cr.starting = false;
      cr.cancelPull?.();
      cr.cancelPull = undefined;
    }
  }

  private startContainer(cr: ContainerRun, done: () => void): void {
    const image = cr.spec.image ?? '';
    let ref: ImageRef;
    try {
      ref = parseImageRef(image);
    } catch (e) {
      if (!(e instanceof InvalidReference)) throw e;
      const msg = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${e.message}`;
      this.event('Warning', 'InspectFailed', msg, cr);
      this.event('Warning', 'Failed', 'Error: InvalidImageName', cr);
      cr.waiting = { reason: 'InvalidImageName', message: msg };
      cr.retryAt = Infinity;
      this.dirty();
      done();
      return;
    }
    const policy = cr.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = this.host.images.get(ref);
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        this.event('Normal', 'Pulled', `Container image "${image}" already present on machine and can be accessed by the pod`, cr);
        this.createContainer(cr, present, done);
        return;
      }
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.event('Warning', 'ErrImageNeverPull', msg, cr);
      this.event('Warning', 'Failed', 'Error: ErrImageNeverPull', cr);
      cr.waiting = { reason: 'ErrImageNeverPull', message: msg };
      cr.retryAt = this.now() + SYNC_RETRY_MS;
      cr.retryQuietly = true;
      this.dirty();
      done();
      return;
    }
    const key = `${this.uid}_${image}`;
    const bo = this.host.pullBackoff;
    const now = this.now();
    if (bo.isInBackOffSinceUpdate(key, now)) {
      this.showPullBackOff(cr, key);
      cr.retryAt = (bo.lastUpdate(key) ?? now) + bo.get(key);
      done();
      return;
    }
    this.event('Normal', 'Pulling', `Pulling image "${image}"`, cr);
    this.dirty();
    cr.cancelPull = this.host.images.pull(ref, (r) => {
      cr.cancelPull = undefined;
      if (this.removed || !this.host.running()) return;
      if (!r.ok) {
        this.event('Warning', 'Failed', `Failed to pull image "${image}": ${r.error}`, cr);
        bo.next(key, this.now());
        this.pullErrors.set(key, `ErrImagePull: ${r.error}`);
        this.event('Warning', 'Failed', 'Error: ErrImagePull', cr);
        cr.waiting = { reason: 'ErrImagePull', message: r.error };
        cr.retryAt = this.now() + bo.get(key);
        this.dirty();
        // The next sync (right after, prompted by the sandbox's PLEG event) finds the pull backing off.
        this.after(PLEG_RELIST_MS, 'kubelet:pull-backoff', () => {
          if (cr.waiting?.reason === 'ErrImagePull' && !cr.starting && !this.terminal) this.showPullBackOff(cr, key);
        });
        done();
        return;
      }
      this.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(r.pullMs)} (${goDuration(r.totalMs)} including waiting). Image size: ${r.image.info.size} bytes.`, cr);
      this.createContainer(cr, r.image, done);
    });
  }

  private readonly pullErrors = new Map<string, string>();

  private showPullBackOff(cr: ContainerRun, key: string): void {
    const image = cr.spec.image ?? '';
    const msg = `Back-off pulling image "${image}"`;
    this.event('Normal', 'BackOff', msg, cr);
    this.event('Warning', 'Failed', 'Error: ImagePullBackOff', cr);
    const prev = this.pullErrors.get(key);
    cr.waiting = { reason: 'ImagePullBackOff', message: prev ? `${msg}: ${prev}` : msg };
    this.dirty();
  }

  envContext(): EnvContext {
    return { api: this.host.ctx.api, pod: this.pod, hostIP: this.host.nodeIP, podIP: this.podIP ?? '', nodeCpu: this.host.nodeCpu, nodeMemory: this.host.nodeMemory };
  }

  private createContainer(cr: ContainerRun, image: PulledImage, done: () => void): void {
    let env: Map<string, string>;
    try {
      env = containerEnv(this.envContext(), cr.spec);
    } catch (e) {
      if (!(e instanceof ContainerConfigError)) throw e;
      this.event('Warning', 'Failed', `Error: ${e.message}`, cr);
      cr.waiting = { reason: 'CreateContainerConfigError', message: e.message };
      cr.retryAt = this.now() + SYNC_RETRY_MS;
      cr.retryQuietly = !this.objectsAppeared;
      this.objectsAppeared = false;
      this.waitingOnObjects = true;
      this.host.watchNamespace(this, this.namespace);
      this.dirty();
      // Retrying changes nothing until the missing object appears (objectsChanged makes it count).
      this.scheduleSync(SYNC_RETRY_MS, cr.retryQuietly);
      done();
      return;
    }
    this.after(CONTAINER_START_MS, 'kubelet:start-container', () => {
      if (this.pod.metadata!.deletionTimestamp || this.terminal) {
        done();
        return;
      }
      const { spec, root } = this.programSpec(cr, image, env);
      const now = this.now();
      const plan = this.fastPlan(cr, image) ?? planProgram(spec, now);
      const inst = new ContainerInstance(this.containerId(), now, image, spec, root, plan, this.userOf(cr, image));
      this.event('Normal', 'Created', `Created container: ${cr.name}`, cr);
      this.event('Normal', 'Started', `Started container ${cr.name}`, cr);
      if (cr.current) {
        cr.last = cr.current;
        cr.restartCount++;
      }
      cr.current = inst;
      cr.waiting = undefined;
      cr.retryAt = undefined;
      cr.retryQuietly = false;
      if (plan.worldDependent) this.host.watchNamespace(this, this.namespace);
      this.armExit(cr, inst);
      inst.probes = new ProbeSet(this.probeHost(cr, inst), cr.spec, inst);
      inst.probes.start();
      this.dirty();
      const post = cr.spec.lifecycle?.postStart;
      if (post && inst.running) {
        const r = this.runHook(post, cr, inst, now, this.graceMs());
        if (r.error) {
          this.event('Warning', 'FailedPostStartHook', r.error, cr);
          this.stopContainer(cr, 'poststart', this.graceMs());
        }
        if (r.ms > 0) {
          this.after(r.ms, 'kubelet:poststart', done);
          return;
        }
      }
      done();
    });
  }

  private containerId(): string {
    const rng = this.host.ctx.rng;
    let s = '';
    for (let i = 0; i < 8; i++) s += rng.uint32().toString(16).padStart(8, '0');
    return s;
  }

  private userOf(cr: ContainerRun, image: PulledImage): { uid: number; gid: number; supplementalGroups: number[] } {
    const psc = this.pod.spec!.securityContext ?? {};
    const sc = cr.spec.securityContext ?? {};
    const uid = sc.runAsUser ?? psc.runAsUser ?? image.info.uid;
    const gid = sc.runAsGroup ?? psc.runAsGroup ?? uid;
    const groups = [gid];
    if (psc.fsGroup !== undefined && !groups.includes(psc.fsGroup)) groups.push(psc.fsGroup);
    for (const g of psc.supplementalGroups ?? []) if (!groups.includes(g)) groups.push(g);
    return { uid, gid, supplementalGroups: groups };
  }

  /** The image's well-known server, run with its default command: it runs until stopped. */
  private fastPlan(cr: ContainerRun, image: PulledImage): { exit?: undefined; worldDependent: boolean } | undefined {
    if (cr.spec.command || cr.spec.args) return undefined;
    return /^docker\.io\/library\/(nginx|httpd|redis)$|registry\.k8s\.io\/pause$/.test(image.ref.repository) ? { worldDependent: false } : undefined;
  }

  /** What the container runs and sees (ENTRYPOINT/CMD, environment, file system, network). */
  private programSpec(cr: ContainerRun, image: PulledImage, env: Map<string, string>): { spec: ProgramSpec; root: FsLayer } {
    const c = cr.spec;
    const expand = (s: string) => expandRefs(s, (n) => env.get(n));
    const argv = c.command ? [...c.command, ...(c.args ?? [])].map(expand) : [...image.info.entrypoint, ...(c.args ? c.args.map(expand) : image.info.cmd)];
    const hostname = podHostname(this.pod);
    const full = new Map<string, string>();
    full.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    full.set('HOSTNAME', hostname);
    for (const [k, v] of Object.entries(image.info.env)) full.set(k, v);
    for (const [k, v] of env) full.set(k, v);
    if (!full.has('HOME')) full.set('HOME', image.info.uid === 0 ? '/root' : '/');
    const mounts = containerMounts(c, this.volumes ?? new Map(), expand);
    const key = image.ref.normalized;
    let files = this.podFiles.get(key);
    if (!files) {
      files = containerBaseFiles(image.ref, this.pod, () => this.podIP || (this.pod.status?.podIP ?? ''), hostname, this.host.ctx.config.clusterDomain);
      this.podFiles.set(key, files);
    }
    const root = new FsLayer();
    const limit = c.resources?.limits?.memory;
    const podLimit = (this.pod.spec as { resources?: { limits?: Record<string, string> } }).resources?.limits?.memory;
    const spec: ProgramSpec = {
      // An image we know nothing about runs its own main program (named after the image): like
      // an application image, it runs until stopped.
      argv: argv.length ? argv : [image.ref.repository.split('/').pop() ?? 'app'],
      env: full,
      image: c.image ?? '',
      declaredPorts: (c.ports ?? []).map((p) => p.containerPort),
      hostname,
      podIP: this.podIP ?? '',
      memoryLimit: limit !== undefined ? parseQuantity(limit) : podLimit !== undefined ? parseQuantity(podLimit) : this.host.nodeMemory,
      sharedPid: !!this.pod.spec!.shareProcessNamespace,
      initContainer: cr.kind === 'init',
      interactive: !!c.stdin && !!c.tty,
      fs: new FsView(root, mounts, new StaticSource(files)),
      world: podWorld(this.host.directory, { namespace: this.namespace, podIP: () => this.podIP ?? '', hostname, listener: (p, t) => this.listener(p, t), serviceHttp: (ns, n, p, path, t) => this.host.serviceHttp(ns, n, p, path, t) }, this.host.ctx.config.clusterDomain),
      commands: commandsFor(c.image ?? ''),
      mainRunning: (name, t) => {
        const i = cr.current;
        if (!i || !i.running) return false;
        const argv0 = (i.spec.argv.find((a) => !a.startsWith('/docker-entrypoint') && !a.endsWith('docker-entrypoint.sh')) ?? '').split('/').pop();
        if (name && argv0 !== name && !i.spec.argv.join(' ').includes(name)) return false;
        return !(i.plan.exit && i.plan.exit.at <= t);
      },
      signalMain: (_name, _sig, t) => {
        const i = cr.current;
        if (!i || !i.running) return;
        i.signal(t);
        this.replan(cr, i);
      },
    };
    return { spec, root };
  }

  private probeHost(cr: ContainerRun, inst: ContainerInstance) {
    return {
      now: () => this.now(),
      podIP: () => this.podIP ?? '',
      listener: (port: number, t: number) => this.listener(port, t),
      after: (ms: number, label: string, fn: () => void, background: boolean) => this.after(ms, label, fn, background),
      cancel: (t: TimerHandle | undefined) => this.cancel(t),
      unhealthy: (kind: ProbeKind, message: string) => {
        const label = kind === 'startup' ? 'Startup' : kind === 'liveness' ? 'Liveness' : 'Readiness';
        this.event('Warning', 'Unhealthy', `${label} probe failed: ${message}`, cr);
      },
      kill: (kind: 'liveness' | 'startup', grace: number | undefined) => {
        if (cr.current !== inst || !inst.running) return;
        this.stopContainer(cr, kind, grace !== undefined && grace !== null ? grace * SECOND : this.graceMs());
      },
      changed: () => {
        this.dirty();
        if (cr.kind === 'sidecar' && inst.started) this.scheduleSync(0);
      },
      served: (l: Listener, path: string, status: number, bytes: number, t: number) => {
        if (l.name !== 'nginx' || !inst.running) return;
        const gw = (this.podIP ?? '').replace(/\.\d+$/, '.1');
        const ts = rfc3339(t).replace(/^(\d+)-(\d+)-(\d+)T(\d+:\d+:\d+)Z$/, (_m, y, mo, d, hms) => `${d}/${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(mo) - 1]}/${y}:${hms} +0000`);
        inst.live.logs!.append('stdout', `${gw} - - [${ts}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "kube-probe/${this.host.ctx.config.kubernetesVersion.replace(/^v(\d+\.\d+).*/, '$1')}" "-"\n`, t);
      },
    };
  }

  // ---- running containers ------------------------------------------------------------------

  /** Times the exit the plan foresees (its OOM kill, its end, or SIGKILL at the grace deadline). */
  private armExit(cr: ContainerRun, inst: ContainerInstance): void {
    this.cancel(inst.exitTimer);
    inst.exitTimer = undefined;
    if (!inst.running) return;
    let at = inst.plan.exit?.at;
    if (inst.killAt !== undefined && (at === undefined || inst.killAt < at)) at = inst.killAt;
    if (at === undefined) return;
    inst.exitTimer = this.after(Math.max(0, at - this.now()), 'kubelet:container-exit', () => {
      inst.exitTimer = undefined;
      this.onExit(cr, inst);
    });
  }

  /** The program's future may have changed (a signal, the world): plan again. */
  private replan(cr: ContainerRun, inst: ContainerInstance): void {
    if (!inst.running) return;
    inst.plan = planProgram(inst.spec, inst.startedAt, inst.termAt, this.now());
    inst.resetOracle();
    inst.probes?.refresh();
    this.armExit(cr, inst);
  }

  private onExit(cr: ContainerRun, inst: ContainerInstance): void {
    if (!inst.running) return;
    const now = this.now();
    const planned = inst.plan.exit;
    let exit: Termination;
    if (inst.killAt !== undefined && (!planned || planned.at > inst.killAt) && now >= inst.killAt) {
      exit = { at: inst.killAt, code: 137, oom: false, reason: 'Error' };
    } else if (planned) {
      exit = { ...planned, reason: planned.oom ? 'OOMKilled' : planned.code === 0 ? 'Completed' : 'Error' };
    } else return;
    this.finishInstance(cr, inst, exit, true);
  }

  /** Records how a run ended and lets the kubelet react (restart, completion, termination). */
  private finishInstance(cr: ContainerRun, inst: ContainerInstance, exit: Termination, react: boolean): void {
    this.cancel(inst.exitTimer);
    inst.exitTimer = undefined;
    // The run (and the pod's other runs, which may share its volumes) play out up to its end: its
    // log and the files it wrote are complete; its last words may be a termination message.
    if (!this.removed) this.advanceLive(exit.at);
    if (exit.code === 137 && !exit.oom) inst.live.kill(exit.at);
    else inst.live.advanceTo(exit.at);
    exit.message = this.terminationMessage(cr, inst, exit);
    if (!exit.message) delete exit.message;
    inst.termination = exit;
    inst.ready = false;
    inst.started = false;
    inst.probes?.stop();
    this.dirty();
    if (!react) return;
    if (this.terminating || this.completing) {
      this.afterStopped();
      return;
    }
    if (this.terminal) return;
    // The kubelet notices the exit at its next PLEG relist and syncs the pod.
    this.scheduleSync(PLEG_RELIST_MS);
  }

  /** terminationMessagePath's content, or the log's tail for FallbackToLogsOnError failures. */
  private terminationMessage(cr: ContainerRun, inst: ContainerInstance, exit: Termination): string | undefined {
    const path = cr.spec.terminationMessagePath ?? '/dev/termination-log';
    const text = inst.live.proc.fs.read(path, exit.at);
    if (text) return text.slice(0, 4096);
    if (cr.spec.terminationMessagePolicy === 'FallbackToLogsOnError' && exit.code !== 0) {
      const lines = inst.live.logs!.read(exit.at).slice(-80).map((l) => l.text);
      const joined = lines.join('\n');
      return joined.length > 2048 ? joined.slice(joined.length - 2048) : joined || undefined;
    }
    return undefined;
  }

  private graceMs(): number {
    const g = this.pod.metadata!.deletionTimestamp ? this.pod.metadata!.deletionGracePeriodSeconds : undefined;
    return (g ?? this.pod.spec!.terminationGracePeriodSeconds ?? 30) * SECOND;
  }

  /**
   * killContainer: the Killing event, the preStop hook (within the grace period), the stop signal,
   * and SIGKILL when the remaining grace runs out (never less than 2 s after the signal).
   */
  private stopContainer(cr: ContainerRun, why: NonNullable<ContainerInstance['stopping']> | 'poststart', graceMs: number): void {
    const inst = cr.current;
    if (!inst || !inst.running || inst.stopping) return;
    inst.stopping = why === 'poststart' ? 'definition' : why;
    const messages: Record<string, string> = {
      delete: `Stopping container ${cr.name}`,
      completed: `Stopping container ${cr.name}`,
      deadline: `Stopping container ${cr.name}`,
      liveness: `Container ${cr.name} failed liveness probe, will be restarted`,
      startup: `Container ${cr.name} failed startup probe, will be restarted`,
      definition: `Container ${cr.name} definition changed, will be restarted`,
      poststart: 'FailedPostStartHook',
    };
    this.event('Normal', 'Killing', messages[why], cr);
    // Probes stop; the container keeps its readiness until it is gone.
    inst.probes?.stop();
    const now = this.now();
    let grace = Math.max(0, graceMs);
    let termAt = now;
    const pre = cr.spec.lifecycle?.preStop;
    if (pre && grace > 0 && why !== 'poststart') {
      const r = this.runHook(pre, cr, inst, now, grace);
      if (r.error) this.event('Warning', 'FailedPreStopHook', r.error, cr);
      const used = Math.min(r.ms, grace);
      termAt = now + used;
      grace -= used;
    }
    inst.killAt = termAt + Math.max(grace, MINIMUM_GRACE_MS);
    if (inst.running) {
      inst.signal(termAt);
      this.replan(cr, inst);
    }
    this.dirty();
  }

  /** Runs a lifecycle hook against the running container; returns how long it takes. */
  private runHook(h: LifecycleHandler, cr: ContainerRun, inst: ContainerInstance, at: number, budget: number): { ms: number; error?: string } {
    if (h.sleep) return { ms: (h.sleep.seconds ?? 0) * SECOND };
    if (h.httpGet) {
      const port = typeof h.httpGet.port === 'number' ? h.httpGet.port : Number((cr.spec.ports ?? []).find((p) => p.name === h.httpGet!.port)?.containerPort ?? h.httpGet.port);
      const l = this.listener(port, at);
      const res = l?.http?.(h.httpGet.path ?? '/', at);
      if (!res || res.status >= 400) {
        const url = `http://${h.httpGet.host ?? this.podIP}:${port}${h.httpGet.path ?? '/'}`;
        const detail = res ? `HTTP lifecycle hook (${h.httpGet.path ?? ''}) for Container "${cr.name}" in Pod "${this.podRef}" failed - error: Get "${url}": HTTP status ${res.status}` : `HTTP lifecycle hook (${h.httpGet.path ?? ''}) for Container "${cr.name}" in Pod "${this.podRef}" failed - error: Get "${url}": dial tcp ${h.httpGet.host ?? this.podIP}:${port}: connect: connection refused`;
        return { ms: 0, error: detail };
      }
      return { ms: 0 };
    }
    if (h.exec) {
      const argv = h.exec.command ?? [];
      inst.live.advanceTo(at);
      let output = '';
      const run = new ProgramInstance({ ...inst.spec, argv, initContainer: true, fs: inst.live.proc.fs }, at, 'live', undefined, { write: (_fd, text) => (output += text) });
      run.advanceTo(at + budget);
      if (!run.exit) return { ms: budget };
      const ms = run.exit.at - at;
      if (run.exit.code !== 0) {
        const out = output.replace(/\n$/, '');
        return { ms, error: `Exec lifecycle hook ([${argv.join(' ')}]) for Container "${cr.name}" in Pod "${this.podRef}" failed - error: command '${argv.join(' ')}' exited with ${run.exit.code}: ${out}, message: "${out}"` };
      }
      return { ms };
    }
    return { ms: 0 };
  }

  // ---- termination -------------------------------------------------------------------------

  private beginTermination(): void {
    if (this.terminating) {
      // A shorter grace period (a second delete) moves the SIGKILL deadline forward.
      const deadline = this.now() + this.graceMs();
      if (deadline < this.terminating.deadline) {
        this.terminating.deadline = deadline;
        for (const cr of this.containers) {
          const i = cr.current;
          if (i?.running && i.killAt !== undefined && i.killAt > deadline) {
            i.killAt = Math.max(deadline, this.now());
            this.armExit(cr, i);
          }
        }
      }
      this.afterStopped();
      return;
    }
    this.abortChain();
    this.cancel(this.deadlineTimer);
    if (this.wake) {
      this.cancel(this.wake.timer);
      this.wake = undefined;
    }
    const grace = this.graceMs();
    this.terminating = { deadline: this.now() + grace, sidecarsStopped: false };
    for (const cr of this.containers) {
      cr.retryAt = undefined;
      if (cr.running && cr.kind !== 'sidecar') this.stopContainer(cr, 'delete', grace);
    }
    this.afterStopped();
  }

  /** Once the regular containers stopped, sidecars get the rest of the grace; then the pod goes. */
  private afterStopped(): void {
    if (this.completing && !this.terminating) {
      if (this.containers.some((cr) => cr.current?.running)) {
        const regularRunning = this.regular.some((cr) => cr.current?.running);
        if (!regularRunning) for (const cr of this.init) if (cr.current?.running) this.stopContainer(cr, 'completed', this.graceMs());
        return;
      }
      this.completing = false;
      if (!this.terminal) this.becomeTerminal();
      return;
    }
    const t = this.terminating;
    if (!t) return;
    const regularRunning = [...this.regular, ...this.init.filter((c) => c.kind === 'init')].some((cr) => cr.current?.running);
    if (!regularRunning && !t.sidecarsStopped) {
      t.sidecarsStopped = true;
      const left = Math.max(t.deadline - this.now(), MINIMUM_GRACE_MS);
      for (const cr of [...this.init].reverse()) if (cr.kind === 'sidecar' && cr.current?.running) this.stopContainer(cr, 'delete', left);
    }
    if (this.containers.some((cr) => cr.current?.running) || t.cleanup) return;
    t.cleanup = this.after(POD_CLEANUP_MS, 'kubelet:pod-cleanup', () => this.finalize());
  }

  /** All containers stopped: the final status (terminal phase), then the deletion completes. */
  private finalize(): void {
    const api = this.host.ctx.api;
    this.terminal = { phase: 'Failed', deleted: true };
    const status = generatePodStatus(this.statusInput(true));
    this.terminal = { phase: status.phase === 'Succeeded' ? 'Succeeded' : 'Failed', deleted: true };
    this.releaseSandbox();
    try {
      const cur = api.get('Pod', this.namespace, this.name);
      if (!cur || cur.metadata.uid !== this.uid) return;
      api.updateStatus({ apiVersion: 'v1', kind: 'Pod', metadata: { name: this.name, namespace: this.namespace }, status: generatePodStatus(this.statusInput(true)) });
      api.delete('Pod', this.namespace, this.name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  // ---- chaos and the kubelet's own lifecycle -----------------------------------------------

  /** chaos kill: every running container dies by SIGKILL (137); restartPolicy decides the rest. */
  killAll(): boolean {
    let any = false;
    const now = this.now();
    for (const cr of this.containers) {
      const inst = cr.current;
      if (!inst?.running) continue;
      any = true;
      this.finishInstance(cr, inst, { at: now, code: 137, oom: false, reason: 'Error' }, true);
    }
    return any;
  }

  /** The kubelet stops: nothing of this pod moves until it is back (the containers keep running). */
  pause(): void {
    for (const t of [...this.timers]) this.cancel(t);
    this.wake = undefined;
    this.deadlineTimer = undefined;
    if (this.terminating?.cleanup) this.terminating.cleanup = undefined;
    this.chainToken++;
    this.chainActive = false;
    for (const cr of this.containers) {
      cr.starting = false;
      cr.cancelPull = undefined;
      const i = cr.current;
      if (i) {
        i.exitTimer = undefined;
        i.probes?.stop();
      }
    }
    if (this.sandbox && !this.sandbox.ready) this.sandbox = undefined;
  }

  /** The kubelet is back: it notices what happened meanwhile and carries on. */
  resume(): void {
    for (const cr of this.containers) {
      const i = cr.current;
      if (!i?.running) continue;
      this.armExit(cr, i);
      if (!i.stopping && !this.terminal) {
        i.probes = new ProbeSet(this.probeHost(cr, i), cr.spec, i);
        const started = i.started;
        const ready = i.ready;
        i.probes.start();
        i.started = started || i.started;
        i.ready = ready;
      }
    }
    if (this.startTime !== undefined) this.armDeadline();
    if (this.terminating && !this.containers.some((cr) => cr.current?.running)) this.afterStopped();
    this.scheduleSync(0);
  }

  // ---- queries -----------------------------------------------------------------------------

  /** Who listens on `port` in the pod's network namespace at `t`. */
  listener(port: number, t: number): Listener | undefined {
    for (const cr of this.containers) {
      const i = cr.current;
      if (!i || i.startedAt > t || (i.termination && i.termination.at <= t)) continue;
      const o = i.oracle();
      o.advanceTo(t, true);
      const l = o.listener(port, t);
      if (l) return l;
    }
    return undefined;
  }

  /** Runs every live program of the pod up to now, interleaved in time order. */
  private advanceLive(t: number): void {
    const runs = this.containers.flatMap((cr) => [cr.last, cr.current]).filter((i): i is ContainerInstance => !!i);
    for (const i of runs) void i.live;
    const limit = (i: ContainerInstance) => Math.min(t, i.termination?.at ?? Infinity);
    for (let guard = 0; guard < 10_000_000; guard++) {
      let best: ContainerInstance | undefined;
      let bestAt = Infinity;
      for (const i of runs) {
        const w = i.live.nextWake();
        if (w <= limit(i) && w < bestAt) {
          best = i;
          bestAt = w;
        }
      }
      if (!best) return;
      best.live.stepOnce();
    }
  }

  /** `kubectl logs`: the lines of the current (or previous) run of a container. */
  logs(container: string | undefined, previous: boolean): LogLine[] | undefined {
    const cr = container ? this.containers.find((c) => c.name === container) : (this.regular.find((c) => c.name === this.pod.metadata!.annotations?.['kubectl.kubernetes.io/default-container']) ?? this.regular[0]);
    if (!cr) return undefined;
    const inst = previous ? cr.last : cr.current;
    if (!inst) return undefined;
    this.advanceLive(this.now());
    return inst.live.logs!.read(this.now());
  }

  /** Usage of each running container (metrics-server's view). */
  usage(): { name: string; cpuMilli: number; memoryBytes: number }[] {
    const now = this.now();
    this.advanceLive(now);
    const out: { name: string; cpuMilli: number; memoryBytes: number }[] = [];
    const extra = this.host.requestCpu(this);
    let first = true;
    for (const cr of [...this.regular, ...this.init]) {
      const i = cr.current;
      if (!i?.running) continue;
      const tr = i.live.proc.traits;
      let cpu = i.live.busy ? 1000 : tr.cpuMilli;
      if (first) {
        cpu += extra * 1;
        first = false;
      }
      const lim = cr.spec.resources?.limits?.cpu;
      if (lim !== undefined) cpu = Math.min(cpu, Math.round(parseQuantity(lim) * 1000));
      cpu = Math.min(cpu, Math.round(this.host.nodeCpu * 1000));
      // A shell or a sleeping process still holds a few hundred KiB.
      const mem = Math.max(tr.memoryBytes, 256 * 1024) + 128 * 1024;
      out.push({ name: cr.name, cpuMilli: Math.round(cpu), memoryBytes: Math.round(mem) });
    }
    return out;
  }

  /** cpuPerRequest of the pod's main server (for the traffic model). */
  cpuPerRequest(): number {
    const i = this.regular[0]?.current;
    if (!i?.running) return 0;
    this.advanceLive(this.now());
    return i.live.proc.traits.cpuPerRequest;
  }

  /** Runs a command in a container (kubectl exec): its output and exit code. */
  exec(container: string | undefined, argv: string[], opts: ExecOptions = {}): ExecOutput | undefined {
    const cr = container ? this.containers.find((c) => c.name === container) : this.regular[0];
    const inst = cr?.current;
    if (!cr || !inst?.running) return undefined;
    const now = this.now();
    this.advanceLive(now);
    let stdout = '';
    let stderr = '';
    const chunks: ExecOutput['chunks'] = [];
    // The command shares the container's files (live, so its writes stay), env and network.
    const spec = { ...inst.spec, argv, initContainer: true, interactive: !!opts.tty, fs: inst.live.proc.fs, world: opts.world ? opts.world(inst.spec.world) : inst.spec.world };
    const run = new ProgramInstance(spec, now, 'live', undefined, {
      write: (fd, text) => {
        if (fd === 1) stdout += text;
        else stderr += text;
        chunks.push({ fd: fd === 1 ? 1 : 2, text });
      },
    });
    run.advanceTo(now + 60 * SECOND);
    // Files the command changed may change what the programs of the pod do next.
    for (const c of this.containers) if (c.current?.running) this.replan(c, c.current);
    return { exitCode: run.exit?.code ?? 0, stdout, stderr, chunks };
  }

  // ---- status ------------------------------------------------------------------------------

  private statusInput(terminalNow = false) {
    return {
      pod: this.pod,
      now: this.now(),
      init: this.init,
      regular: this.regular,
      hostIP: this.host.nodeIP,
      podIP: this.podIP || undefined,
      sandboxReady: !!this.sandbox?.ready,
      startTime: this.startTime,
      terminal: terminalNow || !!this.terminal,
      deleted: !!this.terminal?.deleted,
      phase: this.terminal?.reason ? this.terminal.phase : undefined,
      reason: this.terminal?.reason,
      message: this.terminal?.message,
    };
  }

  /** A status write is already due at this instant (or a container start follows within the instant). */
  private statusPending(): boolean {
    return this.chainActive;
  }

  /** Writes the pod's status if it changed (the API ignores an identical status). */
  writeStatus(): void {
    if (this.removed || !this.host.running()) return;
    const api = this.host.ctx.api;
    const cur = api.get('Pod', this.namespace, this.name) as Pod | undefined;
    if (!cur || cur.metadata!.uid !== this.uid) return;
    this.pod = cur;
    let status: unknown;
    if (this.rejected) {
      const old = cur.status ?? {};
      status = { phase: 'Failed', conditions: old.conditions, message: `Pod was rejected: ${this.rejected.message}`, reason: this.rejected.reason, ...(old.qosClass ? { qosClass: old.qosClass } : {}) };
    } else status = generatePodStatus(this.statusInput());
    // Frozen here, the new status is not walked again by the API server's immer round trip.
    status = deepFreeze(status);
    try {
      api.updateStatus({ apiVersion: 'v1', kind: 'Pod', metadata: { name: this.name, namespace: this.namespace }, status });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
