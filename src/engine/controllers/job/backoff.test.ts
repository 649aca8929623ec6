import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { BackoffStore, remainingBackoff } from './backoff';
import { rfc3339 } from '../../time';

function finished(phase: 'Succeeded' | 'Failed', atMs: number): Pod {
  return {
    metadata: { creationTimestamp: rfc3339(0) },
    status: { phase, containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: rfc3339(atMs) } } }] },
  } as Pod;
}

describe('Job pod-recreation back-off', () => {
  it('waits 10, 20, 40, 80, 160, 320 s after consecutive failures, capped at 10 min', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => remainingBackoff(n, 0, 0) / 1000);
    expect(delays).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
  });

  it('counts the time already passed since the last failure', () => {
    expect(remainingBackoff(2, 5_000, 12_000)).toBe(13_000);
    expect(remainingBackoff(1, 0, 15_000)).toBe(0);
    expect(remainingBackoff(0, undefined, 0)).toBe(0);
  });

  it('resets after a success and counts only failures that came after it', () => {
    const store = new BackoffStore();
    let rec = store.newRecord('ns/j', [], [finished('Failed', 1000), finished('Failed', 3000)]);
    expect(rec).toMatchObject({ failuresAfterLastSuccess: 2, lastFailureTime: 3000 });
    store.update(rec);
    rec = store.newRecord('ns/j', [finished('Succeeded', 5000)], [finished('Failed', 4000), finished('Failed', 7000)]);
    expect(rec).toMatchObject({ failuresAfterLastSuccess: 1, lastFailureTime: 7000 });
    store.update(rec);
    rec = store.newRecord('ns/j', [finished('Succeeded', 9000)], []);
    expect(rec.failuresAfterLastSuccess).toBe(0);
    expect(rec.lastFailureTime).toBeUndefined();
  });
});
