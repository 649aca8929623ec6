import { describe, expect, it } from 'vitest';
import type { TestCluster } from '../../testing/testCluster';
import type { TestPodLifecycle } from '../replicaset/testPodLifecycle';
import { deploymentYaml, drivenCluster, rolloutComplete, rsWithImage, runRounds, scalingSteps, setImage, type DeploymentSpecOptions, type ScaleStep } from './testRollout';

/**
 * The five worked rollouts of the facts sheet (§1.5, tables A–E), replayed as the
 * ScalingReplicaSet events a Deployment records when every pod becomes Ready between syncs.
 */
function rollout(spec: DeploymentSpecOptions): { steps: ScaleStep[]; c: TestCluster; life: TestPodLifecycle } {
  const { c, life } = drivenCluster();
  c.apply(deploymentYaml(spec));
  runRounds(c, life, () => rolloutComplete(c));
  const since = c.cluster.recorder.log.length;
  setImage(c, 'nginx:1.16.1');
  runRounds(c, life, () => rolloutComplete(c));
  const steps = scalingSteps(c, since, { new: rsWithImage(c, 'nginx:1.16.1')!.metadata.name, old: rsWithImage(c, 'nginx:1.14.2')!.metadata.name });
  c.expectNoInternalErrors();
  return { steps, c, life };
}

const up = (from: number, to: number): ScaleStep => ({ rs: 'new', from, to });
const down = (from: number, to: number): ScaleStep => ({ rs: 'old', from, to });

describe('RollingUpdate follows the facts sheet tables', () => {
  it('table A — 10 replicas, 25%/25% (surge 3, unavailable 2): the new RS is created at 3 and the old one drops to 8 in the same sync', () => {
    const { steps } = rollout({ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' });
    expect(steps).toEqual([up(0, 3), down(10, 8), up(3, 5), down(8, 3), up(5, 10), down(3, 0)]);
  });

  it('table B — 3 replicas, surge 1, unavailable 0: one new pod up, then one old pod down, three times', () => {
    const { steps } = rollout({ replicas: 3, maxSurge: 1, maxUnavailable: 0 });
    expect(steps).toEqual([up(0, 1), down(3, 2), up(1, 2), down(2, 1), up(2, 3), down(1, 0)]);
  });

  it('table C — 4 replicas, surge 0, unavailable 1: the new RS is created with 0 replicas and old pods go first', () => {
    const { steps, c } = rollout({ replicas: 4, maxSurge: 0, maxUnavailable: 1 });
    expect(steps).toEqual([down(4, 3), up(0, 1), down(3, 2), up(1, 2), down(2, 1), up(2, 3), down(1, 0), up(3, 4)]);
    // No "from 0 to 0" event for the creation at size 0.
    expect(c.eventMessages('ScalingReplicaSet').filter((m) => / from 0 to 0$/.test(m))).toEqual([]);
  });

  it('table D — the docs\' 2-replica deployment.yaml with default 25%/25% (surge 1, unavailable 0)', () => {
    const { steps } = rollout({ replicas: 2 });
    expect(steps).toEqual([up(0, 1), down(2, 1), up(1, 2), down(1, 0)]);
  });

  it('table E — 5 replicas, surge 0%, unavailable 10%: both round to 0, so unavailable is forced to 1', () => {
    const { steps } = rollout({ replicas: 5, maxSurge: '0%', maxUnavailable: '10%' });
    expect(steps).toEqual([down(5, 4), up(0, 1), down(4, 3), up(1, 2), down(3, 2), up(2, 3), down(2, 1), up(3, 4), down(1, 0), up(4, 5)]);
  });

  it('the docs\' 3-replica nginx-deployment rolls out in the order kubectl describe shows, worded "from X to Y"', () => {
    const { c } = rollout({ name: 'web', replicas: 3 });
    const newRS = rsWithImage(c, 'nginx:1.16.1')!.metadata.name;
    const oldRS = rsWithImage(c, 'nginx:1.14.2')!.metadata.name;
    expect(c.eventsFor('web').filter((e) => e.startsWith('ScalingReplicaSet'))).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRS} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
  });
});

describe('RollingUpdate safety', () => {
  const cases: DeploymentSpecOptions[] = [
    { replicas: 10, maxSurge: '25%', maxUnavailable: '25%' },
    { replicas: 3, maxSurge: 1, maxUnavailable: 0 },
    { replicas: 4, maxSurge: 0, maxUnavailable: 1 },
    { replicas: 7, maxSurge: 2, maxUnavailable: 3 },
    { replicas: 5, maxSurge: '0%', maxUnavailable: '10%' },
  ];
  for (const spec of cases) {
    it(`never exceeds replicas + maxSurge pods nor drops below replicas - maxUnavailable ready, at every watch event (${spec.replicas} replicas, ${spec.maxSurge}/${spec.maxUnavailable})`, () => {
      // Pods come up at staggered times and take a while to terminate, so syncs see partial progress.
      const { c } = drivenCluster({ readyAfterMs: (_p, seq) => 400 + ((seq * 7) % 5) * 350, terminateAfterMs: 900 });
      c.apply(deploymentYaml(spec));
      expect(c.until(() => rolloutComplete(c), '30s')).toBe(true);
      const replicas = spec.replicas!;
      const surge = typeof spec.maxSurge === 'string' ? Math.ceil((parseInt(spec.maxSurge) * replicas) / 100) : spec.maxSurge!;
      let unavailable = typeof spec.maxUnavailable === 'string' ? Math.floor((parseInt(spec.maxUnavailable) * replicas) / 100) : spec.maxUnavailable!;
      if (surge === 0 && unavailable === 0) unavailable = 1;

      let checked = 0;
      let maxPods = 0;
      let minReady = Infinity;
      c.api.watchAll(() => {
        const pods = c.pods({ selector: 'app=web' }).filter((p) => !p.metadata.deletionTimestamp);
        const ready = pods.filter((p) => (p.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True')).length;
        maxPods = Math.max(maxPods, pods.length);
        minReady = Math.min(minReady, ready);
        checked++;
      });
      setImage(c, 'nginx:1.16.1');
      expect(c.until(() => rolloutComplete(c), '60s')).toBe(true);
      expect(checked).toBeGreaterThan(30);
      expect(maxPods).toBeLessThanOrEqual(replicas + surge);
      expect(minReady).toBeGreaterThanOrEqual(replicas - unavailable);
      // The bounds are actually reached: the rollout uses the room it is given.
      expect(maxPods).toBe(replicas + surge);
      c.expectNoInternalErrors();
    });
  }

  it('a new pod must become Ready before any old pod goes when 25%/25% resolves to surge 1 / unavailable 0', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    // Pods are not made Ready: the rollout must stop after surging one pod.
    c.advance('5s');
    const oldRS = rsWithImage(c, 'nginx:1.14.2')!;
    const newRS = rsWithImage(c, 'nginx:1.16.1')!;
    expect(oldRS.spec.replicas).toBe(3);
    expect(newRS.spec.replicas).toBe(1);
    expect(c.pods({ selector: 'app=web' }).filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    c.expectNoInternalErrors();
  });
});
