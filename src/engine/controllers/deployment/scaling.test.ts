import { describe, expect, it } from 'vitest';
import type { TestCluster } from '../../testing/testCluster';
import type { TestPodLifecycle } from '../replicaset/testPodLifecycle';
import { deployment, deploymentYaml, drivenCluster, replicaSetsOf, rolloutComplete, rsWithImage, runRounds, scaleTo, scalingSteps, setImage } from './testRollout';

/** Rounds in which only pods of `image` ever become Ready (the other image never passes readiness). */
function runOnlyReady(c: TestCluster, life: TestPodLifecycle, image: string, rounds = 6): void {
  for (let i = 0; i < rounds; i++) {
    c.advance(500);
    life.readyAll((p) => p.spec.containers[0].image === image);
    life.finishTerminating();
  }
}

describe('proportional scaling during a rollout', () => {
  it('spreads added replicas over both ReplicaSets by size: 10 → 15 with surge 3 adds 3 to the old (8 → 11) and 2 to the new (5 → 7)', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 10, maxSurge: 3, maxUnavailable: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:sometag');
    runOnlyReady(c, life, 'nginx:1.14.2');
    const oldRS = rsWithImage(c, 'nginx:1.14.2')!;
    const newRS = rsWithImage(c, 'nginx:sometag')!;
    expect([oldRS.spec.replicas, newRS.spec.replicas]).toEqual([8, 5]);

    const since = c.cluster.recorder.log.length;
    scaleTo(c, 15);
    runOnlyReady(c, life, 'nginx:1.14.2');
    expect(scalingSteps(c, since, { old: oldRS.metadata.name, new: newRS.metadata.name })).toEqual([
      { rs: 'old', from: 8, to: 11 },
      { rs: 'new', from: 5, to: 7 },
    ]);
    for (const rs of replicaSetsOf(c)) {
      expect(rs.metadata.annotations['deployment.kubernetes.io/desired-replicas']).toBe('15');
      expect(rs.metadata.annotations['deployment.kubernetes.io/max-replicas']).toBe('18');
    }
    // Still stuck on the bad image: 18 pods, the rollout does not move.
    expect(c.pods({ selector: 'app=web' }).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(18);
    c.expectNoInternalErrors();
  });

  it('takes replicas away proportionally too (15 → 5: old 11 → 5, new 7 → 3), then the rollout goes on within the new bounds', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 10, maxSurge: 3, maxUnavailable: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:sometag');
    runOnlyReady(c, life, 'nginx:1.14.2');
    scaleTo(c, 15);
    runOnlyReady(c, life, 'nginx:1.14.2');
    const oldRS = rsWithImage(c, 'nginx:1.14.2')!;
    const newRS = rsWithImage(c, 'nginx:sometag')!;
    const since = c.cluster.recorder.log.length;
    scaleTo(c, 5);
    runOnlyReady(c, life, 'nginx:1.14.2');
    expect(scalingSteps(c, since, { old: oldRS.metadata.name, new: newRS.metadata.name })).toEqual([
      { rs: 'old', from: 11, to: 5 },
      { rs: 'new', from: 7, to: 3 },
      // maxUnavailable 2 of 5 lets two old pods go, and surge 3 lets the new ReplicaSet fill the room.
      { rs: 'old', from: 5, to: 3 },
      { rs: 'new', from: 3, to: 5 },
    ]);
    c.expectNoInternalErrors();
  });
});

describe('a paused Deployment', () => {
  it('does not roll out a template change, and says Progressing Unknown "Deployment is paused"', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = true;
    });
    setImage(c, 'nginx:1.16.1');
    c.advance('3s');
    expect(replicaSetsOf(c)).toHaveLength(1);
    const progressing = deployment(c).status.conditions.find((x: any) => x.type === 'Progressing');
    expect([progressing.status, progressing.reason, progressing.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    // The new generation is observed all the same.
    expect(deployment(c).status.observedGeneration).toBe(deployment(c).metadata.generation);
    c.expectNoInternalErrors();
  });

  it('still scales, and rolls out once resumed, passing through DeploymentResumed', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = true;
    });
    setImage(c, 'nginx:1.16.1');
    scaleTo(c, 5);
    runRounds(c, life, () => c.pods({ selector: 'app=web' }).length === 5);
    expect(replicaSetsOf(c).map((rs) => rs.spec.replicas)).toEqual([5]);

    const reasons: string[] = [];
    c.api.watch('Deployment', (ev) => {
      const p = ev.object.status?.conditions?.find((x: any) => x.type === 'Progressing');
      if (p && reasons.at(-1) !== p.reason) reasons.push(p.reason);
    });
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = false;
    });
    runRounds(c, life, () => rolloutComplete(c));
    // The first event is the resume itself, which still carries the paused condition.
    expect(reasons).toEqual(['DeploymentPaused', 'DeploymentResumed', 'NewReplicaSetCreated', 'ReplicaSetUpdated', 'NewReplicaSetAvailable']);
    expect(rsWithImage(c, 'nginx:1.16.1')!.spec.replicas).toBe(5);
    c.expectNoInternalErrors();
  });

  it('cleans up history beyond revisionHistoryLimit while paused', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 1, extraSpec: '  revisionHistoryLimit: 5' }));
    runRounds(c, life, () => rolloutComplete(c));
    for (const v of ['1.15', '1.16', '1.17']) {
      setImage(c, `nginx:${v}`);
      runRounds(c, life, () => rolloutComplete(c));
    }
    expect(replicaSetsOf(c)).toHaveLength(4);
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = true;
      d.spec.revisionHistoryLimit = 1;
    });
    c.advance('1s');
    expect(replicaSetsOf(c).map((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });
});
