import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { podInfoOf } from './podInfo';
import { backoffDuration, POD_MAX_IN_UNSCHEDULABLE_MS, SchedulingQueue } from './queue';

function info(name: string, priority = 0) {
  const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name }, spec: { containers: [], priority } };
  return podInfoOf(p);
}

describe('scheduling queue', () => {
  it('pops higher priority first, then the pod that entered first (PrioritySort)', () => {
    const q = new SchedulingQueue();
    q.add(info('low-1', 0), 0, false);
    q.add(info('high', 1000), 5, false);
    q.add(info('low-2', 0), 1, false);
    expect([q.pop()!.key, q.pop()!.key, q.pop()!.key]).toEqual(['default/high', 'default/low-1', 'default/low-2']);
  });

  it('backs off 1s, 2s, 4s, 8s, then 10s at most', () => {
    expect([1, 2, 3, 4, 5, 9].map(backoffDuration)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('sends a parked pod moved before its back-off expires to backoffQ, and to activeQ after', () => {
    const q = new SchedulingQueue();
    q.add(info('a'), 0, false);
    const qp = q.pop()!;
    qp.attempts = 1;
    q.addUnschedulable(qp, 100, new Set(['NodeResourcesFit']));
    q.moveToActiveOrBackoff(qp, 500);
    expect(qp.where).toBe('backoff');
    expect(q.nextBackoffExpiry()).toBe(1100);
    expect(q.flushBackoff(1099)).toBe(0);
    expect(q.flushBackoff(1100)).toBe(1);
    expect(q.pop()?.key).toBe('default/a');
  });

  it('retries pods parked for more than 5 minutes', () => {
    const q = new SchedulingQueue();
    q.add(info('a'), 0, false);
    const qp = q.pop()!;
    qp.attempts = 1;
    q.addUnschedulable(qp, 0, new Set(['NodeResourcesFit']));
    expect(q.flushUnschedulableLeftover(POD_MAX_IN_UNSCHEDULABLE_MS)).toBe(0);
    expect(q.flushUnschedulableLeftover(POD_MAX_IN_UNSCHEDULABLE_MS + 30_000)).toBe(1);
    expect(qp.where).toBe('active');
  });

  it('holds gated pods until an update clears the gates', () => {
    const q = new SchedulingQueue();
    const qp = q.add(info('g'), 0, true);
    expect(q.pop()).toBeUndefined();
    q.update(qp, info('g'), 10, false);
    expect(q.pop()?.key).toBe('default/g');
  });
});
