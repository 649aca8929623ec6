import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiError } from '../errors';
import type { KObject } from '../object';
import { testCluster } from '../../testing/testCluster';
import { canonicalQuantity } from '../validation/quantity';

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

describe('Namespace', () => {
  it('gets its name label, the kubernetes finalizer and phase Active', () => {
    const ns = testCluster().api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });
});

describe('Secret and ConfigMap', () => {
  it('folds stringData into base64 data and defaults the type', () => {
    const s = testCluster().api.create(y('{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {username: admin, "pass.txt": "é!"}}'));
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ username: 'YWRtaW4=', 'pass.txt': 'w6kh' });
    expect(s.stringData).toBeUndefined();
  });

  it('needs tls.crt and tls.key in a TLS secret', () => {
    expect(refusal(() => testCluster().api.create(y('{apiVersion: v1, kind: Secret, metadata: {name: t}, type: kubernetes.io/tls, data: {tls.crt: YQ==}}')))).toBe(
      'The Secret "t" is invalid: data[tls.key]: Required value',
    );
  });

  it('refuses bad keys and malformed base64', () => {
    const t = testCluster();
    expect(refusal(() => t.api.create(y('{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {"a b": x}}')))).toBe(
      "The ConfigMap \"c\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
    expect(refusal(() => t.api.create(y('{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {k: "not base64!"}}')))).toBe(
      'Error from server (BadRequest): Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it('keeps an immutable ConfigMap immutable', () => {
    const t = testCluster();
    t.api.create(y('{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, immutable: true, data: {a: "1"}}'));
    expect(refusal(() => t.api.update(y('{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, immutable: true, data: {a: "2"}}')))).toBe(
      'The ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});

describe('PersistentVolumeClaim and StorageClass', () => {
  const claim = '{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}';

  it('requires access modes and a storage request', () => {
    expect(refusal(() => testCluster().api.create(y('{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: d}, spec: {}}')))).toBe(
      'The PersistentVolumeClaim "d" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value',
    );
  });

  it('keeps the spec of an unbound claim immutable', () => {
    const t = testCluster();
    t.api.create(y(claim));
    const msg = refusal(() =>
      t.api.patch('PersistentVolumeClaim', 'default', 'data', (d) => {
        d.spec.accessModes = ['ReadWriteMany'];
      }),
    );
    expect(msg.split('\n')[0]).toBe('The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
  });

  it('lets a bound claim grow only when its class allows expansion', () => {
    const t = testCluster();
    t.api.create(y(claim));
    t.api.patchStatus('PersistentVolumeClaim', 'default', 'data', (d) => {
      d.status.phase = 'Bound';
    });
    expect(
      refusal(() =>
        t.api.patch('PersistentVolumeClaim', 'default', 'data', (d) => {
          d.spec.resources.requests.storage = '2Gi';
        }),
      ),
    ).toBe('Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  });

  it('defaults a StorageClass and refuses parameter changes', () => {
    const t = testCluster();
    const sc = t.api.create(y('{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: fast}, provisioner: example.com/fast, parameters: {type: ssd}}'));
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(refusal(() => t.api.update(y('{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: fast}, provisioner: example.com/fast, parameters: {type: hdd}}')))).toBe(
      'The StorageClass "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
    );
  });
});

describe('Ingress', () => {
  const ing = (path: string) =>
    y(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: "*.example.com"
    http:
      paths:
      - ${path}
`);
  it('requires a pathType', () => {
    expect(refusal(() => testCluster().api.create(ing('{path: /, backend: {service: {name: web, port: {number: 80}}}}')))).toBe(
      'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
  });
  it('wants absolute paths and a backend port', () => {
    expect(refusal(() => testCluster().api.create(ing('{path: api, pathType: Prefix, backend: {service: {name: web}}}')))).toBe(
      'The Ingress "web" is invalid: \n* spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path\n* spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    );
  });
  it('needs rules or a default backend', () => {
    expect(refusal(() => testCluster().api.create(y('{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: x}, spec: {}}')))).toBe(
      'The Ingress "x" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    );
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('stores an autoscaling/v1 object as v2 with the cpu metric', () => {
    const hpa = testCluster().api.create(
      y('{apiVersion: autoscaling/v1, kind: HorizontalPodAutoscaler, metadata: {name: php}, spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php}, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50}}'),
    );
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    expect(hpa.spec.targetCPUUtilizationPercentage).toBeUndefined();
  });

  it('fills behavior only when given, and checks maxReplicas', () => {
    const t = testCluster();
    const hpa = t.api.create(y('{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: a}, spec: {scaleTargetRef: {kind: Deployment, name: a}, maxReplicas: 5, behavior: {scaleDown: {stabilizationWindowSeconds: 60}}}}'));
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    expect(refusal(() => t.api.create(y('{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: b}, spec: {scaleTargetRef: {kind: Deployment, name: a}, minReplicas: 3, maxReplicas: 2}}')))).toBe(
      'The HorizontalPodAutoscaler "b" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
  });
});

describe('NetworkPolicy, PriorityClass, PDB, RBAC', () => {
  it('derives policyTypes from the rules', () => {
    const t = testCluster();
    const np = t.api.create(y('{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: n}, spec: {podSelector: {}, egress: [{ports: [{port: 53}]}]}}'));
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.egress[0].ports[0].protocol).toBe('TCP');
  });

  it('keeps user priorities below a billion and reserves system- names', () => {
    const t = testCluster();
    expect(t.api.create(y('{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: p}, value: 5}')).preemptionPolicy).toBe('PreemptLowerPriority');
    expect(refusal(() => t.api.create(y('{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: huge}, value: 2000000000}')))).toBe(
      'The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
  });

  it('refuses a PDB with both minAvailable and maxUnavailable', () => {
    expect(refusal(() => testCluster().api.create(y('{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: b}, spec: {minAvailable: 1, maxUnavailable: 1, selector: {matchLabels: {a: b}}}}')))).toBe(
      'The PodDisruptionBudget "b" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set',
    );
  });

  it('requires verbs in RBAC rules', () => {
    expect(refusal(() => testCluster().api.create(y('{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r}, rules: [{apiGroups: [""], resources: [pods]}]}')))).toBe(
      'The Role "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
  });
});

describe('quantities as the API server prints them', () => {
  it('canonicalizes like resource.Quantity.String()', () => {
    expect(canonicalQuantity('1.5')).toBe('1500m');
    expect(canonicalQuantity('0.5Gi')).toBe('512Mi');
    expect(canonicalQuantity('1000')).toBe('1k');
    expect(canonicalQuantity('2000m')).toBe('2');
    expect(canonicalQuantity('1Gi')).toBe('1Gi');
    expect(canonicalQuantity('1e3')).toBe('1e3');
    expect(canonicalQuantity(3)).toBe('3');
  });
});
