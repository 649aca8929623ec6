import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { nodeShouldRunDaemonPod } from './nodeShouldRun';

function ds(spec: Record<string, unknown> = {}): DaemonSet {
  return { metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } } } } as DaemonSet;
}

function node(labels: Record<string, string> = {}, taints: { key: string; value?: string; effect: string }[] = []): Node {
  return { metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1', ...labels } }, spec: { taints } } as Node;
}

describe('NodeShouldRunDaemonPod', () => {
  it('runs on a plain node', () => {
    expect(nodeShouldRunDaemonPod(node(), ds())).toEqual({ shouldRun: true, shouldContinueRunning: true });
  });

  it('follows nodeSelector and required node affinity', () => {
    expect(nodeShouldRunDaemonPod(node({ disk: 'ssd' }), ds({ nodeSelector: { disk: 'ssd' } })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node({ disk: 'hdd' }), ds({ nodeSelector: { disk: 'ssd' } }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } };
    expect(nodeShouldRunDaemonPod(node({ zone: 'b' }), ds({ affinity })).shouldRun).toBe(false);
  });

  it('does not tolerate the control-plane taint by itself', () => {
    const cp = node({}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(cp, ds())).toEqual({ shouldRun: false, shouldContinueRunning: true });
    const tolerating = ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeShouldRunDaemonPod(cp, tolerating).shouldRun).toBe(true);
  });

  it('tolerates unhealthy-node and cordon taints, and network-unavailable only with hostNetwork', () => {
    for (const t of [
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ]) {
      expect(nodeShouldRunDaemonPod(node({}, [t]), ds()).shouldRun).toBe(true);
    }
    const net = node({}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(net, ds()).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(net, ds({ hostNetwork: true })).shouldRun).toBe(true);
  });

  it('evicts from an untolerated NoExecute taint', () => {
    expect(nodeShouldRunDaemonPod(node({}, [{ key: 'x', effect: 'NoExecute' }]), ds())).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });
});
