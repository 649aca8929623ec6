import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../time';
import { podRowStatus } from './podStatus';

const NOW = 600_000;
const pod = (spec: Partial<Pod['spec']>, status: Pod['status'], meta: Record<string, unknown> = {}): Pod =>
  ({ metadata: { name: 'p', ...meta }, spec: { containers: [{ name: 'a', image: 'x' }], ...spec }, status }) as Pod;
const running = (name = 'a', extra: Record<string, unknown> = {}) => ({ name, ready: true, restartCount: 0, image: 'x', imageID: '', state: { running: { startedAt: rfc3339(0) } }, ...extra });
const waiting = (reason: string, name = 'a', extra: Record<string, unknown> = {}) => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { waiting: { reason } }, ...extra });
const terminated = (reason: string, exitCode: number, name = 'a', extra: Record<string, unknown> = {}) => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { reason, exitCode } }, ...extra });

describe('podRowStatus (printPod STATUS, READY and RESTARTS)', () => {
  it('shows the phase of a running pod with its ready containers', () => {
    expect(podRowStatus(pod({}, { phase: 'Running', containerStatuses: [running()] }), NOW)).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('shows the waiting reason of a container being created', () => {
    expect(podRowStatus(pod({}, { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] }), NOW).status).toBe('ContainerCreating');
  });

  it('counts init containers as Init:N/M while they run', () => {
    const p = pod(
      { initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }] },
      { phase: 'Pending', initContainerStatuses: [terminated('Completed', 0, 'i1'), running('i2', { ready: false })], containerStatuses: [waiting('PodInitializing')] },
    );
    expect(podRowStatus(p, NOW)).toMatchObject({ status: 'Init:1/2', ready: '0/1' });
  });

  it('prefixes a failing init container\'s reason with Init:', () => {
    const p = pod({ initContainers: [{ name: 'i1', image: 'x' }] }, { phase: 'Pending', initContainerStatuses: [waiting('CrashLoopBackOff', 'i1')] });
    expect(podRowStatus(p, NOW).status).toBe('Init:CrashLoopBackOff');
    const q = pod({ initContainers: [{ name: 'i1', image: 'x' }] }, { phase: 'Pending', initContainerStatuses: [terminated('Error', 1, 'i1')] });
    expect(podRowStatus(q, NOW).status).toBe('Init:Error');
  });

  it('counts a started sidecar among the containers and does not block the status', () => {
    const p = pod(
      { initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always' }] },
      { phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }], initContainerStatuses: [running('side', { started: true })], containerStatuses: [running()] },
    );
    expect(podRowStatus(p, NOW)).toMatchObject({ ready: '2/2', status: 'Running' });
  });

  it('shows CrashLoopBackOff with restarts and how long ago the last one ended', () => {
    const p = pod({}, { phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff', 'a', { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: rfc3339(NOW - 45_000) } } })] });
    expect(podRowStatus(p, NOW)).toMatchObject({ status: 'CrashLoopBackOff', restarts: '3 (45s ago)' });
  });

  it('shows Completed for a finished pod and Running when one container still runs', () => {
    expect(podRowStatus(pod({}, { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] }), NOW).status).toBe('Completed');
    const two = pod(
      { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] },
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [terminated('Completed', 0), running('b')] },
    );
    expect(podRowStatus(two, NOW).status).toBe('NotReady');
  });

  it('prints ExitCode:N and Signal:N for a terminated container without a reason', () => {
    expect(podRowStatus(pod({}, { phase: 'Failed', containerStatuses: [terminated('', 137)] }), NOW).status).toBe('ExitCode:137');
  });

  it('shows Terminating while a deletion is pending, but not for a finished pod', () => {
    const del = { deletionTimestamp: rfc3339(NOW) };
    expect(podRowStatus(pod({}, { phase: 'Running', containerStatuses: [running()] }, del), NOW).status).toBe('Terminating');
    expect(podRowStatus(pod({}, { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] }, del), NOW).status).toBe('Completed');
  });

  it('shows the pod reason (Evicted) and Unknown for a pod on a lost node', () => {
    expect(podRowStatus(pod({}, { phase: 'Failed', reason: 'Evicted' }), NOW).status).toBe('Evicted');
    expect(podRowStatus(pod({}, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: rfc3339(0) }), NOW).status).toBe('Unknown');
  });

  it('shows SchedulingGated for a pod held by scheduling gates', () => {
    expect(podRowStatus(pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), NOW).status).toBe('SchedulingGated');
  });
});
