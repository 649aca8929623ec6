import type { Container } from 'kubernetes-types/core/v1';

/** The pod spec inside each kind that `set image`, `set env` and `set resources` change. */
export function podSpecOf(d: any): { containers?: Container[]; initContainers?: Container[] } | undefined {
  switch (d.kind) {
    case 'Pod':
      return d.spec;
    case 'CronJob':
      return d.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return d.spec?.template?.spec;
  }
  return undefined;
}
