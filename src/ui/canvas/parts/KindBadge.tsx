import './parts.css';
/** kubectl's short names: the badge teaches them while it labels the card. */
const SHORT: Record<string, string> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
  CronJob: 'cj',
  ReplicationController: 'rc',
  Service: 'svc',
  Ingress: 'ing',
  PersistentVolumeClaim: 'pvc',
  PersistentVolume: 'pv',
  Pod: 'po',
  Node: 'no',
};

export function KindBadge({ kind }: { kind: string }) {
  return (
    <span className={`kind-badge kind-${kind}`} title={kind}>
      {SHORT[kind] ?? kind}
    </span>
  );
}
