import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { podView, terminationProgress, toneOf } from './podView';

const T = '2026-01-01T00:00:10Z';

function pod(over: { phase?: string; reason?: string; statuses?: ContainerStatus[]; init?: ContainerStatus[]; initCount?: number; conditions?: PodCondition[]; deletion?: string; grace?: number; node?: string } = {}): Pod {
  const containers = (over.statuses ?? [{ name: 'app' } as ContainerStatus]).map((s) => ({ name: s.name, image: 'nginx:1.27' }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      uid: 'u1',
      creationTimestamp: T,
      ...(over.deletion ? { deletionTimestamp: over.deletion, deletionGracePeriodSeconds: over.grace ?? 30 } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs1', controller: true }],
    },
    spec: {
      nodeName: over.node,
      containers,
      initContainers: over.initCount ? Array.from({ length: over.initCount }, (_, i) => ({ name: `init-${i}`, image: 'busybox' })) : undefined,
    },
    status: {
      phase: over.phase ?? 'Pending',
      reason: over.reason,
      conditions: over.conditions,
      containerStatuses: over.statuses,
      initContainerStatuses: over.init,
    },
  };
}

const waiting = (reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({ name: 'app', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } }, ...extra });
const running = (ready = true): ContainerStatus => ({ name: 'app', image: 'nginx', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: T } } });
const terminated = (reason: string | undefined, exitCode: number, name = 'app'): ContainerStatus => ({ name, image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason, exitCode } } });
const readyCond: PodCondition[] = [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }];

describe('podView: the STATUS column as kubectl prints it', () => {
  const vectors: [string, Pod, string][] = [
    ['unscheduled', pod(), 'Pending'],
    ['creating the sandbox', pod({ node: 'w1', statuses: [waiting('ContainerCreating')] }), 'ContainerCreating'],
    ['running and ready', pod({ phase: 'Running', statuses: [running()], conditions: readyCond }), 'Running'],
    ['terminating', pod({ phase: 'Running', statuses: [running()], deletion: '2026-01-01T00:01:00Z' }), 'Terminating'],
    ['crash looping', pod({ phase: 'Running', statuses: [waiting('CrashLoopBackOff', { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error' } } })] }), 'CrashLoopBackOff'],
    ['completed', pod({ phase: 'Succeeded', statuses: [terminated('Completed', 0)] }), 'Completed'],
    ['failed with an error', pod({ phase: 'Failed', statuses: [terminated('Error', 1)] }), 'Error'],
    ['image pull failed', pod({ statuses: [waiting('ErrImagePull')] }), 'ErrImagePull'],
    ['image pull backing off', pod({ statuses: [waiting('ImagePullBackOff')] }), 'ImagePullBackOff'],
    ['first init container running', pod({ initCount: 1, init: [{ name: 'init-0', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: T } } }], statuses: [waiting('PodInitializing')] }), 'Init:0/1'],
    ['second of two init containers', pod({ initCount: 2, init: [terminated('Completed', 0, 'init-0'), { name: 'init-1', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] }), 'Init:1/2'],
    ['init container failed', pod({ initCount: 1, init: [terminated('Error', 1, 'init-0')] }), 'Init:Error'],
    ['init crash looping', pod({ initCount: 1, init: [{ ...waiting('CrashLoopBackOff'), name: 'init-0' }] }), 'Init:CrashLoopBackOff'],
    ['init done, app starting', pod({ initCount: 1, init: [terminated('Completed', 0, 'init-0')], statuses: [waiting('PodInitializing')], conditions: [{ type: 'Initialized', status: 'True' }] }), 'PodInitializing'],
    ['OOM killed', pod({ phase: 'Failed', statuses: [terminated('OOMKilled', 137)] }), 'OOMKilled'],
    ['evicted', pod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    ['terminated without a reason', pod({ phase: 'Failed', statuses: [terminated(undefined, 2)] }), 'ExitCode:2'],
    ['running, not ready', pod({ phase: 'Running', statuses: [running(false)] }), 'Running'],
  ];
  for (const [what, p, status] of vectors) {
    it(`${what} → ${status}`, () => expect(podView(p).status).toBe(status));
  }

  it('counts ready containers and restarts', () => {
    const v = podView(pod({ phase: 'Running', statuses: [running(), { ...running(false), name: 'side', restartCount: 2 }] }));
    expect(v.ready).toBe('1/2');
    expect(v.restarts).toBe(2);
    expect(v.tone).toBe('starting');
  });

  it('carries owner, node and Ready condition', () => {
    const v = podView(pod({ phase: 'Running', node: 'worker-1', statuses: [running()], conditions: readyCond }));
    expect(v).toMatchObject({ node: 'worker-1', ownerKind: 'ReplicaSet', ownerName: 'web-abc', ownerUid: 'rs1', podReady: true, tone: 'ok' });
  });

  it('is cached by object identity', () => {
    const p = pod();
    expect(podView(p)).toBe(podView(p));
    expect(podView({ ...p })).not.toBe(podView(p));
  });
});

describe('toneOf', () => {
  it.each([
    ['Running', 1, 1, 'ok'],
    ['Running', 0, 1, 'starting'],
    ['Pending', 0, 1, 'progress'],
    ['Init:0/2', 0, 1, 'progress'],
    ['ContainerCreating', 0, 1, 'progress'],
    ['Terminating', 1, 1, 'terminating'],
    ['Completed', 0, 1, 'done'],
    ['CrashLoopBackOff', 0, 1, 'bad'],
    ['Evicted', 0, 1, 'bad'],
    ['Init:Error', 0, 1, 'bad'],
    ['Unknown', 0, 1, 'unknown'],
  ] as const)('%s %i/%i → %s', (s, r, t, tone) => expect(toneOf(s, r, t)).toBe(tone));
});

describe('terminationProgress', () => {
  it('runs from 0 to 1 over the grace period', () => {
    // deletionTimestamp = request time + grace: asked at 30 s with 30 s of grace.
    const v = podView(pod({ phase: 'Running', statuses: [running()], deletion: '2026-01-01T00:01:00Z', grace: 30 }));
    expect(v.deletion).toEqual({ start: 30_000, end: 60_000 });
    expect(terminationProgress(v, 30_000)).toBe(0);
    expect(terminationProgress(v, 45_000)).toBe(0.5);
    expect(terminationProgress(v, 90_000)).toBe(1);
  });
});
