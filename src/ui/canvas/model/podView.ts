import type { Pod } from 'kubernetes-types/core/v1';
import { podRowStatus } from '../../../engine/kubectl/printers/podStatus';
import { milli, parseQuantity } from '../../../engine/api/quantity';
import { parseTimestamp } from '../../../engine/time';

/**
 * How a pod's STATUS reads at a glance. Each tone has its own colour AND its own glyph, so
 * colour is never the only signal.
 */
export type PodTone = 'ok' | 'starting' | 'progress' | 'bad' | 'done' | 'terminating' | 'unknown';

/** What the canvas needs from one pod, derived once per stored object (objects are frozen). */
export interface PodView {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  /** spec.nodeName, '' while unscheduled. */
  readonly node: string;
  /** The STATUS column of `kubectl get pods`. */
  readonly status: string;
  /** The READY column ("1/2"). */
  readonly ready: string;
  readonly readyCount: number;
  readonly containerCount: number;
  readonly restarts: number;
  readonly tone: PodTone;
  /** The pod's Ready condition is True (an endpoint of the Services that select it). */
  readonly podReady: boolean;
  readonly ownerKind?: string;
  readonly ownerName?: string;
  readonly ownerUid?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Simulated ms of creation, for stable ordering. */
  readonly created: number;
  /** Graceful deletion: when it was asked for and when the grace period ends (simulated ms). */
  readonly deletion?: { readonly start: number; readonly end: number };
  readonly images: readonly string[];
  readonly claims: readonly string[];
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly pod: Pod;
}

const INIT_PROGRESS = /^Init:\d+\/\d+$/;
const PROGRESS = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated']);

/** Maps a STATUS column value to its tone. */
export function toneOf(status: string, readyCount: number, containerCount: number): PodTone {
  if (status === 'Running') return readyCount === containerCount ? 'ok' : 'starting';
  if (status === 'NotReady') return 'starting';
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (PROGRESS.has(status) || INIT_PROGRESS.test(status)) return 'progress';
  if (status === 'Unknown' || status === '') return 'unknown';
  return 'bad';
}

function requests(pod: Pod): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests ?? {};
    try {
      cpu += r.cpu !== undefined ? milli(r.cpu) : 0;
      mem += r.memory !== undefined ? parseQuantity(r.memory) : 0;
    } catch {
      // A malformed quantity cannot be stored; nothing to add up.
    }
  }
  return { cpu, mem };
}

const cache = new WeakMap<object, PodView>();

/**
 * The view of one pod. Stored objects are frozen and replaced on every write, so the result is
 * cached by object identity: an unchanged pod costs one WeakMap lookup per frame.
 */
export function podView(pod: Pod): PodView {
  const hit = cache.get(pod);
  if (hit) return hit;
  const row = podRowStatus(pod, 0);
  const [readyCount, containerCount] = row.ready.split('/').map(Number);
  const meta = pod.metadata ?? {};
  const ctrl = meta.ownerReferences?.find((r) => r.controller) ?? meta.ownerReferences?.[0];
  const end = parseTimestamp(meta.deletionTimestamp);
  const grace = (meta.deletionGracePeriodSeconds ?? 0) * 1000;
  const req = requests(pod);
  const claims: string[] = [];
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim) claims.push(v.persistentVolumeClaim.claimName);
  const view: PodView = {
    uid: meta.uid ?? `${meta.namespace}/${meta.name}`,
    name: meta.name ?? '',
    namespace: meta.namespace ?? 'default',
    node: pod.spec?.nodeName ?? '',
    status: row.status,
    ready: row.ready,
    readyCount,
    containerCount,
    restarts: row.restartCount,
    tone: toneOf(row.status, readyCount, containerCount),
    podReady: (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    ownerKind: ctrl?.kind,
    ownerName: ctrl?.name,
    ownerUid: ctrl?.uid,
    labels: meta.labels ?? {},
    created: parseTimestamp(meta.creationTimestamp) ?? 0,
    deletion: end !== undefined ? { start: end - grace, end } : undefined,
    images: (pod.spec?.containers ?? []).map((c) => c.image ?? ''),
    claims,
    cpuMilli: req.cpu,
    memBytes: req.mem,
    pod,
  };
  cache.set(pod, view);
  return view;
}

/**
 * How far through its grace period a terminating pod is (0 → just asked, 1 → due), for the
 * fade. Pods without a grace period (or past it, on a dead node) sit at 1.
 */
export function terminationProgress(view: PodView, now: number): number {
  if (!view.deletion) return 0;
  const { start, end } = view.deletion;
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}
