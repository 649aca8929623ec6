/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/object';
import { schedulerCluster } from '../../scheduler/testing';
import { testCluster, type TestCluster } from '../../testing/testCluster';
import { goLabelSelectorString } from './goSelectorString';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples/', import.meta.url));
const corpus = (p: string) => readFileSync(CORPUS + p, 'utf8');

/**
 * A zookeeper pod whose readiness the test sets itself, as a kubelet would report it (no
 * scheduler or kubelet takes it: the budget only looks at labels and the Ready condition).
 */
function readyPod(tc: TestCluster, name: string): void {
  tc.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'zookeeper' } }, spec: { schedulerName: 'by-hand', containers: [{ name: 'zk', image: 'zookeeper' }] } });
  setReady(tc, name, true);
}

function setReady(tc: TestCluster, name: string, ready: boolean): void {
  tc.api.patchStatus<KObject>('Pod', 'default', name, (d) => {
    d.status.phase = 'Running';
    d.status.conditions = [...(d.status.conditions ?? []).filter((c: { type: string }) => c.type !== 'Ready'), { type: 'Ready', status: ready ? 'True' : 'False' }];
  });
}

const pdb = (tc: TestCluster, name = 'zk-pdb') => tc.get('PodDisruptionBudget', name)!;
const summary = (tc: TestCluster, name = 'zk-pdb') => {
  const s = pdb(tc, name).status;
  const c = s.conditions.find((x: { type: string }) => x.type === 'DisruptionAllowed');
  return { currentHealthy: s.currentHealthy, desiredHealthy: s.desiredHealthy, disruptionsAllowed: s.disruptionsAllowed, expectedPods: s.expectedPods, condition: `${c.status} ${c.reason}` };
};

describe('disruption controller', () => {
  it('minAvailable 2 of 3 ready pods allows one disruption, and none once a pod is not ready', () => {
    const tc = testCluster();
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-minavailable.yaml'));
    for (const n of ['zk-0', 'zk-1', 'zk-2']) readyPod(tc, n);
    tc.advance('100ms');
    const status = pdb(tc).status;
    expect(status).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: '2026-01-01T00:00:00Z' }],
    });
    tc.advance('10s');
    setReady(tc, 'zk-1', false);
    tc.advance('100ms');
    expect(summary(tc)).toEqual({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 3, condition: 'False InsufficientPods' });
    expect(pdb(tc).status.conditions[0].lastTransitionTime).toBe('2026-01-01T00:00:10Z');
    // A pod being deleted is no longer healthy, but still expected.
    setReady(tc, 'zk-1', true);
    tc.api.patchMetadata('Pod', 'default', 'zk-2', (m) => {
      m.finalizers = ['example.com/hold'];
    });
    tc.api.delete('Pod', 'default', 'zk-2');
    tc.advance('100ms');
    expect(summary(tc)).toEqual({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 3, condition: 'False InsufficientPods' });
    tc.expectNoInternalErrors();
  });

  it('follows spec changes and reports the generation it saw', () => {
    const tc = testCluster();
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-minavailable.yaml'));
    for (const n of ['zk-0', 'zk-1', 'zk-2']) readyPod(tc, n);
    tc.advance('100ms');
    tc.api.patch('PodDisruptionBudget', 'default', 'zk-pdb', (d: KObject) => {
      d.spec.minAvailable = 1;
    });
    tc.advance('100ms');
    expect(pdb(tc).status.observedGeneration).toBe(2);
    expect(summary(tc).disruptionsAllowed).toBe(2);
    tc.expectNoInternalErrors();
  });

  it('reports a budget with no pods: NoPods, and nothing may be disrupted', () => {
    const tc = testCluster();
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-minavailable.yaml'));
    tc.advance('100ms');
    expect(summary(tc)).toEqual({ currentHealthy: 0, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 0, condition: 'False InsufficientPods' });
    // Every sync says so (the controller's own status write brings another); the recorder counts them.
    expect(new Set(tc.eventsFor('zk-pdb'))).toEqual(new Set(['NoPods: No matching pods found']));
    tc.expectNoInternalErrors();
  });

  it('maxUnavailable on pods without a controller: UnmanagedPods, no expected pods, no disruptions', () => {
    const tc = testCluster();
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-maxunavailable.yaml'));
    for (const n of ['zk-0', 'zk-1']) readyPod(tc, n);
    tc.advance('100ms');
    expect(summary(tc)).toEqual({ currentHealthy: 2, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0, condition: 'False InsufficientPods' });
    expect(tc.eventsFor('zk-pdb')[0]).toBe(
      'UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: zookeeper,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
    tc.expectNoInternalErrors();
  });

  it('fails safe when the pods\' owner has no scale (a DaemonSet)', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: agents
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: agent}
`);
    // A DaemonSet that runs nowhere, and a pod it owns.
    const ds = tc.api.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'a', image: 'busybox' }] } } },
    });
    tc.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'agent-x', namespace: 'default', labels: { app: 'agent' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid!, controller: true }] },
      spec: { schedulerName: 'nobody', containers: [{ name: 'a', image: 'busybox' }] },
    });
    tc.advance('100ms');
    const s = pdb(tc, 'agents').status;
    expect(s.disruptionsAllowed).toBe(0);
    expect(s.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'daemonsets.apps does not implement the scale subresource' });
    expect(tc.eventsFor('agents')).toContain('CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource');
    tc.expectNoInternalErrors();
  });

  it('does not count a pod an eviction let go, until it is deleted or two minutes pass', () => {
    const tc = testCluster();
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-minavailable.yaml'));
    for (const n of ['zk-0', 'zk-1', 'zk-2']) readyPod(tc, n);
    tc.advance('1s');
    // What the eviction API records before it deletes the pod.
    tc.api.patchStatus<KObject>('PodDisruptionBudget', 'default', 'zk-pdb', (d) => {
      d.status.disruptedPods = { 'zk-1': '2026-01-01T00:00:01Z' };
      d.status.disruptionsAllowed = 0;
    });
    tc.advance('100ms');
    expect(summary(tc)).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    tc.until(() => pdb(tc).status.disruptedPods === undefined, '5m');
    expect(tc.now).toBe(121_020);
    expect(summary(tc)).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(tc.eventsFor('zk-1')).toContain("NotDeleted: Pod was expected by PDB default/default to be deleted but it wasn't");
    tc.expectNoInternalErrors();
  });

  it('warns a pod that several budgets select', () => {
    const tc = testCluster();
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-minavailable.yaml'));
    tc.apply(corpus('policy/zookeeper-pod-disruption-budget-maxunavailable.yaml').replace('name: zk-pdb', 'name: zk-pdb-2'));
    readyPod(tc, 'zk-0');
    tc.advance('100ms');
    expect(tc.eventsFor('zk-0')).toContain('MultiplePodDisruptionBudgets: Pod "default"/"zk-0" matches multiple PodDisruptionBudgets.  Chose "zk-pdb" arbitrarily.');
    tc.expectNoInternalErrors();
  });
});

describe('disruption controller with workloads (needs the scheduler, replicaset and deployment slices)', () => {
  it('counts a percentage against the Deployment\'s replicas, rounding up', () => {
    const tc = schedulerCluster();
    tc.apply(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 50%
  selector:
    matchLabels: {app: web}
`);
    expect(tc.until(() => tc.readyPods({ selector: 'app=web' }).length === 3, '5m')).toBe(true);
    tc.advance('1s');
    expect(summary(tc, 'web')).toEqual({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, condition: 'True SufficientPods' });
    tc.expectNoInternalErrors();
  });
});

describe('Go label selector printing', () => {
  it('prints expressions as the generated String() does', () => {
    expect(goLabelSelectorString({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[x y],},},}',
    );
  });
});
