import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../engine/api/object';
import { INITIAL_CANVAS, snapshotToFlow, type CanvasFrame } from './canvasFlow';
import type { CanvasNode, NodeTileData, PodCardData } from './flowTypes';
import { cluster, deployment, node, pod, replicaSet, service, snapshot } from './fixtures.test-util';
import { assignSlots } from './slots';

const byId = (f: CanvasFrame, id: string) => f.nodes.find((n) => n.id === id);
const pos = (f: CanvasFrame, id: string) => byId(f, id)?.position;
const inside = (f: CanvasFrame, podId: string, nodeName: string) => {
  const p = byId(f, podId)!;
  const n = byId(f, `node:${nodeName}`)!;
  return p.position.x >= n.position.x && p.position.y >= n.position.y && p.position.x + p.width! <= n.position.x + n.width! && p.position.y + p.height! <= n.position.y + n.height!;
};

describe('assignSlots', () => {
  it('keeps survivors in place and gives newcomers the lowest free slots', () => {
    const a = assignSlots(undefined, ['a', 'b', 'c']);
    expect([...a]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    const b = assignSlots(a, ['a', 'c', 'd', 'e']);
    expect([...b]).toEqual([['a', 0], ['c', 2], ['d', 1], ['e', 3]]);
    expect(assignSlots(b, ['e', 'd', 'c', 'a'])).toBe(b);
  });
});

describe('snapshotToFlow', () => {
  const base = cluster(3);

  it('draws every node, control plane first and the rest in name order, each holding its pods', () => {
    const objs = [...cluster(11), pod('a', { node: 'worker-2' }), pod('b', { node: 'worker-10' }), pod('c')];
    const f = snapshotToFlow(snapshot(objs), INITIAL_CANVAS);
    expect(f.tier).toBe('detailed');
    const containers = f.nodes.filter((n) => n.type === 'clusterNode').map((n) => n.id);
    expect(containers).toEqual(['node:control-plane', ...Array.from({ length: 11 }, (_, i) => `node:worker-${i + 1}`)]);
    expect(inside(f, 'pod:pod-a', 'worker-2')).toBe(true);
    expect(inside(f, 'pod:pod-b', 'worker-10')).toBe(true);
    const un = byId(f, 'unscheduled')!;
    const c = byId(f, 'pod:pod-c')!;
    expect(c.position.y).toBeGreaterThanOrEqual(un.position.y);
    expect(c.position.y + c.height!).toBeLessThanOrEqual(un.position.y + un.height!);
  });

  it('keeps every pod where it was when others come and go', () => {
    const pods = ['p1', 'p2', 'p3', 'p4'].map((n, i) => pod(n, { node: 'worker-1', created: i }));
    const f1 = snapshotToFlow(snapshot([...base, ...pods]), INITIAL_CANVAS);
    // p2 goes away, p5 arrives on the same node, p6 on another, p7 waits.
    const f2 = snapshotToFlow(snapshot([...base, pods[0], pods[2], pods[3], pod('p5', { node: 'worker-1', created: 9 }), pod('p6', { node: 'worker-3' }), pod('p7')]), f1);
    for (const id of ['p1', 'p3', 'p4']) expect(pos(f2, `pod:pod-${id}`)).toEqual(pos(f1, `pod:pod-${id}`));
    // The newcomer takes the freed slot.
    expect(pos(f2, 'pod:pod-p5')).toEqual(pos(f1, 'pod:pod-p2'));
    // Nodes do not move.
    for (const n of ['control-plane', 'worker-1', 'worker-2', 'worker-3']) expect(pos(f2, `node:${n}`)).toEqual(pos(f1, `node:${n}`));
  });

  it('moves a pod from the waiting area onto its node when it is scheduled, and nothing else', () => {
    const waiting = [pod('a', { created: 1 }), pod('b', { created: 2 })];
    const f1 = snapshotToFlow(snapshot([...base, ...waiting, pod('x', { node: 'worker-1' })]), INITIAL_CANVAS);
    const f2 = snapshotToFlow(snapshot([...base, pod('a', { created: 1, node: 'worker-2', ready: false }), waiting[1], pod('x', { node: 'worker-1' })]), f1);
    expect(inside(f2, 'pod:pod-a', 'worker-2')).toBe(true);
    expect(pos(f2, 'pod:pod-b')).toEqual(pos(f1, 'pod:pod-b'));
    expect(pos(f2, 'pod:pod-x')).toEqual(pos(f1, 'pod:pod-x'));
  });

  it('grows a node as pods arrive but does not shrink it when they leave', () => {
    const many = Array.from({ length: 7 }, (_, i) => pod(`m${i}`, { node: 'worker-1', created: i }));
    const f1 = snapshotToFlow(snapshot([...base]), INITIAL_CANVAS);
    const f2 = snapshotToFlow(snapshot([...base, ...many]), f1);
    const h1 = byId(f1, 'node:worker-1')!.height!;
    const h2 = byId(f2, 'node:worker-1')!.height!;
    expect(h2).toBeGreaterThan(h1);
    const f3 = snapshotToFlow(snapshot([...base, many[0]]), f2);
    expect(byId(f3, 'node:worker-1')!.height).toBe(h2);
  });

  it('hands back the same objects when nothing changed', () => {
    const objs = [...base, pod('a', { node: 'worker-1' })];
    const f1 = snapshotToFlow(snapshot(objs, 0, 1), INITIAL_CANVAS);
    const f2 = snapshotToFlow(snapshot(objs, 0, 2), f1);
    expect(f2.nodes).toBe(f1.nodes);
    expect(f2.edges).toBe(f1.edges);
  });

  it('links a Deployment to its ReplicaSets and their pods, with each pod\'s revision', () => {
    const d = deployment('web', 2);
    const old = replicaSet('web-old', d, 1, 1);
    const cur = replicaSet('web-new', d, 2, 1);
    const objs = [...base, d, old, cur, pod('web-old-a', { node: 'worker-1', owner: old }), pod('web-new-b', { node: 'worker-2', owner: cur })];
    const f = snapshotToFlow(snapshot(objs), INITIAL_CANVAS);
    const edges = f.edges.map((e) => `${e.source}>${e.target}`);
    expect(edges).toContain(`wl:${d.metadata.uid}>wl:${old.metadata.uid}`);
    expect(edges).toContain(`wl:${old.metadata.uid}>pod:pod-web-old-a`);
    expect(edges).toContain(`wl:${cur.metadata.uid}>pod:pod-web-new-b`);
    const a = byId(f, 'pod:pod-web-old-a')!.data as PodCardData;
    const b = byId(f, 'pod:pod-web-new-b')!.data as PodCardData;
    expect([a.revision, a.newest]).toEqual([1, false]);
    expect([b.revision, b.newest]).toEqual([2, true]);
  });

  it('tells a Service\'s ready endpoints from selected pods that are not ready', () => {
    const objs = [...base, service('web', { app: 'web' }), pod('r', { node: 'worker-1', labels: { app: 'web' } }), pod('n', { node: 'worker-2', labels: { app: 'web' }, ready: false }), pod('other', { node: 'worker-3' })];
    const f = snapshotToFlow(snapshot(objs), INITIAL_CANVAS);
    const svcEdges = f.edges.filter((e) => e.source.startsWith('svc:'));
    expect(svcEdges.map((e) => [e.target, e.data!.kind])).toEqual([
      ['pod:pod-r', 'svc-ready'],
      ['pod:pod-n', 'svc-notready'],
    ]);
  });

  it('aggregates edges per node when there are many pods, except for the focused object', () => {
    const d = deployment('web', 30);
    const rs = replicaSet('web-1', d, 1, 30);
    const pods = Array.from({ length: 30 }, (_, i) => pod(`w${i}`, { node: `worker-${(i % 3) + 1}`, owner: rs, labels: { app: 'web' } }));
    const objs = [...base, d, rs, service('web', { app: 'web' }), ...pods];
    const f = snapshotToFlow(snapshot(objs), INITIAL_CANVAS);
    const owner = f.edges.filter((e) => e.source === `wl:${rs.metadata.uid}`);
    expect(owner.map((e) => [e.target, e.label])).toEqual([
      ['node:worker-1', '10'],
      ['node:worker-2', '10'],
      ['node:worker-3', '10'],
    ]);
    expect(f.edges.find((e) => e.source.startsWith('svc:') && e.target === 'node:worker-1')?.label).toBe('10/10');
    // Count labels are drawn by the count edge, which sizes them without measuring the DOM.
    expect(owner.every((e) => e.type === 'count')).toBe(true);

    const focused = snapshotToFlow(snapshot(objs), f, { selected: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' } });
    expect(focused.edges.filter((e) => e.source === `wl:${rs.metadata.uid}`)).toHaveLength(30);
    expect((byId(focused, 'pod:pod-w0')!.data as PodCardData).emphasis).toBe('related');
    expect(byId(focused, `wl:${d.metadata.uid}`)!.data.emphasis).toBe('related');
    expect(byId(focused, 'node:worker-1')!.data.emphasis).toBe('dim');
  });

  it('collapses to node tiles with pod cells past the detailed limits, keeping slots', () => {
    const pods = Array.from({ length: 300 }, (_, i) => pod(`p${i}`, { node: `worker-${(i % 3) + 1}`, created: i }));
    const f = snapshotToFlow(snapshot([...base, ...pods]), INITIAL_CANVAS);
    expect(f.tier).toBe('compact');
    expect(f.nodes.some((n) => n.type === 'pod')).toBe(false);
    const tile = byId(f, 'node:worker-1') as CanvasNode & { data: NodeTileData };
    expect(tile.type).toBe('nodeTile');
    expect(tile.data.cells).toHaveLength(100);
    expect(tile.data.cells.map((c) => c.slot)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // The size is known, so React Flow keeps the handles it measured instead of measuring every changed node again.
    for (const n of f.nodes) expect(n.measured).toEqual({ width: n.width, height: n.height });
  });

  it('draws a thousand nodes as one heat map, with the selected node as a tile', () => {
    const objs: KObject[] = [node('control-plane', { controlPlane: true })];
    for (let i = 1; i <= 1000; i++) objs.push(node(`worker-${i}`));
    for (let i = 0; i < 2000; i++) objs.push(pod(`p${i}`, { node: `worker-${(i % 1000) + 1}` }));
    const f = snapshotToFlow(snapshot(objs), INITIAL_CANVAS, { selected: { kind: 'Node', name: 'worker-7' } });
    expect(f.tier).toBe('heat');
    expect(f.nodes.filter((n) => n.type === 'heatmap')).toHaveLength(1);
    expect(f.nodes.filter((n) => n.type === 'nodeTile').map((n) => n.id)).toEqual(['node:worker-7']);
    expect(f.nodes.length).toBeLessThan(10);
  });

  it('skips frames where nothing drawn changed in the dense tiers (time passing, leases, events)', () => {
    const objs: KObject[] = [node('control-plane', { controlPlane: true })];
    for (let i = 1; i <= 200; i++) objs.push(node(`worker-${i}`));
    const pods = Array.from({ length: 400 }, (_, i) => pod(`p${i}`, { node: `worker-${(i % 200) + 1}` }));
    const lease: KObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'worker-1', namespace: 'kube-node-lease' } };
    const f1 = snapshotToFlow(snapshot([...objs, ...pods, lease], 0, 1), INITIAL_CANVAS);
    expect(f1.tier).toBe('heat');
    const f2 = snapshotToFlow(snapshot([...objs, ...pods, { ...lease }], 500, 2), f1);
    expect(f2).toBe(f1);
    const f3 = snapshotToFlow(snapshot([...objs, ...pods.slice(1), lease], 600, 3), f2);
    expect(f3).not.toBe(f2);
    expect(snapshotToFlow(snapshot([...objs, ...pods.slice(1), lease], 700, 4), f3, { selected: { kind: 'Node', name: 'worker-3' } })).not.toBe(f3);
  });
});
