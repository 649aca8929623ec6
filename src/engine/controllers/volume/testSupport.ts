/* eslint-disable no-restricted-imports -- test support: it reads the docs' examples from disk */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { TestCluster } from '../../testing/testCluster';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples/', import.meta.url));

export function corpus(path: string): string {
  return readFileSync(CORPUS + path, 'utf8');
}

export function pvc(tc: TestCluster, name: string, namespace = 'default'): PersistentVolumeClaim | undefined {
  return tc.api.get('PersistentVolumeClaim', namespace, name) as PersistentVolumeClaim | undefined;
}

export function pv(tc: TestCluster, name: string): PersistentVolume | undefined {
  return tc.api.get('PersistentVolume', undefined, name) as PersistentVolume | undefined;
}

/** A PersistentVolume manifest (hostPath, Retain unless told). */
export function pvYaml(name: string, o: { size: string; modes?: string[]; cls?: string; labels?: Record<string, string>; reclaim?: string; path?: string; claimRef?: string }): string {
  const labels = o.labels ? `\n  labels:\n${Object.entries(o.labels).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}` : '';
  return `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}${labels}
spec:
${o.cls !== undefined ? `  storageClassName: "${o.cls}"\n` : ''}  capacity:
    storage: ${o.size}
  accessModes: [${(o.modes ?? ['ReadWriteOnce']).join(', ')}]
${o.reclaim ? `  persistentVolumeReclaimPolicy: ${o.reclaim}\n` : ''}${o.claimRef ? `  claimRef:\n    namespace: default\n    name: ${o.claimRef}\n` : ''}  hostPath:
    path: ${o.path ?? `/mnt/${name}`}
---
`;
}

/** A PersistentVolumeClaim manifest; `cls` undefined leaves storageClassName unset (the default class applies). */
export function pvcYaml(name: string, o: { size: string; modes?: string[]; cls?: string; volumeName?: string; selector?: Record<string, string> }): string {
  const selector = o.selector ? `  selector:\n    matchLabels:\n${Object.entries(o.selector).map(([k, v]) => `      ${k}: "${v}"`).join('\n')}\n` : '';
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${o.cls !== undefined ? `  storageClassName: "${o.cls}"\n` : ''}${o.volumeName ? `  volumeName: ${o.volumeName}\n` : ''}${selector}  accessModes: [${(o.modes ?? ['ReadWriteOnce']).join(', ')}]
  resources:
    requests:
      storage: ${o.size}
---
`;
}

/** "reason: message" of the events about one object, in order. */
export function eventsOf(tc: TestCluster, kind: string, name: string): string[] {
  return tc.cluster.recorder.log.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
}
