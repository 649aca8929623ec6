import { describe, expect, it } from 'vitest';
import {
  equalIgnoreHash,
  findActiveOrLatest,
  getProportion,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
  type Dep,
  type RS,
} from './util';

const dep = (replicas: number, maxSurge: number | string, maxUnavailable: number | string, extra: Partial<Dep['spec']> = {}): Dep => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', annotations: {} },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } }, ...extra },
  status: {},
});

const rs = (name: string, replicas: number, opts: { available?: number; created?: string; annotations?: Record<string, string> } = {}): RS => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', uid: name, creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z', annotations: opts.annotations ?? {} },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
  status: { replicas, availableReplicas: opts.available ?? replicas },
});

describe('ResolveFenceposts (facts §1.2 vectors)', () => {
  const vectors: [number, number | string, number | string, number, number][] = [
    [1, '25%', '25%', 1, 0],
    [2, '25%', '25%', 1, 0],
    [3, '25%', '25%', 1, 0],
    [4, '25%', '25%', 1, 1],
    [5, '25%', '25%', 2, 1],
    [10, '25%', '25%', 3, 2],
    [10, '30%', '30%', 3, 3],
    [5, '0%', '10%', 0, 1],
    [2, 0, '1%', 0, 1],
    [3, 1, 0, 1, 0],
    [4, 0, 1, 0, 1],
  ];
  for (const [replicas, s, u, surge, unavailable] of vectors) {
    it(`${replicas} replicas with maxSurge ${s} and maxUnavailable ${u} resolve to surge ${surge}, unavailable ${unavailable}`, () => {
      expect(resolveFenceposts(s, u, replicas)).toEqual([surge, unavailable]);
      expect(maxSurge(dep(replicas, s, u))).toBe(surge);
      expect(maxUnavailable(dep(replicas, s, u))).toBe(unavailable);
    });
  }

  it('MaxUnavailable is 0 for 0 replicas and for Recreate, MaxSurge is 0 for Recreate', () => {
    expect(maxUnavailable(dep(0, '25%', '25%'))).toBe(0);
    const recreate = dep(4, '25%', '25%', { strategy: { type: 'Recreate' } });
    expect(maxUnavailable(recreate)).toBe(0);
    expect(maxSurge(recreate)).toBe(0);
  });

  it('MaxUnavailable never exceeds replicas', () => {
    expect(maxUnavailable(dep(2, 0, 5))).toBe(2);
  });

  it('an omitted strategy behaves as the defaulted RollingUpdate 25%/25%', () => {
    const d = dep(10, '25%', '25%');
    delete d.spec!.strategy;
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([3, 2]);
  });
});

describe('NewRSNewReplicas (facts §1.3)', () => {
  it('grows the new ReplicaSet by the room maxSurge leaves, counting spec replicas', () => {
    const d = dep(10, 3, 2);
    const oldRS = rs('old', 8);
    const newRS = rs('new', 3);
    expect(newRSNewReplicas(d, [oldRS, newRS], newRS)).toBe(5);
  });

  it('does not grow when the total is at replicas + maxSurge', () => {
    const d = dep(10, 3, 2);
    const newRS = rs('new', 3);
    expect(newRSNewReplicas(d, [rs('old', 10), newRS], newRS)).toBe(3);
  });

  it('never exceeds the Deployment replicas', () => {
    const d = dep(10, 3, 2);
    const newRS = rs('new', 9);
    expect(newRSNewReplicas(d, [rs('old', 0), newRS], newRS)).toBe(10);
  });

  it('is the full count for Recreate', () => {
    const d = dep(4, 1, 1, { strategy: { type: 'Recreate' } });
    const newRS = rs('new', 0);
    expect(newRSNewReplicas(d, [rs('old', 4), newRS], newRS)).toBe(4);
  });
});

describe('proportional scaling arithmetic (GetProportion)', () => {
  it('splits 5 added replicas 3 to the old and 2 to the new ReplicaSet in the docs example (10 → 15, surge 3)', () => {
    const d = dep(15, 3, 2);
    d.status = { replicas: 13 };
    const oldRS = rs('old', 8, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    const newRS = rs('new', 5, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    const toAdd = 15 + 3 - 13;
    const pOld = getProportion(oldRS, d, toAdd, 0);
    const pNew = getProportion(newRS, d, toAdd, pOld);
    expect([pOld, pNew]).toEqual([3, 2]);
  });

  it('takes a ReplicaSet\'s whole size when scaling to zero', () => {
    const d = dep(0, 3, 2);
    expect(getProportion(rs('a', 4), d, -6, 0)).toBe(-4);
  });

  it('never hands out more than is left', () => {
    const d = dep(20, 0, 1);
    const a = rs('a', 5, { annotations: { 'deployment.kubernetes.io/max-replicas': '10' } });
    expect(getProportion(a, d, 3, 0)).toBe(3);
  });
});

describe('ReplicaSet bookkeeping', () => {
  it('EqualIgnoreHash ignores pod-template-hash and empty-versus-missing maps', () => {
    const a = { metadata: { labels: { app: 'web', 'pod-template-hash': '5d59d67564' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const b = { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, spec: { containers: [{ name: 'c', image: 'y' }] } })).toBe(false);
  });

  it('FindActiveOrLatest returns the only active ReplicaSet, the newest when none is active, nothing when several are', () => {
    const older = rs('older', 0, { created: '2026-01-01T00:00:00Z' });
    const newer = rs('newer', 0, { created: '2026-01-01T00:01:00Z' });
    expect(findActiveOrLatest(undefined, [older, newer])?.metadata?.name).toBe('newer');
    expect(findActiveOrLatest(undefined, [older, rs('a', 2)])?.metadata?.name).toBe('a');
    expect(findActiveOrLatest(rs('n', 1), [rs('a', 2)])).toBeUndefined();
  });

  it('IsSaturated needs the size, the desired-replicas annotation and full availability', () => {
    const d = dep(3, 1, 0);
    expect(isSaturated(d, rs('n', 3, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } }))).toBe(true);
    expect(isSaturated(d, rs('n', 3, { available: 2, annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } }))).toBe(false);
    expect(isSaturated(d, rs('n', 3))).toBe(false);
  });

  it('a revived ReplicaSet gets the next revision and remembers its old numbers in revision-history', () => {
    const d = dep(3, 1, 0);
    const revived = rs('n', 0, { annotations: { 'deployment.kubernetes.io/revision': '1' } });
    expect(setNewReplicaSetAnnotations(d, revived, '3', true, 2000)).toBe(true);
    expect(revived.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    setNewReplicaSetAnnotations(d, revived, '5', true, 2000);
    expect(revived.metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1,3');
  });

  it('copies the Deployment\'s annotations except last-applied-configuration and the revision/replica ones', () => {
    const d = dep(3, 1, 0);
    d.metadata!.annotations = { team: 'blue', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '7' };
    const fresh = rs('n', 0);
    setNewReplicaSetAnnotations(d, fresh, '1', false, 2000);
    expect(fresh.metadata!.annotations).toEqual({
      team: 'blue',
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
  });
});
