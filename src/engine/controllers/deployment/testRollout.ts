import { testCluster, type TestCluster } from '../../testing/testCluster';
import { TestPodLifecycle, type PodLifecycleOptions } from '../replicaset/testPodLifecycle';

/** Helpers for Deployment controller tests (not a test file itself). */

export interface DeploymentSpecOptions {
  name?: string;
  replicas?: number;
  image?: string;
  strategy?: 'RollingUpdate' | 'Recreate';
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  extraSpec?: string;
}

/** A Deployment manifest in the shape of the docs' nginx example. */
export function deploymentYaml(o: DeploymentSpecOptions = {}): string {
  const name = o.name ?? 'web';
  const rolling =
    o.maxSurge !== undefined || o.maxUnavailable !== undefined
      ? `\n    rollingUpdate:${o.maxSurge !== undefined ? `\n      maxSurge: ${JSON.stringify(o.maxSurge)}` : ''}${o.maxUnavailable !== undefined ? `\n      maxUnavailable: ${JSON.stringify(o.maxUnavailable)}` : ''}`
      : '';
  const strategy = o.strategy || rolling ? `\n  strategy:\n    type: ${o.strategy ?? 'RollingUpdate'}${rolling}` : '';
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${o.replicas ?? 3}${strategy}
  selector:
    matchLabels: {app: ${name}}${o.extraSpec ? `\n${o.extraSpec}` : ''}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: nginx
        image: ${o.image ?? 'nginx:1.14.2'}
        ports:
        - containerPort: 80
`;
}

/** A cluster whose pods the test brings up (see TestPodLifecycle). */
export function drivenCluster(opts: PodLifecycleOptions = {}, workers = 3): { c: TestCluster; life: TestPodLifecycle } {
  const c = testCluster({ workers });
  const life = new TestPodLifecycle(c, opts);
  return { c, life };
}

/**
 * Lets the controllers react for `roundMs`, then makes every pod Ready and ends every Terminating
 * one, round after round, until `done` holds after a round in which nothing was left to do.
 * This is the tables' model: between two scaling decisions, the cluster settles.
 */
export function runRounds(c: TestCluster, life: TestPodLifecycle, done: () => boolean, opts: { roundMs?: number; maxRounds?: number } = {}): number {
  const max = opts.maxRounds ?? 60;
  for (let round = 1; round <= max; round++) {
    c.advance(opts.roundMs ?? 500);
    const changed = life.readyAll() + life.finishTerminating();
    if (changed === 0 && done()) return round;
  }
  throw new Error(`not done after ${max} rounds`);
}

/** Test objects are read loosely typed (`any`), as a test reads YAML. */
export function deployment(c: TestCluster, name = 'web'): any {
  return c.get('Deployment', name)!;
}

/** DeploymentComplete, with every old ReplicaSet scaled to 0 and empty. */
export function rolloutComplete(c: TestCluster, name = 'web'): boolean {
  const d = deployment(c, name);
  const s = d.status ?? {};
  const replicas = d.spec.replicas ?? 1;
  const image = d.spec.template.spec.containers[0].image;
  const oldLeft = replicaSetsOf(c, name).some((rs) => rs.spec.template.spec.containers[0].image !== image && ((rs.spec.replicas ?? 1) > 0 || (rs.status?.replicas ?? 0) > 0));
  return (s.observedGeneration ?? 0) >= d.metadata.generation! && (s.updatedReplicas ?? 0) === replicas && (s.replicas ?? 0) === replicas && (s.availableReplicas ?? 0) === replicas && !oldLeft;
}

/** Changes the container image, as `kubectl set image deployment/web nginx=<image>` does. */
export function setImage(c: TestCluster, image: string, name = 'web'): void {
  c.api.patch('Deployment', 'default', name, (d: any) => {
    d.spec.template.spec.containers[0].image = image;
  });
}

export function scaleTo(c: TestCluster, replicas: number, name = 'web'): void {
  c.api.patch('Deployment', 'default', name, (d: any) => {
    d.spec.replicas = replicas;
  });
}

export interface ScaleStep {
  rs: 'new' | 'old' | string;
  from: number;
  to: number;
}

/**
 * The ScalingReplicaSet events of a Deployment since log index `since`, with the ReplicaSet
 * named "new" when it is `newName`, "old" when it is `oldName`.
 */
export function scalingSteps(c: TestCluster, since: number, names: { new?: string; old?: string }, deploymentName = 'web'): ScaleStep[] {
  const out: ScaleStep[] = [];
  for (const e of c.cluster.recorder.log.slice(since)) {
    if (e.reason !== 'ScalingReplicaSet' || e.involvedObject.name !== deploymentName) continue;
    // From the tenth distinct message on, the event correlator combines them (the step is still there).
    const m = /^(?:\(combined from similar events\): )?Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$/.exec(e.message);
    if (!m) throw new Error(`unexpected ScalingReplicaSet message: ${e.message}`);
    const rs = m[2] === names.new ? 'new' : m[2] === names.old ? 'old' : m[2];
    out.push({ rs, from: Number(m[3]), to: Number(m[4]) });
  }
  return out;
}

export function replicaSetsOf(c: TestCluster, name = 'web'): any[] {
  const d = deployment(c, name);
  return c.list('ReplicaSet').filter((rs) => rs.metadata.ownerReferences?.some((r: any) => r.uid === d.metadata.uid));
}

/** The ReplicaSet whose template carries this image. */
export function rsWithImage(c: TestCluster, image: string, name = 'web'): any {
  return replicaSetsOf(c, name).find((rs) => rs.spec.template.spec.containers[0].image === image);
}

/** The pods matching a label selector, loosely typed. */
export function podsOf(c: TestCluster, selector = 'app=web'): any[] {
  return c.pods({ selector });
}
