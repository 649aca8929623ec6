import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiError } from '../errors';
import type { KObject } from '../object';
import { testCluster } from '../../testing/testCluster';
import { cronScheduleError } from '../validation/cron';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.kubectlMessage();
    throw e;
  }
  throw new Error('expected the API server to refuse');
}

const y = (text: string) => parse(text) as KObject;

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx-deployment, labels: {app: nginx}}
spec:
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - {name: nginx, image: "nginx:1.14.2", ports: [{containerPort: 80}]}
`;

describe('Deployment', () => {
  it('defaults the strategy, history and deadline', () => {
    const d = testCluster().api.create(y(DEPLOYMENT));
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {} });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.metadata.generation).toBe(1);
  });

  it('defaults replicas to 1', () => {
    const obj = y(DEPLOYMENT);
    delete obj.spec.replicas;
    expect(testCluster().api.create(obj).spec.replicas).toBe(1);
  });

  it('refuses a template whose labels the selector does not match', () => {
    const obj = y(DEPLOYMENT);
    obj.spec.selector.matchLabels.app = 'web';
    expect(refusal(() => testCluster().api.create(obj))).toBe(
      'The Deployment "nginx-deployment" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    );
  });

  it('requires a selector', () => {
    const obj = y(DEPLOYMENT);
    delete obj.spec.selector;
    expect(refusal(() => testCluster().api.create(obj))).toBe(
      'The Deployment "nginx-deployment" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    );
  });

  it('refuses negative replicas, maxSurge and maxUnavailable both 0, and a short progress deadline', () => {
    const t = testCluster();
    const obj = y(DEPLOYMENT);
    obj.spec.replicas = -1;
    expect(refusal(() => t.api.create(obj))).toBe('The Deployment "nginx-deployment" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const zero = y(DEPLOYMENT);
    zero.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } };
    expect(refusal(() => t.api.create(zero))).toBe('The Deployment "nginx-deployment" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
    const deadline = y(DEPLOYMENT);
    deadline.spec.minReadySeconds = 30;
    deadline.spec.progressDeadlineSeconds = 10;
    expect(refusal(() => t.api.create(deadline))).toBe('The Deployment "nginx-deployment" is invalid: spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds');
  });

  it('refuses a template restartPolicy other than Always', () => {
    const obj = y(DEPLOYMENT);
    obj.spec.template.spec.restartPolicy = 'Never';
    expect(refusal(() => testCluster().api.create(obj))).toBe(
      'The Deployment "nginx-deployment" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it('keeps the selector immutable', () => {
    const t = testCluster();
    t.api.create(y(DEPLOYMENT));
    const msg = refusal(() =>
      t.api.patch('Deployment', 'default', 'nginx-deployment', (d) => {
        d.spec.selector.matchLabels = { app: 'nginx', tier: 'web' };
        d.spec.template.metadata.labels = { app: 'nginx', tier: 'web' };
      }),
    );
    expect(msg).toBe(
      'The Deployment "nginx-deployment" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"nginx", "tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('ReplicaSet, ReplicationController, DaemonSet, StatefulSet', () => {
  it('defaults an RC selector and labels from its template', () => {
    const rc = testCluster().api.create(
      y(`
apiVersion: v1
kind: ReplicationController
metadata: {name: nginx}
spec:
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: nginx}]}
`),
    );
    expect(rc.spec.selector).toEqual({ app: 'nginx' });
    expect(rc.metadata.labels).toEqual({ app: 'nginx' });
    expect(rc.spec.replicas).toBe(1);
  });

  it('defaults a DaemonSet rolling update to maxUnavailable 1, maxSurge 0 and records the template generation', () => {
    const t = testCluster();
    const ds = t.api.create(
      y(`
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluentd}
spec:
  selector: {matchLabels: {name: fluentd}}
  template:
    metadata: {labels: {name: fluentd}}
    spec: {containers: [{name: fluentd, image: "fluentd:v1"}]}
`),
    );
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const next = t.api.patch('DaemonSet', 'default', 'fluentd', (d) => {
      d.spec.template.spec.containers[0].image = 'fluentd:v2';
    });
    expect(next.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });

  it('refuses a DaemonSet with both maxSurge and maxUnavailable set', () => {
    const obj = y(`
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  selector: {matchLabels: {a: b}}
  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}
  template:
    metadata: {labels: {a: b}}
    spec: {containers: [{name: c, image: i}]}
`);
    expect(refusal(() => testCluster().api.create(obj))).toBe('The DaemonSet "ds" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero');
  });

  it('defaults a StatefulSet and its claim templates', () => {
    const sts = testCluster().api.create(
      y(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`),
    );
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
  });

  it('refuses StatefulSet spec changes outside the updatable fields', () => {
    const t = testCluster();
    t.api.create(
      y(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: nginx}]}
`),
    );
    expect(
      refusal(() =>
        t.api.patch('StatefulSet', 'default', 'web', (d) => {
          d.spec.serviceName = 'other';
        }),
      ),
    ).toBe(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});

const JOB = `
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec:
      containers:
      - {name: pi, image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}
      restartPolicy: Never
  backoffLimit: 4
`;

describe('Job', () => {
  it('defaults completions, parallelism and generates the selector from the uid', () => {
    const job = testCluster().api.create(y(JOB));
    const uid = job.metadata.uid!;
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 4, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(job.spec.template.metadata.labels).toEqual(labels);
    expect(job.metadata.labels).toEqual(labels);
  });

  it('keeps user labels on the Job and defaults parallelism to 1 when only completions is set', () => {
    const obj = y(JOB);
    obj.metadata.labels = { team: 'a' };
    obj.spec.completions = 5;
    const job = testCluster().api.create(obj);
    expect(job.metadata.labels).toEqual({ team: 'a' });
    expect(job.spec.parallelism).toBe(1);
    expect(job.spec.backoffLimit).toBe(4);
  });

  it('requires restartPolicy OnFailure or Never', () => {
    const obj = y(JOB);
    delete obj.spec.template.spec.restartPolicy;
    expect(refusal(() => testCluster().api.create(obj))).toBe('The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('keeps the template immutable', () => {
    const t = testCluster();
    t.api.create(y(JOB));
    expect(
      refusal(() =>
        t.api.patch('Job', 'default', 'pi', (d) => {
          d.spec.template.spec.containers[0].image = 'perl:5.36';
        }),
      ),
    ).toBe('The Job "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable');
  });
});

describe('CronJob', () => {
  const cron = (schedule: string, name = 'hello') =>
    y(`
apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "${schedule}"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: hello, image: busybox}]
          restartPolicy: OnFailure
`);

  it('defaults the policies and history limits', () => {
    const cj = testCluster().api.create(cron('* * * * *'));
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
  });

  it('explains a bad schedule as robfig/cron does', () => {
    expect(refusal(() => testCluster().api.create(cron('* * * *')))).toBe('The CronJob "hello" is invalid: spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]');
    expect(refusal(() => testCluster().api.create(cron('61 * * * *')))).toBe('The CronJob "hello" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
  });

  it('limits names to 52 characters', () => {
    const name = 'a'.repeat(53);
    expect(refusal(() => testCluster().api.create(cron('@hourly', name)))).toBe(`The CronJob "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`);
  });

  it('parses schedules like cron.ParseStandard', () => {
    expect(cronScheduleError('*/5 * * * *')).toBeUndefined();
    expect(cronScheduleError('0 9 * * MON-FRI')).toBeUndefined();
    expect(cronScheduleError('@daily')).toBeUndefined();
    expect(cronScheduleError('@every 1h30m')).toBeUndefined();
    expect(cronScheduleError('@fortnightly')).toBe('unrecognized descriptor: @fortnightly');
    expect(cronScheduleError('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleError('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(cronScheduleError('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(cronScheduleError('')).toBe('empty spec string');
  });
});
