/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestCluster } from '../../testing/testCluster';
import { EPOCH_MS, MINUTE } from '../../time';
import { workloadTestCluster } from '../daemonset/workloadTestCluster';
import { drivenKubelet, type DrivenKubelet } from '../job/drivenKubelet';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples', import.meta.url));

/** Minutes since the Unix epoch of simulated minute `m` (the suffix of that minute's Job). */
const minuteHash = (m: number) => Math.floor((EPOCH_MS + m * MINUTE) / MINUTE);

function cronJob(name: string, spec: string, schedule = '*/1 * * * *'): string {
  return `
apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "${schedule}"
${spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: hello, image: busybox:1.28, command: ["/bin/sh", "-c", "date"]}]
`;
}

function setup(yaml: string): { c: TestCluster; k: DrivenKubelet } {
  const c = workloadTestCluster();
  const k = drivenKubelet(c);
  c.apply(yaml);
  return { c, k };
}

const jobs = (c: TestCluster) => c.list('Job').map((j) => j.metadata.name!).sort();
const cjEvents = (c: TestCluster, name: string) =>
  c.cluster.recorder.log.filter((e) => e.involvedObject.kind === 'CronJob' && e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);

/** Completes every running pod of `job` (its container exits 0). */
function completeJob(c: TestCluster, k: DrivenKubelet, job: string): void {
  expect(c.until(() => k.running(`${job}-`).length > 0, '1m')).toBe(true);
  for (const p of k.running(`${job}-`)) k.exit(p, 0);
  expect(c.until(() => (c.get('Job', job)?.status?.conditions ?? []).some((x: any) => x.type === 'Complete'), '1m')).toBe(true);
}

describe('CronJob controller', () => {
  it('creates hello-<minutes> each minute and sees it complete (application/job/cronjob.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/application/job/cronjob.yaml`, 'utf8'));
    c.advance('59s');
    expect(jobs(c)).toEqual([]);
    c.advance('2s');
    const first = `hello-${minuteHash(1)}`;
    expect(first).toBe('hello-29453761');
    expect(jobs(c)).toEqual([first]);
    const job = c.get('Job', first)!;
    expect(job.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T00:01:00Z');
    expect(job.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: c.get('CronJob', 'hello')!.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    let s = c.get('CronJob', 'hello')!.status;
    expect(s.lastScheduleTime).toBe('2026-01-01T00:01:00Z');
    expect(s.active).toEqual([{ kind: 'Job', namespace: 'default', name: first, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: expect.any(String) }]);
    completeJob(c, k, first);
    c.advance('2s');
    s = c.get('CronJob', 'hello')!.status;
    expect(s.active).toBeUndefined();
    expect(s.lastSuccessfulTime).toBe(c.get('Job', first)!.status.completionTime);
    expect(cjEvents(c, 'hello')).toEqual([`SuccessfulCreate: Created job ${first}`, `SawCompletedJob: Saw completed job: ${first}, condition: Complete`]);
    c.advance('1m');
    expect(jobs(c)).toEqual([first, `hello-${minuteHash(2)}`]);
    c.expectNoInternalErrors();
  });

  it('starts its first "*/1 * * * *" Job at t = 60 s', () => {
    const { c } = setup(cronJob('tick', ''));
    const createdAt: number[] = [];
    c.api.watch('Job', (ev) => {
      if (ev.type === 'ADDED') createdAt.push(c.now);
    });
    c.advance('3m1s');
    expect(createdAt).toHaveLength(3);
    expect(createdAt.map((t) => Math.floor(t / 60_000))).toEqual([1, 2, 3]);
    // Synced 100 ms after the minute (nextScheduleDelta), plus the controller's reaction time.
    expect(createdAt[0]).toBeGreaterThanOrEqual(60_000);
    expect(createdAt[0]).toBeLessThan(60_500);
    c.expectNoInternalErrors();
  });

  it('lets runs overlap with concurrencyPolicy Allow', () => {
    const { c } = setup(cronJob('allow', '  concurrencyPolicy: Allow'));
    c.advance('3m30s');
    expect(jobs(c)).toEqual([1, 2, 3].map((m) => `allow-${minuteHash(m)}`));
    expect(c.get('CronJob', 'allow')!.status.active).toHaveLength(3);
    c.expectNoInternalErrors();
  });

  it('skips a run while the previous one is active with concurrencyPolicy Forbid', () => {
    const { c } = setup(cronJob('forbid', '  concurrencyPolicy: Forbid'));
    c.advance('2m30s');
    expect(jobs(c)).toEqual([`forbid-${minuteHash(1)}`]);
    expect(cjEvents(c, 'forbid')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    c.expectNoInternalErrors();
  });

  it('replaces the running Job with concurrencyPolicy Replace', () => {
    const { c } = setup(cronJob('replace', '  concurrencyPolicy: Replace'));
    c.advance('2m30s');
    const [first, second] = [1, 2].map((m) => `replace-${minuteHash(m)}`);
    expect(jobs(c)).toEqual([second]);
    expect(cjEvents(c, 'replace')).toEqual([`SuccessfulCreate: Created job ${first}`, `SuccessfulDelete: Deleted job ${first}`, `SuccessfulCreate: Created job ${second}`]);
    expect(c.get('CronJob', 'replace')!.status.active.map((r: any) => r.name)).toEqual([second]);
    c.expectNoInternalErrors();
  });

  it('keeps only successfulJobsHistoryLimit finished Jobs, deleting the oldest', () => {
    const { c, k } = setup(cronJob('hist', '  successfulJobsHistoryLimit: 2'));
    for (let m = 1; m <= 4; m++) {
      c.until(() => !!c.get('Job', `hist-${minuteHash(m)}`), '2m');
      completeJob(c, k, `hist-${minuteHash(m)}`);
    }
    c.advance('5s');
    expect(jobs(c)).toEqual([3, 4].map((m) => `hist-${minuteHash(m)}`));
    const deletions = cjEvents(c, 'hist').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletions).toEqual([`SuccessfulDelete: Deleted job hist-${minuteHash(1)}`, `SuccessfulDelete: Deleted job hist-${minuteHash(2)}`]);
    c.expectNoInternalErrors();
  });

  it('keeps one failed Job by default', () => {
    const spec = '  jobTemplate:\n    spec:\n      backoffLimit: 0';
    const yaml = cronJob('fails', '').replace('  jobTemplate:\n    spec:', spec).replace('restartPolicy: OnFailure', 'restartPolicy: Never');
    const { c, k } = setup(yaml);
    for (let m = 1; m <= 2; m++) {
      const name = `fails-${minuteHash(m)}`;
      c.until(() => k.running(`${name}-`).length > 0, '2m');
      k.exit(k.running(`${name}-`)[0], 1);
      c.until(() => (c.get('Job', name)?.status?.conditions ?? []).some((x: any) => x.type === 'Failed'), '1m');
    }
    c.advance('5s');
    expect(jobs(c)).toEqual([`fails-${minuteHash(2)}`]);
    expect(cjEvents(c, 'fails')).toContain(`SawCompletedJob: Saw completed job: fails-${minuteHash(1)}, condition: Failed`);
    c.expectNoInternalErrors();
  });

  it('creates nothing while suspended, then starts only the most recent missed run', () => {
    const { c } = setup(cronJob('sleepy', '  suspend: true'));
    c.advance('5m10s');
    expect(jobs(c)).toEqual([]);
    c.api.patch('CronJob', 'default', 'sleepy', (d: any) => {
      d.spec.suspend = false;
    });
    c.advance('1s');
    expect(jobs(c)).toEqual([`sleepy-${minuteHash(5)}`]);
    c.expectNoInternalErrors();
  });

  it('does not start a missed run older than startingDeadlineSeconds', () => {
    const { c } = setup(cronJob('late', '  suspend: true\n  startingDeadlineSeconds: 20'));
    c.advance('5m30s');
    c.api.patch('CronJob', 'default', 'late', (d: any) => {
      d.spec.suspend = false;
    });
    c.advance('20s');
    expect(jobs(c)).toEqual([]);
    c.advance('20s');
    expect(jobs(c)).toEqual([`late-${minuteHash(6)}`]);
    c.expectNoInternalErrors();
  });

  it('warns about more than 100 missed start times and still starts the most recent one', () => {
    const { c } = setup(cronJob('backlog', '  suspend: true'));
    c.advance('102m30s');
    c.api.patch('CronJob', 'default', 'backlog', (d: any) => {
      d.spec.suspend = false;
    });
    c.advance('1s');
    expect(cjEvents(c, 'backlog')).toContain('TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    expect(jobs(c)).toEqual([`backlog-${minuteHash(102)}`]);
    c.expectNoInternalErrors();
  });

  it('schedules in spec.timeZone and stamps the Job with that zone', () => {
    const { c } = setup(cronJob('tokyo', '  timeZone: Asia/Tokyo', '*/5 * * * *'));
    c.advance('5m30s');
    const name = `tokyo-${minuteHash(5)}`;
    expect(jobs(c)).toEqual([name]);
    expect(c.get('Job', name)!.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T09:05:00+09:00');
    c.expectNoInternalErrors();
  });

  it('moves to the new schedule when it changes', () => {
    const { c } = setup(cronJob('moving', '', '0 * * * *'));
    c.advance('30s');
    c.api.patch('CronJob', 'default', 'moving', (d: any) => {
      d.spec.schedule = '*/2 * * * *';
    });
    c.advance('2m');
    expect(jobs(c)).toEqual([`moving-${minuteHash(2)}`]);
    c.expectNoInternalErrors();
  });
});
