import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../api/apiServer';
import { fromMap } from '../../api/selectors';
import { ObjectStore } from '../../api/store';
import { registerStandardIndexes } from '../../api/indexes';
import { Rng } from '../../random';
import { rfc3339 } from '../../time';
import { PodTracker } from './podTracker';

/** The counts as upstream derives them: list the owner's pods, keep the active selected ones, count. */
function recount(pods: Pod[], ownerUid: string, minReadySeconds: number, now: number) {
  const owned = pods.filter((p) => p.metadata!.ownerReferences?.some((r) => r.controller && r.uid === ownerUid));
  const selected = owned.filter((p) => p.metadata!.labels?.app === 'web');
  const active = selected.filter((p) => !p.metadata!.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status!.phase!));
  const ready = active.filter((p) => p.status!.conditions!.some((c) => c.type === 'Ready' && c.status === 'True'));
  const available = ready.filter((p) => {
    const since = Date.parse(p.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!) - Date.parse(rfc3339(0));
    return minReadySeconds === 0 || since + minReadySeconds * 1000 <= now;
  });
  return {
    replicas: active.length,
    fullyLabeled: active.filter((p) => p.metadata!.labels?.tier === 'fe').length,
    ready: ready.length,
    available: available.length,
    terminating: selected.filter((p) => p.metadata!.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status!.phase!)).length,
  };
}

describe('PodTracker', () => {
  it('keeps the same counts as re-listing and re-counting the pods after every change', () => {
    const rng = new Rng(7);
    const store = new ObjectStore();
    registerStandardIndexes(store);
    const tracker = new PodTracker(store);
    const selector = fromMap({ app: 'web' });
    const template = fromMap({ app: 'web', tier: 'fe' });
    const pods = new Map<string, Pod>();
    const emit = (ev: WatchEvent) => {
      if (ev.type === 'DELETED') store.remove(ev.old ?? ev.object);
      else store.put(ev.object, ev.old);
      tracker.observe(ev);
    };
    const owners = ['rs-a', 'rs-b'];
    let now = 0;
    tracker.ownedBy('rs-a', selector, template);
    for (let step = 0; step < 2000; step++) {
      now += rng.int(3000);
      const uid = `p${rng.int(40)}`;
      const old = pods.get(uid);
      if (old && rng.int(6) === 0) {
        pods.delete(uid);
        emit({ type: 'DELETED', object: old as any, old: old as any });
        continue;
      }
      const owner = rng.pick(owners);
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: uid,
          namespace: 'default',
          uid,
          labels: rng.int(5) === 0 ? { app: 'other' } : rng.int(2) ? { app: 'web', tier: 'fe' } : { app: 'web' },
          ...(rng.int(8) === 0 ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] }),
          ...(rng.int(5) === 0 ? { deletionTimestamp: rfc3339(now) } : {}),
        },
        status: {
          phase: rng.pick(['Pending', 'Running', 'Running', 'Succeeded', 'Failed']),
          conditions: [{ type: 'Ready', status: rng.int(2) ? 'True' : 'False', lastTransitionTime: rfc3339(now - rng.int(20_000)) }],
        },
      };
      pods.set(uid, pod);
      emit({ type: old ? 'MODIFIED' : 'ADDED', object: pod as any, old: old as any });
      if (step === 1000) tracker.ownedBy('rs-b', selector, template);
      for (const o of step > 1000 ? owners : ['rs-a']) {
        const minReady = o === 'rs-a' ? 0 : 10;
        const got = tracker.ownedBy(o, selector, template).counts(minReady, now);
        const { nextAvailableIn: _next, ...counts } = got;
        expect(counts).toEqual(recount([...pods.values()], o, minReady, now));
      }
    }
  });

  it('re-evaluates every pod when the owner\'s selector changes', () => {
    const store = new ObjectStore();
    registerStandardIndexes(store);
    const pod = (name: string, app: string): any => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: name, labels: { app }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs', controller: true }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(0) }] },
    });
    store.put(pod('a', 'web'), undefined);
    store.put(pod('b', 'api'), undefined);
    const tracker = new PodTracker(store);
    const web = fromMap({ app: 'web' });
    const owned = tracker.ownedBy('rs', web, web);
    expect(owned.counts(0, 0).replicas).toBe(1);
    expect(owned.unselectedPods().map((p) => p.metadata!.name)).toEqual(['b']);
    const api = fromMap({ app: 'api' });
    tracker.ownedBy('rs', api, api);
    expect(owned.counts(0, 0).replicas).toBe(1);
    expect(owned.unselectedPods().map((p) => p.metadata!.name)).toEqual(['a']);
  });
});
