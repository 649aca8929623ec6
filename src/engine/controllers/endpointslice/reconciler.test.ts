import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { reconcileSlices, type SliceChanges } from './reconciler';
import { reconcileChangedPods } from './incremental';

const SVC: Service = {
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

function pod(i: number, opts: { ready?: boolean; deleting?: boolean; port?: number } = {}): Pod {
  return {
    metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' }, ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}) },
    spec: { nodeName: `worker-${(i % 3) + 1}`, containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: opts.port ?? 80 }] }] },
    status: { phase: 'Running', podIP: `10.244.${i % 3}.${(i % 250) + 2}`, conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

const node = (name: string) => ({ metadata: { name } });

let seq = 0;
/** Applies the writes the way the API server would (creates get a generated name). */
function apply(existing: EndpointSlice[], ch: SliceChanges): EndpointSlice[] {
  const out = new Map(existing.map((s) => [s.metadata!.name!, s]));
  for (const s of ch.delete) out.delete(s.metadata!.name!);
  for (const s of ch.update) out.set(s.metadata!.name!, s);
  for (const s of ch.create) {
    const name = `web-s${++seq}`;
    out.set(name, { ...s, metadata: { ...s.metadata, name } });
  }
  return [...out.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

const endpointsOf = (slices: EndpointSlice[]) =>
  slices
    .flatMap((s) => (s.endpoints ?? []).map((e) => `${e.targetRef!.name}@${s.ports?.[0]?.port}:${e.conditions!.ready}/${e.conditions!.serving}/${e.conditions!.terminating}`))
    .sort();

describe('EndpointSlice reconciler (k8s.io/endpointslice reconciler.go)', () => {
  it('fills new slices up to 100 endpoints, in pod order', () => {
    const pods = Array.from({ length: 150 }, (_, i) => pod(i));
    const ch = reconcileSlices({ service: SVC, pods, existing: [], node });
    expect(ch.create.map((s) => s.endpoints.length)).toEqual([100, 50]);
    expect(ch.create[0].endpoints[0].targetRef!.name).toBe('web-0');
    expect(ch.create[0].ports).toEqual([{ name: 'http', protocol: 'TCP', port: 80 }]);
    expect(ch.update).toEqual([]);
  });

  it('updates only the slice holding a pod whose readiness changed', () => {
    const pods = Array.from({ length: 150 }, (_, i) => pod(i));
    const slices = apply([], reconcileSlices({ service: SVC, pods, existing: [], node }));
    pods[120] = pod(120, { ready: false });
    const full = reconcileSlices({ service: SVC, pods, existing: slices, node });
    expect(full.create).toEqual([]);
    expect(full.update.map((s) => s.metadata!.name)).toEqual([slices[1].metadata!.name]);
    const inc = reconcileChangedPods({ service: SVC, changed: new Map([['web-120', pods[120]]]), existing: slices, node, sliceOf: (p) => slices.find((s) => s.endpoints.some((e) => e.targetRef!.name === p))?.metadata!.name });
    expect(inc).toEqual(full);
  });

  it('deletes slices owned by an old Service of the same name, and keeps an unchanged placeholder', () => {
    const stale: EndpointSlice = { metadata: { name: 'web-old', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'old-uid' }] }, addressType: 'IPv4', endpoints: [] };
    const ch = reconcileSlices({ service: SVC, pods: [], existing: [stale], node });
    // The stale slice becomes the placeholder: an update of it rather than a delete and a create.
    expect(ch.delete).toEqual([stale]);
    expect(ch.create).toHaveLength(1);
    const placeholder = apply([], ch);
    expect(reconcileSlices({ service: SVC, pods: [], existing: placeholder, node })).toEqual({ create: [], update: [], delete: [] });
  });

  it('copies the Service labels, headless label included, and follows their changes', () => {
    const slices = apply([], reconcileSlices({ service: SVC, pods: [pod(1)], existing: [], node }));
    const relabeled = { ...SVC, metadata: { ...SVC.metadata, labels: { app: 'web', tier: 'front' } }, spec: { ...SVC.spec, clusterIP: 'None' } };
    const ch = reconcileSlices({ service: relabeled, pods: [pod(1)], existing: slices, node });
    expect(ch.update[0].metadata!.labels).toEqual({ app: 'web', tier: 'front', 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  });

  it('leaves out terminal pods and pods without an IP, keeps terminating ones (not ready)', () => {
    const done = { ...pod(2), status: { ...pod(2).status, phase: 'Succeeded' } };
    const noIP = { ...pod(3), status: { phase: 'Pending' } };
    const ch = reconcileSlices({ service: SVC, pods: [pod(1, { deleting: true }), done, noIP], existing: [], node });
    expect(ch.create[0].endpoints.map((e) => [e.targetRef!.name, e.conditions])).toEqual([['web-1', { ready: false, serving: true, terminating: true }]]);
  });

  it('gives the same endpoints from the changed pods alone as from a full reconcile (property)', () => {
    let incremental = 0;
    const podState = fc.record({ present: fc.boolean(), ready: fc.boolean(), deleting: fc.boolean(), port: fc.constantFrom(80, 80, 80, 8080) });
    fc.assert(
      fc.property(fc.array(podState, { minLength: 1, maxLength: 260 }), fc.array(podState, { minLength: 260, maxLength: 260 }), (before, after) => {
        const make = (states: typeof before) => states.map((s, i) => (s.present ? pod(i, s) : undefined));
        const podsBefore = make(before);
        const podsAfter = make(after.slice(0, Math.max(before.length, 1)));
        const existing = apply([], reconcileSlices({ service: SVC, pods: podsBefore.filter((p): p is Pod => !!p), existing: [], node }));
        const changed = new Map<string, Pod | undefined>();
        podsAfter.forEach((p, i) => changed.set(`web-${i}`, p));
        const sliceOf = (name: string) => existing.find((s) => (s.endpoints ?? []).some((e) => e.targetRef!.name === name))?.metadata!.name;
        const inc = reconcileChangedPods({ service: SVC, changed, existing, node, sliceOf });
        const full = reconcileSlices({ service: SVC, pods: podsAfter.filter((p): p is Pod => !!p), existing, node });
        const expected = endpointsOf(apply(existing, full));
        if (!inc) return true;
        incremental++;
        const got = apply(existing, inc);
        expect(endpointsOf(got)).toEqual(expected);
        for (const s of got) expect((s.endpoints ?? []).length).toBeGreaterThan(0);
        for (const s of got) expect((s.endpoints ?? []).length).toBeLessThanOrEqual(100);
        return true;
      }),
      { numRuns: 150 },
    );
    // Most runs take the incremental path (the rest need the full reconcile: no slice before or after).
    expect(incremental).toBeGreaterThan(100);
  });
});
