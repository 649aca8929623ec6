import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiError } from '../errors';
import type { KObject } from '../object';
import { testCluster } from '../../testing/testCluster';
import { defaultPullPolicy } from './podDefaults';
import { computePodQOS } from './qos';

const pod = (spec: any, name = 'p'): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.kubectlMessage();
    throw e;
  }
  throw new Error('expected the API server to refuse');
}

describe('pod defaults', () => {
  it('gives a bare pod the shape kubectl get -o yaml shows on a real cluster', () => {
    const t = testCluster();
    const p = t.api.create(pod({ containers: [{ name: 'nginx', image: 'nginx' }] }, 'nginx'));
    expect(p.spec.restartPolicy).toBe('Always');
    expect(p.spec.terminationGracePeriodSeconds).toBe(30);
    expect(p.spec.dnsPolicy).toBe('ClusterFirst');
    expect(p.spec.schedulerName).toBe('default-scheduler');
    expect(p.spec.securityContext).toEqual({});
    expect(p.spec.enableServiceLinks).toBe(true);
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.serviceAccount).toBe('default');
    expect(p.spec.priority).toBe(0);
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority');
    const c = p.spec.containers[0];
    expect(c).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('picks the pull policy from the tag as parsers.ParseImageName sees it', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.25')).toBe('IfNotPresent');
    expect(defaultPullPolicy('registry.example.com:5000/app')).toBe('Always');
    expect(defaultPullPolicy('registry.example.com:5000/app:v2')).toBe('IfNotPresent');
    expect(defaultPullPolicy('busybox@sha256:abc123')).toBe('IfNotPresent');
  });

  it('fills probe, port, volume and downward-API defaults', () => {
    const t = testCluster();
    const p = t.api.create(
      pod({
        containers: [
          {
            name: 'app',
            image: 'app:1',
            ports: [{ containerPort: 8080 }],
            livenessProbe: { httpGet: { port: 8080 } },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'c' } }, { name: 'sec', secret: { secretName: 's' } }, { name: 'scratch' }, { name: 'host', hostPath: { path: '/var/log' } }],
      }),
    );
    const c = p.spec.containers[0];
    expect(c.ports[0].protocol).toBe('TCP');
    expect(c.livenessProbe).toEqual({ httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
    expect(p.spec.volumes.slice(0, 4)).toEqual([
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'scratch', emptyDir: {} },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
    ]);
  });

  it('copies limits into missing requests, for pods only', () => {
    const t = testCluster();
    const p = t.api.create(pod({ containers: [{ name: 'a', image: 'a:1', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] }));
    expect(p.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(p.status.qosClass).toBe('Guaranteed');
  });
});

describe('QoS class', () => {
  const c = (resources: any) => ({ name: 'c', image: 'i', resources });
  it('is BestEffort without cpu or memory requests and limits', () => {
    expect(computePodQOS({ containers: [c({}), c({ requests: { 'nvidia.com/gpu': '1' } })] })).toBe('BestEffort');
  });
  it('is Guaranteed when every container limits cpu and memory and requests equal limits', () => {
    expect(computePodQOS({ containers: [c({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } })] })).toBe('Guaranteed');
  });
  it('is Burstable otherwise', () => {
    expect(computePodQOS({ containers: [c({ requests: { cpu: '100m' } })] })).toBe('Burstable');
    expect(computePodQOS({ containers: [c({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } })] })).toBe('Burstable');
    expect(computePodQOS({ containers: [c({ limits: { cpu: '1', memory: '1Gi' } }), c({})] })).toBe('Burstable');
  });
});

describe('pod validation', () => {
  const t = testCluster();
  const create = (spec: any, name = 'p') => refusal(() => t.api.create(pod(spec, name)));

  it('requires containers', () => {
    expect(create({})).toBe('The Pod "p" is invalid: spec.containers: Required value');
  });

  it('checks container names, images and uniqueness', () => {
    expect(create({ containers: [{ name: 'Web', image: 'nginx' }] })).toContain(
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
    expect(create({ containers: [{ name: 'web' }] })).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value');
    expect(create({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] })).toBe('The Pod "p" is invalid: spec.containers[1].name: Duplicate value: "a"');
  });

  it('checks ports and protocols', () => {
    expect(create({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }] }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(create({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
  });

  it('refuses requests above limits with upstream wording', () => {
    expect(create({ containers: [{ name: 'a', image: 'x', resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
    );
  });

  it('reports mounts of volumes that do not exist as Not found', () => {
    expect(create({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    );
  });

  it('wants exactly one volume source and unique volume names', () => {
    expect(create({ containers: [{ name: 'a', image: 'x' }], volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'c' } }] })).toBe(
      'The Pod "p" is invalid: spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type',
    );
    expect(create({ containers: [{ name: 'a', image: 'x' }], volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] })).toBe(
      'The Pod "p" is invalid: spec.volumes[1].name: Duplicate value: "v"',
    );
  });

  it('wants exactly one probe handler and successThreshold 1 for liveness', () => {
    expect(create({ containers: [{ name: 'a', image: 'x', livenessProbe: { periodSeconds: 5 } }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type',
    );
    expect(create({ containers: [{ name: 'a', image: 'x', livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    );
    expect(create({ containers: [{ name: 'a', image: 'x', livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }] })).toBe(
      'The Pod "p" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    );
  });

  it('checks restartPolicy, tolerations and init containers', () => {
    expect(create({ containers: [{ name: 'a', image: 'x' }], restartPolicy: 'Sometimes' })).toBe(
      'The Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(create({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] })).toBe(
      "The Pod \"p\" is invalid: spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    );
    expect(create({ containers: [{ name: 'a', image: 'x' }], initContainers: [{ name: 'i', image: 'x', readinessProbe: { exec: { command: ['true'] } } }] })).toBe(
      'The Pod "p" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    );
  });

  it('checks node affinity operators and topology spread', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } } };
    expect(create({ containers: [{ name: 'a', image: 'x' }], affinity })).toBe(
      "The Pod \"p\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
    expect(create({ containers: [{ name: 'a', image: 'x' }], topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] })).toBe(
      'The Pod "p" is invalid: spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    );
  });
});

describe('pod updates', () => {
  const manifest = parse(`
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.25
    ports: [{containerPort: 80}]
`) as KObject;

  it('allows changing the image', () => {
    const t = testCluster();
    const p = t.api.create(manifest);
    const next = t.api.patch('Pod', 'default', 'web', (d) => {
      d.spec.containers[0].image = 'nginx:1.26';
    });
    expect(next.spec.containers[0].image).toBe('nginx:1.26');
    expect(next.metadata.generation).toBe((p.metadata.generation ?? 0) + 1);
  });

  it('refuses other changes with upstream list of updatable fields', () => {
    const t = testCluster();
    t.api.create(manifest);
    const msg = refusal(() =>
      t.api.patch('Pod', 'default', 'web', (d) => {
        d.spec.containers[0].ports[0].containerPort = 8080;
      }),
    );
    expect(msg.split('\n')[0]).toBe(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it('refuses adding containers', () => {
    const t = testCluster();
    t.api.create(manifest);
    expect(
      refusal(() =>
        t.api.patch('Pod', 'default', 'web', (d) => {
          d.spec.containers.push({ name: 'side', image: 'busybox' });
        }),
      ),
    ).toBe('The Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });
});
