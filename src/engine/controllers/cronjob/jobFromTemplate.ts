import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { deepClone } from '../../api/equal';
import { newControllerRef, type KObject } from '../../api/object';
import { rfc3339 } from '../../time';
import { jobName } from './scheduleTimes';
import { formatRFC3339, type Zone } from './timeZone';

/** batch/v1 CronJobScheduledTimestampAnnotation. */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/**
 * getJobFromTemplate2: the Job for one scheduled time: the template's labels and annotations
 * (plus the scheduled time, RFC 3339 in the CronJob's zone), a name fixed by the scheduled
 * minute so a second create for it fails with AlreadyExists, and the CronJob as controller.
 */
export function jobFromTemplate(cj: CronJob, scheduledUnixMs: number, zone: Zone, epochMs: number): Job {
  const meta = cj.spec?.jobTemplate?.metadata ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj.metadata!.name!, scheduledUnixMs),
      namespace: cj.metadata!.namespace,
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatRFC3339(scheduledUnixMs, zone) },
      // The API server replaces it with the time of the create, as upstream.
      creationTimestamp: rfc3339(scheduledUnixMs - epochMs),
      ownerReferences: [newControllerRef(cj as unknown as KObject)],
    },
    spec: deepClone(cj.spec!.jobTemplate.spec!),
  };
}
