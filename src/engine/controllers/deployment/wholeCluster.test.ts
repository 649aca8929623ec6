import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { deployment, replicaSetsOf, rolloutComplete, rsWithImage, setImage } from './testRollout';

/** The docs' controllers/nginx-deployment.yaml. */
const NGINX = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

describe('a Deployment on the whole cluster (its own scheduler and kubelets)', () => {
  it('comes up, rolls out an image change in the documented event order, and goes quiet', () => {
    const c = testCluster();
    c.apply(NGINX);
    expect(c.until(() => rolloutComplete(c, 'nginx-deployment'), '5m')).toBe(true);
    const [first] = replicaSetsOf(c, 'nginx-deployment');
    expect(c.eventsFor('nginx-deployment')).toEqual([`ScalingReplicaSet: Scaled up replica set ${first.metadata.name} from 0 to 3`]);
    setImage(c, 'nginx:1.16.1', 'nginx-deployment');
    expect(c.until(() => rolloutComplete(c, 'nginx-deployment'), '5m')).toBe(true);
    const oldRS = rsWithImage(c, 'nginx:1.14.2', 'nginx-deployment').metadata.name;
    const newRS = rsWithImage(c, 'nginx:1.16.1', 'nginx-deployment').metadata.name;
    expect(c.eventsFor('nginx-deployment').slice(1)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    const progressing = deployment(c, 'nginx-deployment').status.conditions.find((x: any) => x.type === 'Progressing');
    expect(progressing.reason).toBe('NewReplicaSetAvailable');
    c.settle('15m');
    expect(c.pods({ selector: 'app=nginx' }).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    c.expectNoInternalErrors();
  });
});
