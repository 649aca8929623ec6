import type { Container, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { parseQuantity } from './quantity';
import { parseTimestamp } from '../time';

export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodCondition(pod, 'Ready')?.status === 'True';
}

/** podutil.IsPodAvailable: Ready for at least minReadySeconds at `now` (simulated ms). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = getPodCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTimestamp(c.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/** Sidecars are init containers with restartPolicy Always (GA in 1.33). */
export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

export interface ResourceAmounts {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}

function containerRequest(c: Container): ResourceAmounts {
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  // A limit without a request defaults the request (done at admission; repeated here for safety).
  const cpu = req.cpu ?? lim.cpu;
  const memory = req.memory ?? lim.memory;
  return { cpu: cpu === undefined ? 0 : Math.round(parseQuantity(cpu) * 1000), memory: memory === undefined ? 0 : parseQuantity(memory) };
}

/**
 * The pod's effective request (component-helpers resource.PodRequests): the larger of the app
 * containers plus sidecars, and each init container plus the sidecars started before it; plus
 * the pod overhead.
 */
export function podRequests(pod: Pod): Readonly<ResourceAmounts> {
  const spec = pod.spec!;
  // A stored spec is frozen, so its requests never change: computed once per spec object (the
  // kubelet's admission check adds up every pod on the node for each new pod).
  const frozen = Object.isFrozen(spec);
  if (frozen) {
    const hit = requestsBySpec.get(spec);
    if (hit) return hit;
  }
  const r = computePodRequests(spec);
  if (frozen) requestsBySpec.set(spec, Object.freeze(r));
  return r;
}

const requestsBySpec = new WeakMap<object, Readonly<ResourceAmounts>>();

function computePodRequests(spec: NonNullable<Pod['spec']>): ResourceAmounts {
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers ?? []) {
    const r = containerRequest(c);
    cpu += r.cpu;
    memory += r.memory;
  }
  let sideCpu = 0;
  let sideMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of spec.initContainers ?? []) {
    const r = containerRequest(c);
    if (isSidecar(c)) {
      sideCpu += r.cpu;
      sideMem += r.memory;
      initCpu = Math.max(initCpu, sideCpu);
      initMem = Math.max(initMem, sideMem);
    } else {
      initCpu = Math.max(initCpu, r.cpu + sideCpu);
      initMem = Math.max(initMem, r.memory + sideMem);
    }
  }
  cpu = Math.max(cpu + sideCpu, initCpu);
  memory = Math.max(memory + sideMem, initMem);
  const overhead = spec.overhead ?? {};
  if (overhead.cpu) cpu += Math.round(parseQuantity(overhead.cpu) * 1000);
  if (overhead.memory) memory += parseQuantity(overhead.memory);
  return { cpu, memory };
}

/** Total restarts across containers (the RESTARTS column adds them up). */
export function podRestarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount ?? 0;
  for (const s of pod.status?.initContainerStatuses ?? []) n += s.restartCount ?? 0;
  return n;
}
