import { describe, it, expect } from 'vitest';
import { testCluster } from '../testing/testCluster';
import { EventCorrelator } from './correlator';

describe('EventCorrelator', () => {
  it('combines the tenth distinct message of the same source, object, type and reason within 10 minutes', () => {
    const c = new EventCorrelator();
    const combined = Array.from({ length: 12 }, (_, i) => c.aggregate('u1', 'rs', 'Normal', 'SuccessfulCreate', `Created pod: p${i}`, i * 1000));
    expect(combined).toEqual([false, false, false, false, false, false, false, false, false, true, true, true]);
    // Another reason or object is its own group; after 10 quiet minutes the group starts over.
    expect(c.aggregate('u1', 'rs', 'Normal', 'SuccessfulDelete', 'Deleted pod: p0', 12_000)).toBe(false);
    expect(c.aggregate('u2', 'rs', 'Normal', 'SuccessfulCreate', 'Created pod: q0', 12_000)).toBe(false);
    expect(c.aggregate('u1', 'rs', 'Normal', 'SuccessfulCreate', 'Created pod: late', 11_000 + 600_001)).toBe(false);
  });

  it('lets a source burst 25 events about an object, then one more every 5 minutes', () => {
    const c = new EventCorrelator();
    const passed = Array.from({ length: 30 }, () => !c.filtered('u1', 'kubelet', 0)).filter(Boolean).length;
    expect(passed).toBe(25);
    expect(c.filtered('u1', 'kubelet', 299_999)).toBe(true);
    expect(c.filtered('u1', 'kubelet', 300_000)).toBe(false);
    expect(c.filtered('u2', 'kubelet', 0)).toBe(false);
  });
});

describe('events of a ReplicaSet of 12 replicas, as a real cluster records them', () => {
  it('shows nine "Created pod" events and one combined event counting the rest', () => {
    const tc = testCluster();
    tc.apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 12
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`).settle();
    const events = tc.cluster.recorder.events.list('default').filter((e) => e.involvedObject.kind === 'ReplicaSet' && e.reason === 'SuccessfulCreate');
    const single = events.filter((e) => /^Created pod: web-\w{5}$/.test(e.message));
    const combined = events.filter((e) => e.message.startsWith('(combined from similar events): Created pod: web-'));
    expect(single).toHaveLength(9);
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(3);
    tc.expectNoInternalErrors();
  });
});
