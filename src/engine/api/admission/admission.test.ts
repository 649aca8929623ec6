import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiError } from '../errors';
import type { KObject } from '../object';
import { testCluster } from '../../testing/testCluster';

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
const pod = (name: string, spec: any, ns = 'default'): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec });
const ctr = (resources?: any) => ({ name: 'c', image: 'nginx:1.25', ...(resources ? { resources } : {}) });

describe('LimitRanger', () => {
  // The memory-defaults example of the docs (default 512Mi, defaultRequest 256Mi).
  const cluster = () =>
    testCluster().apply(`
apiVersion: v1
kind: LimitRange
metadata: {name: mem-limit-range}
spec:
  limits:
  - default: {memory: 512Mi}
    defaultRequest: {memory: 256Mi}
    type: Container
`);

  it('fills both defaults into a container without resources, and says so in an annotation', () => {
    const p = cluster().api.create(pod('default-mem-demo', { containers: [ctr()] }));
    expect(p.spec.containers[0].resources).toEqual({ limits: { memory: '512Mi' }, requests: { memory: '256Mi' } });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: memory request for container c; memory limit for container c');
  });

  it('takes the request from a limit the pod sets itself', () => {
    const p = cluster().api.create(pod('p', { containers: [ctr({ limits: { memory: '1Gi' } })] }));
    expect(p.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' }, requests: { memory: '1Gi' } });
  });

  it('adds the default limit to a pod that only requests', () => {
    const p = cluster().api.create(pod('p', { containers: [ctr({ requests: { memory: '128Mi' } })] }));
    expect(p.spec.containers[0].resources).toEqual({ limits: { memory: '512Mi' }, requests: { memory: '128Mi' } });
  });

  it('fills defaultRequest from default when only default is given', () => {
    const t = testCluster().apply(`
apiVersion: v1
kind: LimitRange
metadata: {name: cpu}
spec: {limits: [{type: Container, default: {cpu: "1"}}]}
`);
    expect(t.get('LimitRange', 'cpu')!.spec.limits[0].defaultRequest).toEqual({ cpu: '1' });
  });

  it('enforces min, max and the ratio with upstream messages', () => {
    const t = testCluster().apply(`
apiVersion: v1
kind: LimitRange
metadata: {name: cpu-min-max-demo-lr}
spec:
  limits:
  - max: {cpu: "800m", memory: 1Gi}
    min: {cpu: "200m", memory: 500Mi}
    maxLimitRequestRatio: {cpu: "4"}
    type: Container
`);
    expect(refusal(() => t.api.create(pod('constraints-cpu-demo-2', { containers: [ctr({ limits: { cpu: '1.5' }, requests: { cpu: '500m' } })] })))).toBe(
      'Error from server (Forbidden): pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m',
    );
    expect(refusal(() => t.api.create(pod('p3', { containers: [ctr({ limits: { cpu: '800m', memory: '1Gi' }, requests: { cpu: '200m', memory: '100Mi' } })] })))).toBe(
      'Error from server (Forbidden): pods "p3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi',
    );
    expect(refusal(() => t.api.create(pod('p4', { containers: [ctr({ limits: { cpu: '800m', memory: '1Gi' }, requests: { cpu: '160m', memory: '600Mi' } })] })))).toBe(
      'Error from server (Forbidden): pods "p4" is forbidden: [minimum cpu usage per Container is 200m, but request is 160m, cpu max limit to request ratio per Container is 4, but provided ratio is 5.000000]',
    );
  });

  it('bounds PVC storage', () => {
    const t = testCluster().apply(`
apiVersion: v1
kind: LimitRange
metadata: {name: storagelimits}
spec: {limits: [{type: PersistentVolumeClaim, max: {storage: 2Gi}, min: {storage: 1Gi}}]}
`);
    const pvc = y(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: big}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
`);
    expect(refusal(() => t.api.create(pvc))).toBe('Error from server (Forbidden): persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi');
  });
});

describe('ServiceAccount', () => {
  it('mounts the projected token volume into every container and init container', () => {
    const p = testCluster().api.create(pod('p', { initContainers: [{ name: 'init', image: 'busybox' }], containers: [ctr()] }));
    const vol = p.spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    for (const c of [...p.spec.initContainers, ...p.spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    }
  });

  it('leaves the token out when automounting is off', () => {
    const p = testCluster().api.create(pod('p', { automountServiceAccountToken: false, containers: [ctr()] }));
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('refuses a pod naming a ServiceAccount that does not exist', () => {
    expect(refusal(() => testCluster().api.create(pod('p', { serviceAccountName: 'robot', containers: [ctr()] })))).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });

  it('honours the account\'s automount setting and copies its pull secrets', () => {
    const t = testCluster().apply(`
apiVersion: v1
kind: ServiceAccount
metadata: {name: robot}
automountServiceAccountToken: false
imagePullSecrets: [{name: regcred}]
`);
    const p = t.api.create(pod('p', { serviceAccountName: 'robot', containers: [ctr()] }));
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });
});

describe('Priority', () => {
  it('resolves priorityClassName, the built-in classes and the global default', () => {
    const t = testCluster();
    expect(t.api.create(pod('a', { priorityClassName: 'system-node-critical', containers: [ctr()] })).spec.priority).toBe(2000001000);
    t.apply(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high-priority}
value: 1000000
globalDefault: true
preemptionPolicy: Never
`);
    const p = t.api.create(pod('b', { containers: [ctr()] }));
    expect(p.spec).toMatchObject({ priorityClassName: 'high-priority', priority: 1000000, preemptionPolicy: 'Never' });
  });

  it('refuses an unknown class and a second global default', () => {
    const t = testCluster();
    expect(refusal(() => t.api.create(pod('x', { priorityClassName: 'foo', containers: [ctr()] })))).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: no PriorityClass with name foo was found',
    );
    t.apply('{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: a}, value: 10, globalDefault: true}');
    expect(refusal(() => t.apply('{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: b}, value: 20, globalDefault: true}'))).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    );
  });
});

describe('DefaultTolerationSeconds', () => {
  it('adds the two 300 s NoExecute tolerations unless the pod tolerates them already', () => {
    const t = testCluster();
    expect(t.api.create(pod('a', { containers: [ctr()] })).spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 };
    const p = t.api.create(pod('b', { containers: [ctr()], tolerations: [own] }));
    expect(p.spec.tolerations).toEqual([own, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
  });
});

describe('storage admission', () => {
  const claim = (extra = '') =>
    y(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}${extra}}
`);

  it('gives a claim without a class the default class and the protection finalizer', () => {
    const pvc = testCluster().api.create(claim());
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pvc.status).toEqual({ phase: 'Pending' });
  });

  it('leaves an explicit empty class alone and prefers the newest default', () => {
    const t = testCluster();
    expect(t.api.create(claim(', storageClassName: ""')).spec.storageClassName).toBe('');
    t.advance('1s');
    t.apply(`
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
provisioner: example.com/fast
`);
    const pvc = claim();
    pvc.metadata.name = 'other';
    expect(t.api.create(pvc).spec.storageClassName).toBe('fast');
  });

  it('protects PersistentVolumes with their finalizer', () => {
    const pv = testCluster().api.create(
      y(`
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv0}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /mnt/data}}
`),
    );
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.status).toEqual({ phase: 'Pending' });
  });
});

describe('DefaultIngressClass', () => {
  it('gives a new Ingress the newest default class', () => {
    const t = testCluster().apply(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
`);
    const ing = t.api.create(
      y(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`),
    );
    expect(ing.spec.ingressClassName).toBe('nginx');
  });
});

describe('ResourceQuota', () => {
  const quota = `
apiVersion: v1
kind: ResourceQuota
metadata: {name: mem-cpu-demo}
spec:
  hard: {requests.cpu: "1", requests.memory: 1Gi, limits.cpu: "2", limits.memory: 2Gi}
`;

  it('refuses a pod beyond the quota with the exceeded-quota message', () => {
    const t = testCluster().apply(quota);
    t.api.create(pod('quota-mem-cpu-demo', { containers: [ctr({ limits: { memory: '800Mi', cpu: '800m' }, requests: { memory: '600Mi', cpu: '400m' } })] }));
    expect(refusal(() => t.api.create(pod('quota-mem-cpu-demo-2', { containers: [ctr({ limits: { memory: '1Gi', cpu: '800m' }, requests: { memory: '700Mi', cpu: '400m' } })] })))).toBe(
      'Error from server (Forbidden): pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
  });

  it('requires pods to state what the quota constrains', () => {
    const t = testCluster().apply(quota);
    expect(refusal(() => t.api.create(pod('p', { containers: [ctr()] })))).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: c; limits.memory for: c; requests.cpu for: c; requests.memory for: c',
    );
  });

  it('counts objects', () => {
    const t = testCluster().apply('{apiVersion: v1, kind: ResourceQuota, metadata: {name: object-counts}, spec: {hard: {services.nodeports: "0", count/configmaps: "1"}}}');
    expect(refusal(() => t.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }))).toBe(
      'Error from server (Forbidden): services "s" is forbidden: exceeded quota: object-counts, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0',
    );
    t.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    expect(refusal(() => t.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }))).toContain('exceeded quota: object-counts, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1');
  });
});

describe('PlaygroundLimits', () => {
  it('refuses replicas beyond the playground limit on the field', () => {
    const t = testCluster({ limits: { maxReplicas: 50, maxPods: 1000, maxNodes: 100, maxObjects: 10000, maxManifestBytes: 1e6, maxDocuments: 100 } });
    const d = y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: 51
  selector: {matchLabels: {a: b}}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}
`);
    const err = (() => {
      try {
        t.api.create(d);
      } catch (e) {
        return e as ApiError;
      }
      throw new Error('expected a refusal');
    })();
    expect(err.kubectlMessage()).toBe(
      'The Deployment "big" is invalid: spec.replicas: Invalid value: 51: must be no more than 50 in this playground (Podscape runs in your browser; the limit keeps the tab responsive)',
    );
    expect(err.causes[0].field).toBe('spec.replicas');
  });

  it('refuses pods beyond the pod limit', () => {
    const t = testCluster({ limits: { maxReplicas: 50, maxPods: 2, maxNodes: 100, maxObjects: 10000, maxManifestBytes: 1e6, maxDocuments: 100 } });
    t.api.create(pod('a', { containers: [ctr()] }));
    t.api.create(pod('b', { containers: [ctr()] }));
    expect(refusal(() => t.api.create(pod('c', { containers: [ctr()] })))).toBe(
      'Error from server (Forbidden): pods "c" is forbidden: the cluster already has 2 pods, the most allowed in this playground (Podscape runs in your browser; the limit keeps the tab responsive)',
    );
  });
});
