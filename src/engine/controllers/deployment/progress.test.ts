import { describe, expect, it } from 'vitest';
import { apiErr } from '../../api/errors';
import type { TestCluster } from '../../testing/testCluster';
import { parseTimestamp } from '../../time';
import { deployment, deploymentYaml, drivenCluster, rolloutComplete, rsWithImage, runRounds, setImage } from './testRollout';

/** Records the Deployment controller's progress-check timers (requeueStuckDeployment) as they are scheduled. */
function spyProgressChecks(c: TestCluster): { at: number; scheduledAt: number; background: boolean; cancelled: boolean }[] {
  const clock = c.cluster.clock;
  const seen: any[] = [];
  const orig = clock.at.bind(clock);
  clock.at = (at, label, fn, opts) => {
    const t = orig(at, label, fn, opts);
    if (label === 'deployment-controller:progress-check') seen.push(Object.assign(t, { scheduledAt: clock.now() }));
    return t;
  };
  return seen;
}

/** Progress checks still pending (scheduled, not cancelled, not yet due). */
const pendingChecks = <T extends { at: number; cancelled: boolean }>(c: TestCluster, checks: T[]) => checks.filter((t) => !t.cancelled && t.at > c.now);

const progressing = (c: TestCluster) => deployment(c).status.conditions.find((x: any) => x.type === 'Progressing');

describe('progressDeadlineSeconds', () => {
  it('marks a rollout whose new pods never become Ready as ProgressDeadlineExceeded (False), without rolling it back', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2, extraSpec: '  progressDeadlineSeconds: 10' }));
    runRounds(c, life, () => rolloutComplete(c));
    const checks = spyProgressChecks(c);
    setImage(c, 'nginx:no-such-tag');
    c.advance(200);
    const newRS = rsWithImage(c, 'nginx:no-such-tag')!;
    const start = progressing(c);
    expect([start.status, start.reason, start.message]).toEqual(['True', 'ReplicaSetUpdated', `ReplicaSet "${newRS.metadata.name}" is progressing.`]);
    // Nothing happens for the new pods; the controller looks again when the deadline passes.
    expect(c.until(() => progressing(c).reason === 'ProgressDeadlineExceeded', '30s')).toBe(true);
    const timedOut = progressing(c);
    expect([timedOut.status, timedOut.message]).toEqual(['False', `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`]);
    const deadline = parseTimestamp(start.lastUpdateTime)! + 10_000;
    expect(c.now).toBeGreaterThan(deadline);
    expect(c.now).toBeLessThanOrEqual(deadline + 2_000);
    // It was a foreground check due just after the deadline that noticed.
    expect(checks.some((t) => !t.background && t.at > deadline && t.at <= c.now)).toBe(true);
    // Timing out changes nothing else: the new ReplicaSet keeps its surge pod, the old pods serve.
    expect(rsWithImage(c, 'nginx:no-such-tag')!.spec.replicas).toBe(1);
    expect(rsWithImage(c, 'nginx:1.14.2')!.spec.replicas).toBe(2);
    const available = deployment(c).status.conditions.find((x: any) => x.type === 'Available');
    expect(available.status).toBe('True');
    // Once timed out, no further progress checks are pending or scheduled.
    expect(pendingChecks(c, checks)).toEqual([]);
    const count = checks.length;
    c.advance('20s');
    expect(checks.length).toBe(count);
    expect(progressing(c).reason).toBe('ProgressDeadlineExceeded');
    c.expectNoInternalErrors();
  });

  it('refreshes lastUpdateTime whenever the rollout moves, keeping lastTransitionTime', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3, maxSurge: 1, maxUnavailable: 0 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    c.advance(500);
    const first = progressing(c);
    c.advance('3s');
    life.readyAll();
    c.advance(500);
    const later = progressing(c);
    expect(later.reason).toBe('ReplicaSetUpdated');
    expect(parseTimestamp(later.lastUpdateTime)!).toBeGreaterThan(parseTimestamp(first.lastUpdateTime)!);
    expect(later.lastTransitionTime).toBe(first.lastTransitionTime);
  });

  it('schedules no progress check once a rollout is complete, so a settled Deployment leaves the cluster quiet', () => {
    const { c, life } = drivenCluster();
    const checks = spyProgressChecks(c);
    c.apply(deploymentYaml({ replicas: 2, extraSpec: '  progressDeadlineSeconds: 20' }));
    c.advance(300);
    // While the rollout runs, a check waits at the deadline.
    expect(pendingChecks(c, checks).map((t) => t.background)).toEqual([false]);
    runRounds(c, life, () => rolloutComplete(c));
    expect(progressing(c).reason).toBe('NewReplicaSetAvailable');
    // Completion cancelled it.
    expect(pendingChecks(c, checks)).toEqual([]);
    const rv = deployment(c).metadata.resourceVersion;
    const count = checks.length;
    c.advance('25s');
    expect(checks.length).toBe(count);
    expect(deployment(c).metadata.resourceVersion).toBe(rv);
  });

  it('does not count time spent paused against the deadline', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2, extraSpec: '  progressDeadlineSeconds: 10' }));
    runRounds(c, life, () => rolloutComplete(c));
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = true;
    });
    setImage(c, 'nginx:1.16.1');
    c.advance('15s');
    expect(progressing(c).reason).toBe('DeploymentPaused');
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = false;
    });
    runRounds(c, life, () => rolloutComplete(c));
    expect(progressing(c).reason).toBe('NewReplicaSetAvailable');
  });
});

describe('ReplicaFailure', () => {
  it('surfaces the new ReplicaSet\'s FailedCreate condition on the Deployment, and drops it once pods can be created', () => {
    const { c, life } = drivenCluster();
    let deny = true;
    c.api.registerAdmission({
      name: 'TestQuota',
      kinds: ['Pod'],
      validate: (op, obj) => {
        if (deny && op === 'CREATE' && obj.spec?.containers?.[0]?.image === 'nginx:1.16.1') {
          throw apiErr.forbidden('pods', obj.metadata.name!, 'exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2');
        }
      },
    });
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    c.advance('2s');
    const newRS = rsWithImage(c, 'nginx:1.16.1')!;
    const rsCond = newRS.status.conditions.find((x: any) => x.type === 'ReplicaFailure');
    expect([rsCond.status, rsCond.reason]).toEqual(['True', 'FailedCreate']);
    expect(rsCond.message).toMatch(/^pods "web-[456789bcdf]+-[a-z0-9]{5}" is forbidden: exceeded quota: pod-count/);
    const dCond = deployment(c).status.conditions.find((x: any) => x.type === 'ReplicaFailure');
    expect([dCond.status, dCond.reason, dCond.message]).toEqual(['True', 'FailedCreate', rsCond.message]);
    expect(c.eventsFor(newRS.metadata.name!).some((e) => /^FailedCreate: Error creating: pods "web-.*" is forbidden: exceeded quota/.test(e))).toBe(true);
    deny = false;
    c.advance('20s');
    runRounds(c, life, () => rolloutComplete(c));
    expect(deployment(c).status.conditions.find((x: any) => x.type === 'ReplicaFailure')).toBeUndefined();
    expect(rsWithImage(c, 'nginx:1.16.1')!.status.conditions).toBeUndefined();
    c.expectNoInternalErrors();
  });
});
