import { describe, expect, it } from 'vitest';
import { ALPHANUMS } from '../../random';
import { computeHash } from '../hash';
import { deployment, deploymentYaml, podsOf, drivenCluster, replicaSetsOf, rolloutComplete, rsWithImage, runRounds, scaleTo, setImage } from './testRollout';

const HASH = /^[456789bcdf]{1,10}$/;
const SUFFIX = new RegExp(`^[${ALPHANUMS}]{5}$`);

describe('a fresh Deployment', () => {
  it('creates one ReplicaSet <name>-<pod-template-hash> and tells it in one event, "Scaled up replica set web-<hash> from 0 to 3"', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    const [rs] = replicaSetsOf(c);
    expect(replicaSetsOf(c)).toHaveLength(1);
    const hash = rs.metadata.name!.slice('web-'.length);
    expect(hash).toMatch(HASH);
    expect(c.eventsFor('web')).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    c.expectNoInternalErrors();
  });

  it('labels the ReplicaSet, its selector, its template and so its pods with pod-template-hash', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    const [rs] = replicaSetsOf(c);
    const hash = rs.metadata.name!.slice('web-'.length);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    // The hash is ComputeHash of the Deployment's template (no collision yet).
    expect(hash).toBe(computeHash(deployment(c).spec.template, undefined));
    const pods = podsOf(c);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name!.startsWith(`web-${hash}-`)).toBe(true);
      expect(p.metadata.name!.slice(`web-${hash}-`.length)).toMatch(SUFFIX);
      expect(p.metadata.labels['pod-template-hash']).toBe(hash);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    c.expectNoInternalErrors();
  });

  it('owns its ReplicaSet with controller and blockOwnerDeletion, so the garbage collector can cascade', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 1 }));
    runRounds(c, life, () => rolloutComplete(c));
    const d = deployment(c);
    expect(replicaSetsOf(c)[0].metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('reports revision 1 on both objects and the desired/max replica annotations on the ReplicaSet', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    expect(deployment(c).metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(replicaSetsOf(c)[0].metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
  });

  it('starts Progressing=True NewReplicaSetCreated and Available=False, and ends Available=True, NewReplicaSetAvailable', () => {
    const { c, life } = drivenCluster();
    const statuses: any[] = [];
    c.api.watch('Deployment', (ev) => {
      if (ev.object.status?.conditions) statuses.push(ev.object.status);
    });
    c.apply(deploymentYaml({ replicas: 3 }));
    c.advance(100);
    const [rs] = replicaSetsOf(c);
    // The first sync's status, before any pod exists.
    const early = statuses.find((s) => s.conditions.length === 2);
    expect(early.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rs.metadata.name}"`],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ]);
    runRounds(c, life, () => rolloutComplete(c));
    const status = deployment(c).status;
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, terminatingReplicas: 0 });
    expect(status.unavailableReplicas).toBeUndefined();
    expect(status.collisionCount).toBeUndefined();
    expect(status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata.name}" has successfully progressed.`],
    ]);
    // Progressing never went False, so its transition time is still the creation time.
    const progressing = status.conditions.find((x: any) => x.type === 'Progressing');
    expect(progressing.lastTransitionTime).toBe(early.conditions[0].lastTransitionTime);
    c.expectNoInternalErrors();
  });

  it('copies its own annotations to the ReplicaSet, but not last-applied-configuration', () => {
    const { c, life } = drivenCluster();
    const yaml = deploymentYaml({ replicas: 1 }).replace('  labels: {app: web}\n', `  labels: {app: web}\n  annotations:\n    team: blue\n    kubectl.kubernetes.io/last-applied-configuration: '{}'\n`);
    c.apply(yaml);
    runRounds(c, life, () => rolloutComplete(c));
    const a = replicaSetsOf(c)[0].metadata.annotations;
    expect(a.team).toBe('blue');
    expect(a['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });
});

describe('scaling a Deployment', () => {
  it('resizes the only ReplicaSet in one step and updates its desired/max annotations', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 3 }));
    runRounds(c, life, () => rolloutComplete(c));
    scaleTo(c, 5);
    runRounds(c, life, () => rolloutComplete(c));
    const [rs] = replicaSetsOf(c);
    expect(rs.spec.replicas).toBe(5);
    expect(rs.metadata.annotations['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(rs.metadata.annotations['deployment.kubernetes.io/max-replicas']).toBe('7');
    expect(c.eventsFor('web').at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 3 to 5`);
    scaleTo(c, 1);
    runRounds(c, life, () => rolloutComplete(c));
    expect(c.eventsFor('web').at(-1)).toBe(`ScalingReplicaSet: Scaled down replica set ${rs.metadata.name} from 5 to 1`);
    expect(c.pods({ selector: 'app=web' })).toHaveLength(1);
    c.expectNoInternalErrors();
  });

  it('to zero keeps the ReplicaSet at 0 and reports no replicas', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    scaleTo(c, 0);
    runRounds(c, life, () => c.pods({ selector: 'app=web' }).length === 0);
    expect(replicaSetsOf(c)[0].spec.replicas).toBe(0);
    const status = deployment(c).status;
    expect(status.replicas).toBeUndefined();
    expect(status.conditions.find((x: any) => x.type === 'Available').status).toBe('True');
  });
});

describe('choosing pods to remove', () => {
  it('scales down the pod on the node crowded with pods of the Deployment before a lone one Ready for a shorter time', () => {
    const { c, life } = drivenCluster({ nodes: ['worker-1', 'worker-1', 'worker-2'] });
    c.apply(deploymentYaml({ replicas: 3 }));
    c.advance(100);
    life.readyAll((p) => p.spec.nodeName === 'worker-1');
    c.advance('20s');
    life.readyAll();
    c.advance('1s');
    scaleTo(c, 2);
    c.advance(100);
    const deleted = podsOf(c).filter((p) => p.metadata.deletionTimestamp);
    expect(deleted.map((p) => p.spec.nodeName)).toEqual(['worker-1']);
  });
});

describe('revisions and history', () => {
  it('gives each rollout the next revision and keeps old ReplicaSets at 0 replicas', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    runRounds(c, life, () => rolloutComplete(c));
    const v1 = rsWithImage(c, 'nginx:1.14.2')!;
    const v2 = rsWithImage(c, 'nginx:1.16.1')!;
    expect(v1.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(v2.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(v1.spec.replicas).toBe(0);
    expect(deployment(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(deployment(c).metadata.generation).toBe(2);
    expect(deployment(c).status.observedGeneration).toBe(2);
  });

  it('rolling back by restoring an old template revives that ReplicaSet under its name with revision 3 and revision-history 1', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    const v1Name = rsWithImage(c, 'nginx:1.14.2')!.metadata.name;
    setImage(c, 'nginx:1.16.1');
    runRounds(c, life, () => rolloutComplete(c));
    const since = c.cluster.recorder.log.length;
    setImage(c, 'nginx:1.14.2');
    runRounds(c, life, () => rolloutComplete(c));
    expect(replicaSetsOf(c)).toHaveLength(2);
    const v1 = rsWithImage(c, 'nginx:1.14.2')!;
    expect(v1.metadata.name).toBe(v1Name);
    expect(v1.spec.replicas).toBe(2);
    expect(v1.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(v1.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(deployment(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    const reasons = c.cluster.recorder.log.slice(since).filter((e) => e.involvedObject.name === 'web').map((e) => e.reason);
    expect(reasons.every((r) => r === 'ScalingReplicaSet')).toBe(true);
    expect(c.eventMessages().filter((m) => /rollback/i.test(m))).toEqual([]);
    c.expectNoInternalErrors();
  });

  it('treats kubectl rollout restart (a restartedAt template annotation) as a new template', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:05Z' };
    });
    runRounds(c, life, () => rolloutComplete(c));
    const rsList = replicaSetsOf(c);
    expect(rsList).toHaveLength(2);
    const restarted = rsList.find((rs) => rs.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'])!;
    expect(restarted.spec.replicas).toBe(2);
    expect(restarted.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(c.pods({ selector: 'app=web' }).every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'])).toBe(true);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets, removing the lowest revisions', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 1, extraSpec: '  revisionHistoryLimit: 2' }));
    runRounds(c, life, () => rolloutComplete(c));
    for (const v of ['1.15', '1.16', '1.17', '1.18']) {
      setImage(c, `nginx:${v}`);
      runRounds(c, life, () => rolloutComplete(c));
    }
    const revisions = replicaSetsOf(c)
      .map((rs) => Number(rs.metadata.annotations['deployment.kubernetes.io/revision']))
      .sort((a, b) => a - b);
    expect(revisions).toEqual([3, 4, 5]);
    expect(rsWithImage(c, 'nginx:1.18')!.spec.replicas).toBe(1);
    c.expectNoInternalErrors();
  });

  it('keeps no old ReplicaSet with revisionHistoryLimit 0', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 1, extraSpec: '  revisionHistoryLimit: 0' }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    runRounds(c, life, () => rolloutComplete(c) && replicaSetsOf(c).length === 1);
    expect(replicaSetsOf(c).map((rs) => rs.spec.template.spec.containers[0].image)).toEqual(['nginx:1.16.1']);
  });

  it('on a hash collision bumps status.collisionCount and names the ReplicaSet with the new hash', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 1, extraSpec: '  paused: true' }));
    c.advance(200);
    expect(replicaSetsOf(c)).toHaveLength(0);
    const template = deployment(c).spec.template;
    const taken = `web-${computeHash(template, undefined)}`;
    // Another ReplicaSet, not selected by the Deployment, already has that name.
    c.apply(`
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${taken}, labels: {app: other}}
spec:
  replicas: 0
  selector: {matchLabels: {app: other}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: c, image: busybox}]}
`);
    c.api.patch('Deployment', 'default', 'web', (d: any) => {
      d.spec.paused = false;
    });
    runRounds(c, life, () => rolloutComplete(c));
    expect(deployment(c).status.collisionCount).toBe(1);
    const [rs] = replicaSetsOf(c);
    expect(rs.metadata.name).toBe(`web-${computeHash(template, 1)}`);
    expect(rs.metadata.name).not.toBe(taken);
    expect(c.get('ReplicaSet', taken)!.metadata.ownerReferences).toBeUndefined();
    c.expectNoInternalErrors();
  });
});

describe('ReplicaSet ownership', () => {
  it('adopts an orphan ReplicaSet its selector matches and scales it down as an old one', () => {
    const { c, life } = drivenCluster();
    c.apply(`
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: legacy, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.10}]}
`);
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    const legacy = c.get('ReplicaSet', 'legacy')!;
    expect(legacy.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment(c).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(legacy.spec.replicas).toBe(0);
    expect(rsWithImage(c, 'nginx:1.14.2')!.spec.replicas).toBe(2);
    c.expectNoInternalErrors();
  });

  it('releases a ReplicaSet whose labels stop matching its selector', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 1 }));
    runRounds(c, life, () => rolloutComplete(c));
    setImage(c, 'nginx:1.16.1');
    runRounds(c, life, () => rolloutComplete(c));
    const old = rsWithImage(c, 'nginx:1.14.2')!;
    c.api.patchMetadata('ReplicaSet', 'default', old.metadata.name!, (m) => {
      m.labels = { app: 'detached' };
    });
    c.advance(200);
    expect(c.get('ReplicaSet', old.metadata.name!)!.metadata.ownerReferences).toBeUndefined();
    expect(replicaSetsOf(c)).toHaveLength(1);
  });

  it('creates nothing for a Deployment that is being deleted', () => {
    const { c, life } = drivenCluster();
    c.apply(deploymentYaml({ replicas: 2 }));
    runRounds(c, life, () => rolloutComplete(c));
    const created: string[] = [];
    c.api.watch('ReplicaSet', (ev) => {
      if (ev.type === 'ADDED') created.push(ev.object.metadata.name!);
    });
    // Foreground deletion keeps the Deployment (with a deletionTimestamp) until its dependents are gone.
    c.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    const d = c.get('Deployment', 'web');
    if (d) {
      expect(d.metadata.deletionTimestamp).toBeDefined();
      setImage(c, 'nginx:1.16.1');
      for (const rs of replicaSetsOf(c)) c.api.delete('ReplicaSet', 'default', rs.metadata.name!);
    }
    c.advance('2s');
    expect(created).toEqual([]);
    c.expectNoInternalErrors();
  });
});

describe('determinism', () => {
  it('tells the same story, byte for byte, for the same inputs and seed', () => {
    const story = () => {
      const { c, life } = drivenCluster();
      c.apply(deploymentYaml({ replicas: 5, maxSurge: 2, maxUnavailable: 1 }));
      runRounds(c, life, () => rolloutComplete(c));
      setImage(c, 'nginx:1.16.1');
      runRounds(c, life, () => rolloutComplete(c));
      scaleTo(c, 2);
      runRounds(c, life, () => rolloutComplete(c));
      return JSON.stringify([c.list('ReplicaSet'), c.list('Pod'), c.list('Deployment'), c.cluster.recorder.log]);
    };
    expect(story()).toBe(story());
  });
});
