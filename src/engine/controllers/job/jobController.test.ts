/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestCluster } from '../../testing/testCluster';
import { parseTimestamp } from '../../time';
import { workloadTestCluster } from '../daemonset/workloadTestCluster';
import { drivenKubelet, type DrivenKubelet } from './drivenKubelet';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples', import.meta.url));

function job(name: string, spec: string, restartPolicy = 'Never'): string {
  return `
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}
  template:
    spec:
      restartPolicy: ${restartPolicy}
      containers: [{name: main, image: busybox:1.36, command: ["sh", "-c", "work"]}]
`;
}

function setup(yaml: string, workers = 3): { c: TestCluster; k: DrivenKubelet } {
  const c = workloadTestCluster({ workers });
  const k = drivenKubelet(c);
  c.apply(yaml);
  return { c, k };
}

/** Waits until `count` pods of the Job run, and returns their names. */
function waitRunning(c: TestCluster, k: DrivenKubelet, prefix: string, count: number, max = '2m'): string[] {
  expect(c.until(() => k.running(prefix).length >= count, max)).toBe(true);
  return k.running(prefix);
}

function conditions(c: TestCluster, name: string): string[] {
  return (c.get('Job', name)!.status?.conditions ?? []).map((x: any) => `${x.type}=${x.status} ${x.reason}: ${x.message}`);
}

function jobEvents(c: TestCluster, name: string): string[] {
  return c.cluster.recorder.log.filter((e) => e.involvedObject.kind === 'Job' && e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
}

const finished = (c: TestCluster, name: string) => () => (c.get('Job', name)?.status?.conditions ?? []).some((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');

describe('Job controller', () => {
  it('runs the pi Job to completion (controllers/job.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/controllers/job.yaml`, 'utf8'));
    const [pod] = waitRunning(c, k, 'pi-', 1);
    expect(pod).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const p = c.get('Pod', pod)!;
    expect(p.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(p.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: c.get('Job', 'pi')!.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    // Pod updates reach the Job status in the next batched sync, a second later.
    c.advance('1500ms');
    expect(c.get('Job', 'pi')!.status).toMatchObject({ active: 1, ready: 1, terminating: 0, uncountedTerminatedPods: {} });
    k.exit(pod, 0);
    expect(c.until(finished(c, 'pi'), '1m')).toBe(true);
    const s = c.get('Job', 'pi')!.status;
    expect(s).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(s.active).toBeUndefined();
    expect(s.completionTime).toBeDefined();
    expect(conditions(c, 'pi')).toEqual([
      'SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods',
      'Complete=True CompletionsReached: Reached expected number of succeeded pods',
    ]);
    expect(jobEvents(c, 'pi')).toEqual([`SuccessfulCreate: Created pod: ${pod}`, 'Completed: Job completed']);
    // Counted, so the finalizer is gone; the Completed pod stays.
    expect(c.get('Pod', pod)!.metadata.finalizers).toBeUndefined();
    expect(c.get('Pod', pod)!.status.phase).toBe('Succeeded');
    c.expectNoInternalErrors();
  });

  it('labels its pods with the Job name and uid from the generated selector', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/controllers/job.yaml`, 'utf8'));
    const [pod] = waitRunning(c, k, 'pi-', 1);
    const uid = c.get('Job', 'pi')!.metadata.uid;
    expect(c.get('Pod', pod)!.metadata.labels).toMatchObject({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
    c.expectNoInternalErrors();
  });

  it('runs completions 5 with parallelism 2 in waves of 2, 2 and 1', () => {
    const { c, k } = setup(job('calc', '  completions: 5\n  parallelism: 2'));
    const waves: number[] = [];
    let maxActive = 0;
    c.api.watch('Job', (ev) => {
      maxActive = Math.max(maxActive, ev.object.status?.active ?? 0);
    });
    while (!finished(c, 'calc')()) {
      const running = waitRunning(c, k, 'calc-', 1);
      c.advance('3s'); // let the whole wave start
      const wave = k.running('calc-');
      waves.push(wave.length);
      for (const p of wave) k.exit(p, 0);
      c.until(() => finished(c, 'calc')() || k.running('calc-').length > 0, '1m');
      expect(running.length).toBeGreaterThan(0);
    }
    expect(waves).toEqual([2, 2, 1]);
    expect(maxActive).toBe(2);
    expect(c.get('Job', 'calc')!.status.succeeded).toBe(5);
    expect(c.eventMessages('SuccessfulCreate').filter((m) => m.startsWith('Created pod: calc-'))).toHaveLength(5);
    c.expectNoInternalErrors();
  });

  it('recreates failed pods after 10 s, 20 s and 40 s, then fails at the backoff limit', () => {
    const { c, k } = setup(job('flaky', '  backoffLimit: 3'));
    const created: number[] = [];
    const failedAt: number[] = [];
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED') created.push(c.now);
    });
    for (let i = 0; i < 4; i++) {
      const [pod] = waitRunning(c, k, 'flaky-', 1, '5m');
      k.exit(pod, 1);
      failedAt.push(c.now);
    }
    expect(c.until(finished(c, 'flaky'), '1m')).toBe(true);
    expect(created).toHaveLength(4);
    // Back-off counted from when the previous pod failed (timestamps have whole seconds).
    const gaps = created.slice(1).map((t, i) => Math.round((t - failedAt[i]) / 1000));
    expect(gaps).toEqual([10, 20, 40]);
    expect(conditions(c, 'flaky')).toEqual([
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(c.get('Job', 'flaky')!.status).toMatchObject({ failed: 4, terminating: 0 });
    expect(jobEvents(c, 'flaky').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(c.cluster.recorder.log.find((e) => e.reason === 'BackoffLimitExceeded')!.type).toBe('Warning');
    c.expectNoInternalErrors();
  });

  it('counts container restarts towards the backoff limit with restartPolicy OnFailure', () => {
    const { c, k } = setup(job('retry', '  backoffLimit: 2', 'OnFailure'));
    const [pod] = waitRunning(c, k, 'retry-', 1);
    k.exit(pod, 1);
    c.advance('5s');
    expect(finished(c, 'retry')()).toBe(false);
    k.exit(pod, 1);
    expect(c.until(finished(c, 'retry'), '1m')).toBe(true);
    expect(conditions(c, 'retry').at(-1)).toBe('Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit');
    // The still-running pod was stopped, and counted as failed.
    expect(jobEvents(c, 'retry')).toContain(`SuccessfulDelete: Deleted pod: ${pod}`);
    expect(c.get('Job', 'retry')!.status.failed).toBe(1);
    c.expectNoInternalErrors();
  });

  it('stops a Job active longer than activeDeadlineSeconds', () => {
    const { c, k } = setup(job('slow', '  activeDeadlineSeconds: 30\n  parallelism: 2\n  completions: 4'));
    const pods = waitRunning(c, k, 'slow-', 2);
    const start = parseTimestamp(c.get('Job', 'slow')!.status.startTime)!;
    expect(c.until(() => conditions(c, 'slow').length > 0, '2m')).toBe(true);
    expect(c.now - start).toBeGreaterThanOrEqual(30_000);
    expect(c.now - start).toBeLessThan(31_000);
    expect(conditions(c, 'slow')).toEqual(['FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline']);
    expect(c.until(finished(c, 'slow'), '1m')).toBe(true);
    expect(conditions(c, 'slow').at(-1)).toBe('Failed=True DeadlineExceeded: Job was active longer than specified deadline');
    const events = jobEvents(c, 'slow');
    for (const p of pods) expect(events).toContain(`SuccessfulDelete: Deleted pod: ${p}`);
    expect(events.at(-1)).toBe('DeadlineExceeded: Job was active longer than specified deadline');
    expect(c.get('Job', 'slow')!.status).toMatchObject({ failed: 2, terminating: 0 });
    c.expectNoInternalErrors();
  });

  it('treats a Job without completions as a work queue: done when one pod succeeded and the rest ended', () => {
    const { c, k } = setup(job('queue', '  parallelism: 2'));
    const [a, b] = waitRunning(c, k, 'queue-', 2);
    k.exit(a, 0);
    c.advance('5s');
    expect(k.running('queue-')).toEqual([b]);
    expect(finished(c, 'queue')()).toBe(false);
    k.exit(b, 0);
    expect(c.until(finished(c, 'queue'), '1m')).toBe(true);
    expect(c.get('Job', 'queue')!.status.succeeded).toBe(2);
    expect(c.eventMessages('SuccessfulCreate').filter((m) => m.startsWith('Created pod: queue-'))).toHaveLength(2);
    c.expectNoInternalErrors();
  });

  it('creates no pods while suspended and starts when resumed', () => {
    const { c, k } = setup(job('later', '  suspend: true'));
    c.advance('10s');
    expect(c.pods()).toHaveLength(0);
    const s = c.get('Job', 'later')!.status;
    expect(s.startTime).toBeUndefined();
    expect(conditions(c, 'later')).toEqual(['Suspended=True JobSuspended: Job suspended']);
    c.api.patch('Job', 'default', 'later', (d: any) => {
      d.spec.suspend = false;
    });
    waitRunning(c, k, 'later-', 1);
    expect(conditions(c, 'later')).toEqual(['Suspended=False JobResumed: Job resumed']);
    const events = jobEvents(c, 'later');
    expect(events[0]).toBe('Suspended: Job suspended');
    expect(events).toContain('Resumed: Job resumed');
    expect(c.get('Job', 'later')!.status.startTime).toBeDefined();
    c.expectNoInternalErrors();
  });

  it('names Indexed pods <job>-<index>-<suffix> and records completed indexes (application/job/indexed-job.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/application/job/indexed-job.yaml`, 'utf8'));
    const pods = waitRunning(c, k, 'indexed-job-', 3);
    c.advance('2s');
    const byIndex = new Map(k.running('indexed-job-').map((n) => [c.get('Pod', n)!.metadata.annotations!['batch.kubernetes.io/job-completion-index'], n]));
    expect([...byIndex.keys()].sort()).toEqual(['0', '1', '2']);
    expect(pods.length).toBe(3);
    const p0 = c.get('Pod', byIndex.get('0')!)!;
    expect(p0.metadata.name).toMatch(/^indexed-job-0-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p0.metadata.labels!['batch.kubernetes.io/job-completion-index']).toBe('0');
    expect(p0.spec.hostname).toBe('indexed-job-0');
    for (const container of [p0.spec.containers[0], p0.spec.initContainers[0]]) {
      const env = container.env.find((e: any) => e.name === 'JOB_COMPLETION_INDEX');
      expect(env.valueFrom.fieldRef.fieldPath).toBe("metadata.labels['batch.kubernetes.io/job-completion-index']");
    }
    k.exit(byIndex.get('0')!, 0);
    k.exit(byIndex.get('2')!, 0);
    c.advance('3s');
    expect(c.get('Job', 'indexed-job')!.status.completedIndexes).toBe('0,2');
    // Index 3 and 4 are started next; 1 is still running.
    const next = k.running('indexed-job-').map((n) => c.get('Pod', n)!.metadata.annotations!['batch.kubernetes.io/job-completion-index']).sort();
    expect(next).toEqual(['1', '3', '4']);
    for (const n of k.running('indexed-job-')) k.exit(n, 0);
    expect(c.until(finished(c, 'indexed-job'), '1m')).toBe(true);
    expect(c.get('Job', 'indexed-job')!.status).toMatchObject({ completedIndexes: '0-4', succeeded: 5 });
    c.expectNoInternalErrors();
  });

  it('deletes a finished Job ttlSecondsAfterFinished later', () => {
    const { c, k } = setup(job('tmp', '  ttlSecondsAfterFinished: 100'));
    const [pod] = waitRunning(c, k, 'tmp-', 1);
    k.exit(pod, 0);
    expect(c.until(finished(c, 'tmp'), '1m')).toBe(true);
    const done = parseTimestamp(c.get('Job', 'tmp')!.status.completionTime)!;
    expect(c.until(() => !c.get('Job', 'tmp'), '5m')).toBe(true);
    expect(c.now - done).toBeGreaterThanOrEqual(100_000);
    expect(c.now - done).toBeLessThan(101_000);
    c.expectNoInternalErrors();
  });

  it('removes the tracking finalizer of its pods when the Job is deleted', () => {
    const { c, k } = setup(job('gone', '  parallelism: 2\n  completions: 2'));
    const pods = waitRunning(c, k, 'gone-', 2);
    c.api.delete('Job', 'default', 'gone', { propagationPolicy: 'Orphan' });
    c.advance('5s');
    for (const p of pods) expect(c.get('Pod', p)?.metadata.finalizers ?? []).not.toContain('batch.kubernetes.io/job-tracking');
    c.expectNoInternalErrors();
  });
});

describe('Job determinism', () => {
  it('tells the same story twice from the same seed', () => {
    const story = () => {
      const { c, k } = setup(job('same', '  completions: 3\n  parallelism: 2'));
      for (let i = 0; i < 3; i++) {
        const [p] = waitRunning(c, k, 'same-', 1);
        k.exit(p, i === 1 ? 1 : 0);
      }
      c.until(finished(c, 'same'), '2m');
      return JSON.stringify({ pods: c.pods().map((p) => [p.metadata.name, p.metadata.uid, p.status.phase]), job: c.get('Job', 'same'), events: jobEvents(c, 'same'), t: c.now });
    };
    expect(story()).toBe(story());
  });
});

describe('Job podFailurePolicy and successPolicy', () => {
  it('fails the Job at once on a FailJob exit code (controllers/job-pod-failure-policy-failjob.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/controllers/job-pod-failure-policy-failjob.yaml`, 'utf8'));
    const [a, b] = waitRunning(c, k, 'job-pod-failure-policy-failjob-', 2);
    k.exit(a, 42);
    expect(c.until(finished(c, 'job-pod-failure-policy-failjob'), '1m')).toBe(true);
    const msg = `Container main for pod default/${a} failed with exit code 42 matching FailJob rule at index 0`;
    expect(conditions(c, 'job-pod-failure-policy-failjob')).toEqual([`FailureTarget=True PodFailurePolicy: ${msg}`, `Failed=True PodFailurePolicy: ${msg}`]);
    expect(jobEvents(c, 'job-pod-failure-policy-failjob')).toContain(`SuccessfulDelete: Deleted pod: ${b}`);
    expect(jobEvents(c, 'job-pod-failure-policy-failjob').at(-1)).toBe(`PodFailurePolicy: ${msg}`);
    c.expectNoInternalErrors();
  });

  it('does not count a disrupted pod with an Ignore rule (controllers/job-pod-failure-policy-ignore.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/controllers/job-pod-failure-policy-ignore.yaml`, 'utf8'));
    const [a] = waitRunning(c, k, 'job-pod-failure-policy-ignore-', 2);
    k.disrupt(a);
    // backoffLimit is 0, yet the Job goes on with a replacement pod (after the usual 10 s back-off).
    c.advance('5s');
    expect(k.running('job-pod-failure-policy-ignore-')).toHaveLength(1);
    c.advance('10s');
    expect(finished(c, 'job-pod-failure-policy-ignore')()).toBe(false);
    expect(k.running('job-pod-failure-policy-ignore-')).toHaveLength(2);
    expect(c.get('Job', 'job-pod-failure-policy-ignore')!.status.failed).toBeUndefined();
    c.expectNoInternalErrors();
  });

  it('succeeds as soon as the success policy is met, stopping the other pods (controllers/job-success-policy.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/controllers/job-success-policy.yaml`, 'utf8'), 4);
    waitRunning(c, k, 'job-success-', 10);
    const two = k.running('job-success-').find((n) => c.get('Pod', n)!.metadata.annotations!['batch.kubernetes.io/job-completion-index'] === '2')!;
    k.exit(two, 0);
    expect(c.until(finished(c, 'job-success'), '1m')).toBe(true);
    expect(conditions(c, 'job-success')).toEqual([
      'SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0',
      'Complete=True SuccessPolicy: Matched rules at index 0',
    ]);
    expect(c.get('Job', 'job-success')!.status).toMatchObject({ completedIndexes: '2', succeeded: 1, terminating: 0 });
    expect(jobEvents(c, 'job-success').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(9);
    c.expectNoInternalErrors();
  });

  it('retries an index once and fails another at once with backoffLimitPerIndex (controllers/job-backoff-limit-per-index-failindex.yaml)', () => {
    const { c, k } = setup(readFileSync(`${CORPUS}/controllers/job-backoff-limit-per-index-failindex.yaml`, 'utf8'));
    const index = (n: string) => c.get('Pod', n)!.metadata.annotations!['batch.kubernetes.io/job-completion-index'];
    const name = 'job-backoff-limit-per-index-failindex';
    // As the script does: index 0 exits 1, index 1 exits 42, the others succeed.
    const codes: Record<string, number> = { '0': 1, '1': 42, '2': 0, '3': 0 };
    const retries: string[] = [];
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED' && ev.object.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'] !== '0') {
        retries.push(`${ev.object.metadata.annotations?.['batch.kubernetes.io/job-completion-index']}:${ev.object.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']}`);
      }
    });
    while (!finished(c, name)()) {
      if (!c.until(() => finished(c, name)() || k.running(name).length > 0, '5m')) break;
      for (const n of k.running(name)) k.exit(n, codes[index(n)]);
      c.advance('1s');
    }
    expect(retries).toEqual(['0:1']);
    expect(c.get('Job', name)!.status).toMatchObject({ failedIndexes: '0,1', completedIndexes: '2,3', succeeded: 2 });
    expect(conditions(c, name).at(-1)).toBe('Failed=True FailedIndexes: Job has failed indexes');
    c.expectNoInternalErrors();
  });
});
