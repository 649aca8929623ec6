import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../engine/events/recorder';
import { expectedPullMs, PullTracker } from './pullProgress';

const ev = (time: number, reason: string, message: string, uid = 'p1'): EventRecord => ({
  time, type: 'Normal', reason, message, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid }, source: { component: 'kubelet' }, count: 1, eventName: '',
});

describe('PullTracker', () => {
  it('estimates a pull from the image size and ends it at Pulled', () => {
    const total = expectedPullMs('nginx:1.27')!;
    expect(total).toBeGreaterThan(1000);
    const log: EventRecord[] = [ev(1000, 'Scheduled', 'x'), ev(2000, 'Pulling', 'Pulling image "nginx:1.27"')];
    const t = new PullTracker();
    t.sync(log);
    expect(t.progress('p1', 2000)).toBe(0);
    expect(t.progress('p1', 2000 + total / 2)).toBeCloseTo(0.5);
    expect(t.progress('p1', 2000 + total * 3)).toBe(0.95);
    expect(t.progress('other', 2000)).toBeUndefined();
    log.push(ev(2000 + total, 'Pulled', 'Successfully pulled image "nginx:1.27" in 3s'));
    t.sync(log);
    expect(t.progress('p1', 2000 + total)).toBeUndefined();
  });

  it('starts over when the log is replaced or trimmed', () => {
    const t = new PullTracker();
    const a = [ev(0, 'Pulling', 'Pulling image "nginx:1.27"')];
    t.sync(a);
    expect(t.progress('p1', 0)).toBe(0);
    t.sync([ev(0, 'Pulling', 'Pulling image "redis:7"', 'p2')]);
    expect(t.progress('p1', 0)).toBeUndefined();
    expect(t.progress('p2', 0)).toBe(0);
  });

  it('reports a pull with no estimate as indeterminate', () => {
    const t = new PullTracker();
    t.sync([ev(0, 'Pulling', 'Pulling image')]);
    expect(t.progress('p1', 10)).toBeNull();
  });
});
