/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { formatQuantity } from './quotaQuantity';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples/', import.meta.url));
const corpus = (p: string) => readFileSync(CORPUS + p, 'utf8');

describe('resource quota controller', () => {
  it('reports requests and limits of the pods in its namespace (quota-mem-cpu example)', () => {
    const tc = testCluster();
    tc.apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: quota-mem-cpu-example\n');
    const ns = (y: string) => y.replace('metadata:\n', 'metadata:\n  namespace: quota-mem-cpu-example\n');
    tc.apply(ns(corpus('admin/resource/quota-mem-cpu.yaml')));
    tc.advance('1s');
    const q = () => tc.get('ResourceQuota', 'mem-cpu-demo', 'quota-mem-cpu-example')!;
    expect(q().status).toEqual({
      hard: { 'limits.cpu': '2', 'limits.memory': '2Gi', 'requests.cpu': '1', 'requests.memory': '1Gi' },
      used: { 'limits.cpu': '0', 'limits.memory': '0', 'requests.cpu': '0', 'requests.memory': '0' },
    });
    tc.apply(ns(corpus('admin/resource/quota-mem-cpu-pod.yaml')));
    tc.advance('1s');
    expect(q().status.used).toEqual({ 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' });
    tc.api.delete('Pod', 'quota-mem-cpu-example', 'quota-mem-cpu-demo', { gracePeriodSeconds: 0 });
    tc.advance('1s');
    expect(q().status.used['requests.memory']).toBe('0');
    tc.expectNoInternalErrors();
  });

  it('counts objects: pods, configmaps, services by type, claims and count/<resource>', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: v1
kind: ResourceQuota
metadata:
  name: objects
spec:
  hard:
    pods: "10"
    configmaps: "5"
    persistentvolumeclaims: "2"
    requests.storage: 10Gi
    standard.storageclass.storage.k8s.io/persistentvolumeclaims: "1"
    count/deployments.apps: "3"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data: {}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: standard
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 3Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: scratch
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 512Mi
`);
    tc.advance('1s');
    expect(tc.get('ResourceQuota', 'objects')!.status.used).toEqual({
      configmaps: '2',
      'count/deployments.apps': '0',
      persistentvolumeclaims: '2',
      pods: '0',
      'requests.storage': '3584Mi',
      'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
    });
    tc.expectNoInternalErrors();
  });

  it('charges only the pods its scopes select', () => {
    const tc = testCluster();
    tc.apply(`
apiVersion: v1
kind: ResourceQuota
metadata:
  name: best-effort
spec:
  hard:
    pods: "5"
  scopes: [BestEffort]
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: sized
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: 100m
`);
    tc.advance('1s');
    expect(tc.get('ResourceQuota', 'best-effort')!.status.used).toEqual({ pods: '1' });
    tc.expectNoInternalErrors();
  });
});

describe('quota quantities', () => {
  it('print in canonical form', () => {
    expect(formatQuantity(0.4, false)).toBe('400m');
    expect(formatQuantity(1.5, false)).toBe('1500m');
    expect(formatQuantity(2, false)).toBe('2');
    expect(formatQuantity(600 * 2 ** 20, true)).toBe('600Mi');
    expect(formatQuantity(2 ** 30, true)).toBe('1Gi');
    expect(formatQuantity(2e9, false)).toBe('2G');
  });
});
