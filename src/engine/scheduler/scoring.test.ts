import { describe, it, expect } from 'vitest';
import { addNode, nodeOf, podYaml, schedulerCluster, schedulerOf } from './testing';
import { RECENT_DECISIONS } from './decisions';

describe('TaintToleration score', () => {
  it('prefers nodes without PreferNoSchedule taints the pod does not tolerate (weight 3, reversed)', () => {
    const tc = schedulerCluster({ workers: 0 });
    addNode(tc, 'soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] });
    addNode(tc, 'clean');
    tc.apply(podYaml('app')).advance('1s');
    expect(nodeOf(tc, 'app')).toBe('clean');
    const d = schedulerOf(tc).lastDecision('default', 'app')!;
    expect(d.perNode.find((v) => v.node === 'soft')!.scores!.TaintToleration).toBe(0);
    expect(d.perNode.find((v) => v.node === 'clean')!.scores!.TaintToleration).toBe(300);
  });

  it('lets a tolerating pod score both alike', () => {
    const tc = schedulerCluster({ workers: 0 });
    addNode(tc, 'soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] });
    addNode(tc, 'clean');
    tc.apply(podYaml('ok', { spec: '  tolerations:\n  - key: spot\n    operator: Exists' })).advance('1s');
    const d = schedulerOf(tc).lastDecision('default', 'ok')!;
    expect(d.perNode.filter((v) => v.scores).map((v) => v.scores!.TaintToleration)).toEqual([300, 300]);
  });
});

describe('PodTopologySpread score', () => {
  it('normalizes default hostname spreading: the emptier node gets 100, the fuller less', () => {
    const tc = schedulerCluster({ workers: 2 });
    tc.apply('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    tc.apply(podYaml('w0', { labels: { app: 'web' }, spec: '  nodeSelector:\n    kubernetes.io/hostname: worker-1' })).advance('1s');
    tc.apply(podYaml('w1', { labels: { app: 'web' } })).advance('1s');
    expect(nodeOf(tc, 'w1')).toBe('worker-2');
    const d = schedulerOf(tc).lastDecision('default', 'w1')!;
    // raw: count·log(2+2) + (3−1): worker-1 round(1.386+2)=3, worker-2 2 → 100·(3+2−s)/3
    expect(d.perNode.find((v) => v.node === 'worker-2')!.scores!.PodTopologySpread).toBe(2 * 100);
    expect(d.perNode.find((v) => v.node === 'worker-1')!.scores!.PodTopologySpread).toBe(2 * 66);
  });
});

describe('InterPodAffinity score', () => {
  it('draws a pod towards a node running pods it prefers', () => {
    const tc = schedulerCluster({ workers: 3 });
    tc.apply(podYaml('cache', { labels: { app: 'cache' }, spec: '  nodeSelector:\n    kubernetes.io/hostname: worker-3' })).advance('1s');
    const pref = '  affinity:\n    podAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        podAffinityTerm:\n          labelSelector:\n            matchLabels:\n              app: cache\n          topologyKey: kubernetes.io/hostname';
    tc.apply(podYaml('web', { spec: pref })).advance('1s');
    expect(nodeOf(tc, 'web')).toBe('worker-3');
    const d = schedulerOf(tc).lastDecision('default', 'web')!;
    expect(d.perNode.find((v) => v.node === 'worker-3')!.scores!.InterPodAffinity).toBe(200);
    expect(d.perNode.find((v) => v.node === 'worker-1')!.scores!.InterPodAffinity).toBe(0);
  });
});

describe('ImageLocality score', () => {
  it('favours nodes that already hold the image, scaled by its spread', () => {
    const tc = schedulerCluster({ workers: 0 });
    addNode(tc, 'warm', { images: [{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 600 * 1024 * 1024 }] });
    addNode(tc, 'cold');
    tc.apply(podYaml('web')).advance('1s');
    expect(nodeOf(tc, 'web')).toBe('warm');
    const d = schedulerOf(tc).lastDecision('default', 'web')!;
    // 600MB × (1 of 3 nodes) = 200MB → 100·(200−23)/(1000−23) = 18
    expect(d.perNode.find((v) => v.node === 'warm')!.scores!.ImageLocality).toBe(18);
    expect(d.perNode.find((v) => v.node === 'cold')!.scores!.ImageLocality).toBe(0);
  });
});

describe('fast and full filter paths', () => {
  it('agree on a mix of plain, cordoned and tainted nodes', () => {
    const tc = schedulerCluster({ workers: 0 });
    addNode(tc, 'plain', { cpu: '1' });
    addNode(tc, 'cordoned', { unschedulable: true });
    addNode(tc, 'tainted', { taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] });
    addNode(tc, 'soft', { cpu: '1', taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
    tc.apply(podYaml('big', { cpu: '2' })).advance('1s');
    const d = schedulerOf(tc).lastDecision('default', 'big')!;
    const byNode = Object.fromEntries(d.perNode.map((v) => [v.node, v.filter]));
    expect(byNode).toEqual({
      'control-plane': 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      plain: 'Insufficient cpu',
      cordoned: 'node(s) were unschedulable',
      tainted: 'node(s) had untolerated taint {gpu: yes}',
      soft: 'Insufficient cpu',
    });
  });
});

describe('resources', () => {
  it('frees the resources of a pod that finished (Succeeded) for pending pods', () => {
    const tc = schedulerCluster({ workers: 1 });
    tc.apply(podYaml('job', { cpu: '3' })).advance('1s');
    tc.apply(podYaml('next', { cpu: '3' })).advance('1s');
    expect(nodeOf(tc, 'next')).toBe('');
    tc.api.patchStatus('Pod', 'default', 'job', (d: any) => void (d.status.phase = 'Succeeded'));
    tc.advance('3s');
    expect(nodeOf(tc, 'next')).toBe('worker-1');
  });
});

describe('decision memory', () => {
  it('keeps pending pods and only the most recent decisions', () => {
    const tc = schedulerCluster({ workers: 3 });
    const n = RECENT_DECISIONS + 20;
    for (let i = 0; i < n; i++) tc.apply(podYaml(`p${i}`));
    tc.apply(podYaml('pending', { cpu: '100' }));
    tc.advance('1s');
    const s = schedulerOf(tc);
    expect(s.lastDecision('default', 'p0')).toBeUndefined();
    expect(s.lastDecision('default', `p${n - 1}`)?.outcome).toBe('Scheduled');
    expect(s.lastDecision('default', 'pending')?.outcome).toBe('Unschedulable');
  });
});
