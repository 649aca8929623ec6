import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../time';
import { byActivePodsOrder } from './jobPods';

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readySince?: number; restarts?: number; created?: number }): Pod {
  return {
    metadata: { name, creationTimestamp: rfc3339(o.created ?? 0) },
    spec: { containers: [], nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(o.readySince ?? 0) }] : [],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: !!o.ready, restartCount: o.restarts ?? 0 }],
    },
  } as Pod;
}

const first = (a: Pod, b: Pod) => [a, b].sort(byActivePodsOrder)[0].metadata!.name;

describe('which active Job pods go first (controller.ActivePods)', () => {
  it('removes unscheduled, then Pending, then not-ready pods first', () => {
    expect(first(pod('a', { node: 'n1', ready: true }), pod('b', { phase: 'Pending' }))).toBe('b');
    expect(first(pod('a', { node: 'n1', phase: 'Running' }), pod('b', { node: 'n1', phase: 'Pending' }))).toBe('b');
    expect(first(pod('a', { node: 'n1', ready: true }), pod('b', { node: 'n1' }))).toBe('b');
  });

  it('then the pod ready for less time, with more restarts, created later', () => {
    expect(first(pod('a', { node: 'n', ready: true, readySince: 1000 }), pod('b', { node: 'n', ready: true, readySince: 5000 }))).toBe('b');
    expect(first(pod('a', { node: 'n', restarts: 0 }), pod('b', { node: 'n', restarts: 3 }))).toBe('b');
    expect(first(pod('a', { node: 'n', created: 1000 }), pod('b', { node: 'n', created: 60_000 }))).toBe('b');
  });
});
