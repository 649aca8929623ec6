import { describe, expect, it } from 'vitest';
import { deploymentYaml, drivenCluster, rolloutComplete, rsWithImage, runRounds, scalingSteps, setImage } from './testRollout';

describe('Recreate', () => {
  it('scales the old ReplicaSet to 0, waits for its pods to be gone, then creates the new one at full size', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3, strategy: 'Recreate' }));
    runRounds(c, life, () => rolloutComplete(c));
    const since = c.cluster.recorder.log.length;
    setImage(c, 'nginx:1.16.1');
    c.advance('1s');
    // The old pods are Terminating: no new ReplicaSet exists yet.
    expect(rsWithImage(c, 'nginx:1.16.1')).toBeUndefined();
    expect(rsWithImage(c, 'nginx:1.14.2')!.spec.replicas).toBe(0);
    expect(c.pods({ selector: 'app=web' }).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    runRounds(c, life, () => rolloutComplete(c));
    const steps = scalingSteps(c, since, { new: rsWithImage(c, 'nginx:1.16.1')!.metadata.name, old: rsWithImage(c, 'nginx:1.14.2')!.metadata.name });
    expect(steps).toEqual([
      { rs: 'old', from: 3, to: 0 },
      { rs: 'new', from: 0, to: 3 },
    ]);
    expect(rsWithImage(c, 'nginx:1.16.1')!.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    c.expectNoInternalErrors();
  });

  it('has a window with no pods at all, and never runs an old and a new pod together', () => {
    const { c } = drivenCluster({ readyAfterMs: 800, terminateAfterMs: 1500 });
    c.apply(deploymentYaml({ replicas: 3, strategy: 'Recreate' }));
    expect(c.until(() => rolloutComplete(c), '30s')).toBe(true);
    let sawEmpty = false;
    let mixed = false;
    c.api.watchAll(() => {
      const pods = c.pods({ selector: 'app=web' });
      const images = new Set(pods.map((p) => p.spec.containers[0].image));
      if (pods.length === 0) sawEmpty = true;
      if (images.size > 1) mixed = true;
    });
    setImage(c, 'nginx:1.16.1');
    expect(c.until(() => rolloutComplete(c), '60s')).toBe(true);
    expect(sawEmpty).toBe(true);
    expect(mixed).toBe(false);
    c.expectNoInternalErrors();
  });

  it('counts pods the old ReplicaSet no longer reports but that are still Terminating', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2, strategy: 'Recreate' }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    c.advance('10s');
    // status.replicas of the old ReplicaSet is 0 already, but its pods are Terminating.
    expect(rsWithImage(c, 'nginx:1.14.2')!.status.replicas).toBe(0);
    expect(rsWithImage(c, 'nginx:1.14.2')!.status.terminatingReplicas).toBe(2);
    expect(rsWithImage(c, 'nginx:1.16.1')).toBeUndefined();
    life.finishTerminating();
    c.advance(200);
    expect(rsWithImage(c, 'nginx:1.16.1')!.spec.replicas).toBe(2);
  });
});
