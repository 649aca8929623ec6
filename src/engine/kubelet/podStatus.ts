import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { timestamp as rfc3339 } from './timestamps';
import type { ContainerInstance, ContainerRun } from './container';

/** What the status generator needs to know about a pod worker. */
export interface PodStatusInput {
  pod: Pod;
  now: number;
  init: readonly ContainerRun[];
  regular: readonly ContainerRun[];
  hostIP: string;
  podIP?: string;
  sandboxReady: boolean;
  startTime?: number;
  /** The pod will not run again (deleted and stopped, or finished): the phase is final. */
  terminal: boolean;
  /** Deleted and stopped: containers that never ran are reported lost (TerminatePod). */
  deleted?: boolean;
  /** A phase already decided (rejected, deadline exceeded, evicted). */
  phase?: 'Failed' | 'Succeeded';
  reason?: string;
  message?: string;
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** The pod status the kubelet writes (kubelet_pods.go generateAPIPodStatus, status/generate.go). */
export function generatePodStatus(s: PodStatusInput): PodStatus {
  const pod = s.pod;
  const old = pod.status ?? {};
  const hasInit = (pod.spec!.initContainers ?? []).length > 0;
  const initStatuses = s.init.map((c) => containerStatus(c, hasInit, true, s.terminal, !!s.deleted));
  const statuses = s.regular.map((c) => containerStatus(c, hasInit, false, s.terminal, !!s.deleted));
  const phase = s.phase ?? (old.phase === 'Succeeded' || old.phase === 'Failed' ? old.phase : getPhase(pod, initStatuses, statuses, s.terminal));
  const generation = pod.metadata!.generation;
  const allStatuses = [...initStatuses, ...statuses];

  const conditions: PodCondition[] = [];
  for (const c of old.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
  const cond = (type: string, status: string, reason?: string, message?: string): PodCondition => {
    const prev = (old.conditions ?? []).find((c) => c.type === type);
    const c: PodCondition = { type, status, lastProbeTime: null as unknown as undefined, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(s.now) };
    if (generation !== undefined) (c as unknown as Record<string, unknown>).observedGeneration = generation;
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return orderCondition(c);
  };
  if (s.phase === undefined || s.sandboxReady || s.podIP) conditions.push(cond('PodReadyToStartContainers', s.sandboxReady ? 'True' : 'False'));
  const initialized = initializedCondition(pod, allStatuses, phase);
  conditions.push(cond('Initialized', initialized.status, initialized.reason, initialized.message));
  const cr = containersReadyCondition(pod, allStatuses, phase);
  const ready = readyCondition(pod, old.conditions ?? [], cr);
  conditions.push(cond('Ready', ready.status, ready.reason, ready.message));
  conditions.push(cond('ContainersReady', cr.status, cr.reason, cr.message));
  const scheduled = (old.conditions ?? []).find((c) => c.type === 'PodScheduled');
  conditions.push(scheduled ? orderCondition({ ...scheduled, status: 'True', ...(generation !== undefined ? { observedGeneration: generation } : {}) } as PodCondition) : cond('PodScheduled', 'True'));

  const status: Record<string, unknown> = {};
  if (generation !== undefined) status.observedGeneration = generation;
  status.phase = phase;
  status.conditions = conditions;
  const message = s.message ?? old.message;
  const reason = s.reason ?? old.reason;
  if (message) status.message = message;
  if (reason) status.reason = reason;
  if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  status.hostIP = s.hostIP;
  status.hostIPs = [{ ip: s.hostIP }];
  const podIP = s.podIP ?? old.podIP;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (s.startTime !== undefined) status.startTime = old.startTime ?? rfc3339(s.startTime);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  if (old.qosClass) status.qosClass = old.qosClass;
  for (const k of ['ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses'] as const) if (old[k] !== undefined) status[k] = old[k];
  return status as PodStatus;
}

/** Field order of PodCondition as the API serialises it. */
function orderCondition(c: PodCondition & { observedGeneration?: number }): PodCondition {
  const out: Record<string, unknown> = { type: c.type };
  if (c.observedGeneration !== undefined) out.observedGeneration = c.observedGeneration;
  out.status = c.status;
  out.lastProbeTime = c.lastProbeTime ?? null;
  out.lastTransitionTime = c.lastTransitionTime;
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out as unknown as PodCondition;
}

function terminatedState(i: ContainerInstance): Record<string, unknown> {
  const t = i.termination!;
  const out: Record<string, unknown> = { exitCode: t.code, reason: t.reason };
  if (t.message) out.message = t.message;
  out.startedAt = rfc3339(i.startedAt);
  out.finishedAt = rfc3339(t.at);
  out.containerID = `containerd://${i.id}`;
  return out;
}

function containerStatus(cr: ContainerRun, hasInit: boolean, isInit: boolean, podTerminal: boolean, deleted: boolean): ContainerStatus {
  const c = cr.current;
  const shown = c ?? cr.last;
  const out: Record<string, unknown> = { name: cr.name };
  let state: Record<string, unknown>;
  let lastState: Record<string, unknown> = {};
  if (c && c.running) {
    state = { running: { startedAt: rfc3339(c.startedAt) } };
    if (cr.last?.termination) lastState = { terminated: terminatedState(cr.last) };
  } else if (c && c.termination && !(cr.waiting && !podTerminal)) {
    state = { terminated: terminatedState(c) };
    if (cr.last?.termination) lastState = { terminated: terminatedState(cr.last) };
  } else if (deleted && !c) {
    // status_manager TerminatePod: a container that never ran is reported as lost.
    state = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } };
  } else {
    const w = cr.waiting ?? { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' };
    state = { waiting: w.message ? { reason: w.reason, message: w.message } : { reason: w.reason } };
    const prev = c?.termination ? c : cr.last;
    if (prev?.termination) lastState = { terminated: terminatedState(prev) };
  }
  out.state = state;
  out.lastState = lastState;
  // A finished init container counts as ready (what Initialized checks); others are ready while running and ready.
  out.ready = isInit && cr.kind === 'init' ? !!c?.termination && c.termination.code === 0 : !!(c && c.running && c.ready);
  out.restartCount = cr.restartCount;
  out.image = shown ? shown.image.ref.normalized : cr.spec.image;
  out.imageID = shown ? `${shown.image.names[0]}` : '';
  if (shown) out.containerID = `containerd://${shown.id}`;
  out.started = !!(c && c.running && c.started);
  const res = resourcesOf(cr.spec);
  if (res.requests) out.allocatedResources = res.requests;
  if (res.requests || res.limits) out.resources = res;
  if (shown) {
    const mounts = (cr.spec.volumeMounts ?? []).map((m) => {
      const vm: Record<string, unknown> = { name: m.name, mountPath: m.mountPath };
      if (m.readOnly) vm.readOnly = true;
      vm.recursiveReadOnly = 'Disabled';
      return vm;
    });
    if (mounts.length) out.volumeMounts = mounts;
    out.user = { linux: shown.user };
  }
  return out as unknown as ContainerStatus;
}

function resourcesOf(c: Container): { requests?: Record<string, string>; limits?: Record<string, string> } {
  const out: { requests?: Record<string, string>; limits?: Record<string, string> } = {};
  const req = { ...(c.resources?.requests ?? {}) } as Record<string, string>;
  const lim = { ...(c.resources?.limits ?? {}) } as Record<string, string>;
  // A limit without a request is also the request (defaulting does this; repeated for safety).
  for (const k of Object.keys(lim)) if (req[k] === undefined) req[k] = lim[k];
  if (Object.keys(lim).length) out.limits = lim;
  if (Object.keys(req).length) out.requests = req;
  return out;
}

type Cond = { status: string; reason?: string; message?: string };

function statusOf(list: ContainerStatus[], name: string): ContainerStatus | undefined {
  return list.find((s) => s.name === name);
}

const isSidecar = (c: Container) => c.restartPolicy === 'Always';

function containersReadyCondition(pod: Pod, statuses: ContainerStatus[], phase: string): Cond {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec!.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const st = statusOf(statuses, c.name);
    if (!st) unknown.push(c.name);
    else if (!st.ready) unready.push(c.name);
  }
  for (const c of pod.spec!.containers) {
    const st = statusOf(statuses, c.name);
    if (!st) unknown.push(c.name);
    else if (!st.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { status: 'False', reason: 'PodFailed' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: [${unknown.join(' ')}]`);
  if (unready.length) msgs.push(`containers with unready status: [${unready.join(' ')}]`);
  if (msgs.length) return { status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') };
  return { status: 'True' };
}

function readyCondition(pod: Pod, conditions: PodCondition[], containersReady: Cond): Cond {
  if (containersReady.status !== 'True') return containersReady;
  const msgs: string[] = [];
  for (const g of pod.spec!.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === g.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length) return { status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  return { status: 'True' };
}

function initializedCondition(pod: Pod, statuses: ContainerStatus[], phase: string): Cond {
  const init = pod.spec!.initContainers ?? [];
  if (phase === 'Succeeded') return { status: 'True', reason: 'PodCompleted' };
  const anyRegularStarted = pod.spec!.containers.some((c) => {
    const st = statusOf(statuses, c.name);
    return !!st && (!!st.state?.running || !!st.state?.terminated || !!st.lastState?.terminated);
  });
  if (anyRegularStarted) return { status: 'True' };
  const incomplete: string[] = [];
  for (const c of init) {
    const st = statusOf(statuses, c.name);
    const done = isSidecar(c) ? !!st?.started : !!st?.ready;
    if (!done) incomplete.push(c.name);
  }
  if (incomplete.length) return { status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` };
  return { status: 'True' };
}

/** kubelet_pods.go getPhase. */
export function getPhase(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], podIsTerminal: boolean): string {
  const spec = pod.spec!;
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const st = statusOf(initStatuses, c.name);
    if (!st) {
      pendingRegularInit++;
      continue;
    }
    if (st.state?.running) pendingRegularInit++;
    else if (st.state?.terminated) {
      if (st.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (st.state?.waiting) {
      if (st.lastState?.terminated) {
        if (st.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const st = statusOf(initStatuses, c.name);
    if (!st) {
      unknown++;
      continue;
    }
    if (st.state?.running) {
      if (!st.started) pendingRestartableInit++;
      running++;
    } else if (st.state?.terminated) {
      /* terminated sidecars do not count */
    } else if (st.state?.waiting) {
      if (!st.lastState?.terminated) {
        pendingRestartableInit++;
        waiting++;
      }
    } else {
      pendingRestartableInit++;
      unknown++;
    }
  }
  for (const c of spec.containers) {
    const st = statusOf(statuses, c.name);
    if (!st) {
      unknown++;
      continue;
    }
    if (st.state?.running) running++;
    else if (st.state?.terminated) {
      stopped++;
      if (st.state.terminated.exitCode === 0) succeeded++;
    } else if (st.state?.waiting) {
      if (st.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const restartPolicy = spec.restartPolicy ?? 'Always';
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  const anyRegularStarted = spec.containers.some((c) => {
    const st = statusOf(statuses, c.name);
    return !!st && (!!st.state?.running || !!st.state?.terminated || !!st.lastState?.terminated);
  });
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !anyRegularStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
