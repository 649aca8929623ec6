import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../time';
import { deletesBefore, logarithmicRankDiff, podDeletionCost, rankByRelatedPodsOnSameNode, sortForDeletion, type RankedPod } from './podRanking';

const NOW = 10 * 24 * 3600 * 1000;
const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;

interface PodOpts {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  created?: number;
  cost?: string;
  restarts?: number;
  sidecarRestarts?: number;
  uid?: string;
  deleting?: boolean;
}

function pod(o: PodOpts): Pod {
  const ready = o.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      uid: o.uid ?? o.name,
      creationTimestamp: rfc3339(o.created ?? NOW - DAY),
      ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}),
      ...(o.deleting ? { deletionTimestamp: rfc3339(NOW) } : {}),
    },
    spec: {
      ...(o.node === '' ? {} : { nodeName: o.node ?? 'node-1' }),
      containers: [{ name: 'app', image: 'nginx' }],
      ...(o.sidecarRestarts !== undefined ? { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] } : {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339(o.readySince ?? NOW - DAY) }],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready, restartCount: o.restarts ?? 0 }],
      ...(o.sidecarRestarts !== undefined ? { initContainerStatuses: [{ name: 'proxy', image: 'envoy', imageID: '', ready: true, restartCount: o.sidecarRestarts }] } : {}),
    },
  };
}

const r = (p: Pod, rank = 0): RankedPod => ({ pod: p, rank });
/** Which of the two the ReplicaSet deletes first. */
const first = (a: RankedPod, b: RankedPod) => sortForDeletion([a, b], NOW)[0].pod.metadata!.name;

describe('ActivePodsWithRanks: which pod a ReplicaSet deletes first (facts §3)', () => {
  it('an unscheduled Pending pod before a Running, Ready pod on node1', () => {
    expect(first(r(pod({ name: 'A', node: 'node1' })), r(pod({ name: 'B', node: '', phase: 'Pending', ready: false })))).toBe('B');
  });

  it('a Running pod that is not Ready before a Running, Ready one', () => {
    expect(first(r(pod({ name: 'A' })), r(pod({ name: 'B', ready: false })))).toBe('B');
  });

  it('the doubled-up pod (its node runs 2 pods of the owner) before the one alone on its node', () => {
    const a = pod({ name: 'A', node: 'n1' });
    const a2 = pod({ name: 'A2', node: 'n1' });
    const b = pod({ name: 'B', node: 'n2' });
    const ranked = rankByRelatedPodsOnSameNode([a, b], [a, a2, b]);
    expect(ranked.map((x) => x.rank)).toEqual([2, 1]);
    expect(first(ranked[1], ranked[0])).toBe('A');
  });

  it('the newer pod (created 1 minute ago) before the older one (1 day ago)', () => {
    expect(first(r(pod({ name: 'B', created: NOW - DAY, readySince: NOW - DAY })), r(pod({ name: 'A', created: NOW - MIN, readySince: NOW - DAY })))).toBe('A');
  });

  it('Pending before Unknown before Running', () => {
    const pending = pod({ name: 'pending', phase: 'Pending', ready: false });
    const unknown = pod({ name: 'unknown', phase: 'Unknown', ready: false });
    const running = pod({ name: 'running', phase: 'Running', ready: false });
    expect(sortForDeletion([r(running), r(unknown), r(pending)], NOW).map((x) => x.pod.metadata!.name)).toEqual(['pending', 'unknown', 'running']);
  });

  it('a lower pod-deletion-cost first, even before a doubled-up pod', () => {
    const cheap = r(pod({ name: 'cheap', cost: '-10' }), 1);
    const doubled = r(pod({ name: 'doubled', cost: '5' }), 3);
    expect(first(doubled, cheap)).toBe('cheap');
  });

  it('reads a missing or invalid pod-deletion-cost as 0', () => {
    expect(podDeletionCost(pod({ name: 'x' }))).toBe(0);
    expect(podDeletionCost(pod({ name: 'x', cost: 'high' }))).toBe(0);
    expect(podDeletionCost(pod({ name: 'x', cost: '-42' }))).toBe(-42);
  });

  it('Ready for a shorter time first, compared in log2 buckets of age', () => {
    const recent = r(pod({ name: 'recent', readySince: NOW - 5 * MIN }));
    const old = r(pod({ name: 'old', readySince: NOW - 5 * DAY }));
    expect(first(old, recent)).toBe('recent');
  });

  it('ready times in the same log2 bucket fall through to the UID', () => {
    // 40 s and 50 s ago: both floor(log2(ns)) = 35.
    expect(logarithmicRankDiff(NOW - 40_000, NOW - 50_000, NOW)).toBe(0);
    const x = r(pod({ name: 'x', uid: 'bbb', readySince: NOW - 40_000 }));
    const y = r(pod({ name: 'y', uid: 'aaa', readySince: NOW - 50_000 }));
    expect(first(x, y)).toBe('y');
  });

  it('more container restarts first, then more sidecar restarts', () => {
    expect(first(r(pod({ name: 'calm', restarts: 0 })), r(pod({ name: 'crashy', restarts: 4 })))).toBe('crashy');
    expect(first(r(pod({ name: 'a', restarts: 1, sidecarRestarts: 0 })), r(pod({ name: 'b', restarts: 1, sidecarRestarts: 2 })))).toBe('b');
  });

  it('a pod without a creation timestamp before one with it', () => {
    const dated = pod({ name: 'none' });
    const noTime: Pod = { ...dated, metadata: { name: 'none', uid: 'none' } };
    expect(first(r(pod({ name: 'dated' })), r(noTime))).toBe('none');
  });

  it('ranks only active related pods: Terminating ones do not make a node crowded', () => {
    const a = pod({ name: 'A', node: 'n1' });
    const gone = pod({ name: 'gone', node: 'n1', deleting: true });
    expect(rankByRelatedPodsOnSameNode([a], [a, gone])[0].rank).toBe(1);
  });

  it('is a strict order: no pod is before itself, and the two directions never both hold', () => {
    const pods = [
      pod({ name: 'p1', node: '', phase: 'Pending', ready: false }),
      pod({ name: 'p2', ready: false }),
      pod({ name: 'p3', cost: '3' }),
      pod({ name: 'p4', restarts: 2 }),
      pod({ name: 'p5', created: NOW - MIN }),
      pod({ name: 'p6', readySince: NOW - 3 * MIN }),
    ].map((p, i) => r(p, i % 2));
    for (const a of pods) {
      expect(deletesBefore(a, a, NOW)).toBe(false);
      for (const b of pods) if (a !== b) expect(deletesBefore(a, b, NOW) && deletesBefore(b, a, NOW)).toBe(false);
    }
    expect(sortForDeletion(pods, NOW).map((x) => x.pod.metadata!.name)).toEqual(['p1', 'p2', 'p6', 'p4', 'p5', 'p3']);
  });
});
