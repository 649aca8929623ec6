import { describe, expect, it } from 'vitest';
import type { TestCluster } from '../../testing/testCluster';
import { parseTimestamp } from '../../time';
import { workloadTestCluster } from '../daemonset/workloadTestCluster';

/**
 * End-to-end stories of Jobs and CronJobs that rely on real container behaviour: the kubelet
 * running a container's command (`sleep 5`, `exit 1`) to completion or failure. They run once
 * the cluster's kubelet does that; a probe (a pod whose command is `exit 3`) tells, and until
 * then the suite is skipped rather than faked.
 */
function kubeletRunsCommands(): boolean {
  const c = workloadTestCluster({ workers: 1 });
  c.apply(`
apiVersion: v1
kind: Pod
metadata: {name: probe}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.36, command: ["sh", "-c", "exit 3"]}]
`);
  c.until(() => c.get('Pod', 'probe')?.status?.phase === 'Failed', '2m');
  const pod = c.get('Pod', 'probe');
  return pod?.status?.phase === 'Failed' && pod.status.containerStatuses?.[0]?.state?.terminated?.exitCode === 3;
}

const realKubelet = kubeletRunsCommands();

const done = (c: TestCluster, name: string, type: string) => () => (c.get('Job', name)?.status?.conditions ?? []).some((x: any) => x.type === type && x.status === 'True');

describe.skipIf(!realKubelet)('Jobs end to end (with the real kubelet running container commands)', () => {
  it('retries a Job whose container runs `exit 1` after 10 s, 20 s and 40 s, then fails at backoffLimit 3', () => {
    const c = workloadTestCluster();
    const created: number[] = [];
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED') created.push(c.now);
    });
    c.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: fail}
spec:
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36, command: ["sh", "-c", "exit 1"]}]
`);
    expect(c.until(done(c, 'fail', 'Failed'), '10m')).toBe(true);
    expect(created).toHaveLength(4);
    const finishedAt = c.pods().map((p) => parseTimestamp(p.status.containerStatuses[0].state.terminated.finishedAt)!).sort((a, b) => a - b);
    const gaps = created.slice(1).map((t, i) => Math.round((t - finishedAt[i]) / 1000));
    expect(gaps).toEqual([10, 20, 40]);
    expect(c.get('Job', 'fail')!.status.failed).toBe(4);
    expect(c.eventMessages('BackoffLimitExceeded')).toEqual(['Job has reached the specified backoff limit']);
    c.expectNoInternalErrors();
  });

  it('runs completions 5 of `sleep 5` with parallelism 2 in waves of 2, 2 and 1', () => {
    const c = workloadTestCluster();
    let maxActive = 0;
    c.api.watch('Job', (ev) => {
      maxActive = Math.max(maxActive, ev.object.status?.active ?? 0);
    });
    c.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: waves}
spec:
  completions: 5
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36, command: ["sleep", "5"]}]
`);
    expect(c.until(done(c, 'waves', 'Complete'), '5m')).toBe(true);
    expect(maxActive).toBe(2);
    expect(c.get('Job', 'waves')!.status.succeeded).toBe(5);
    const starts = c.pods().map((p) => parseTimestamp(p.metadata.creationTimestamp)!).sort((a, b) => a - b);
    // Three waves: the third pod starts only after the first two finished their 5 s.
    expect(starts[2] - starts[0]).toBeGreaterThanOrEqual(5000);
    expect(starts[4] - starts[2]).toBeGreaterThanOrEqual(5000);
    c.expectNoInternalErrors();
  });

  it('stops a `sleep 600` Job after activeDeadlineSeconds 20', () => {
    const c = workloadTestCluster();
    c.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: deadline}
spec:
  activeDeadlineSeconds: 20
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 5
      containers: [{name: main, image: busybox:1.36, command: ["sleep", "600"]}]
`);
    expect(c.until(done(c, 'deadline', 'Failed'), '5m')).toBe(true);
    const cond = c.get('Job', 'deadline')!.status.conditions.find((x: any) => x.type === 'Failed');
    expect(cond.reason).toBe('DeadlineExceeded');
    expect(c.eventMessages('DeadlineExceeded')).toEqual(['Job was active longer than specified deadline']);
    c.expectNoInternalErrors();
  });

  it('runs the docs CronJob each minute and sees its Jobs complete (application/job/cronjob.yaml)', () => {
    const c = workloadTestCluster();
    c.apply(`
apiVersion: batch/v1
kind: CronJob
metadata: {name: hello}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command: ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"]
          restartPolicy: OnFailure
`);
    c.advance('3m30s');
    const saw = c.eventMessages('SawCompletedJob');
    expect(saw.length).toBeGreaterThanOrEqual(2);
    expect(saw[0]).toMatch(/^Saw completed job: hello-\d+, condition: Complete$/);
    expect(c.get('CronJob', 'hello')!.status.lastSuccessfulTime).toBeDefined();
    c.expectNoInternalErrors();
  });
});
