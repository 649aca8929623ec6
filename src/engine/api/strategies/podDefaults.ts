/**
 * The defaulting functions that run on every PodSpec, in pods and in every pod template
 * (SetDefaults_PodSpec, _Container, _Probe, _Volume, … in pkg/apis/core/v1/defaults.go plus
 * the +default markers of k8s.io/api/core/v1), and the pod-only ones (SetDefaults_Pod).
 */
import { defaultPersistentVolumeClaimSpec } from './pvcDefaults';

/**
 * The image's tag as parsers.ParseImageName sees it: "latest" when neither a tag nor a digest
 * is given, "" for a digest-only reference.
 */
export function imageTag(image: string): string {
  let rest = image;
  const at = rest.indexOf('@');
  const hasDigest = at >= 0;
  if (hasDigest) rest = rest.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return rest.slice(colon + 1);
  return hasDigest ? '' : 'latest';
}

/** SetDefaults_Container: Always for ":latest" or no tag, IfNotPresent otherwise. */
export function defaultPullPolicy(image: string | undefined): string {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHTTPGet(h: any): void {
  if (!h) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultProbe(p: any): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
}

function defaultContainer(c: any): void {
  if (!c || typeof c !== 'object') return;
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // ResourceRequirements is a struct: it always serializes, as "resources: {}" when empty.
  if (!c.resources) c.resources = {};
  for (const p of c.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) {
    const vf = e?.valueFrom;
    if (vf?.fieldRef && !vf.fieldRef.apiVersion) vf.fieldRef.apiVersion = 'v1';
    if (vf?.resourceFieldRef && vf.resourceFieldRef.divisor === undefined) vf.resourceFieldRef.divisor = '0';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHTTPGet(c.lifecycle?.postStart?.httpGet);
  defaultHTTPGet(c.lifecycle?.preStop?.httpGet);
}

const VOLUME_SOURCE_KEYS = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
];

function defaultDownwardItems(items: any[] | undefined): void {
  for (const it of items ?? []) {
    if (it?.fieldRef && !it.fieldRef.apiVersion) it.fieldRef.apiVersion = 'v1';
    if (it?.resourceFieldRef && it.resourceFieldRef.divisor === undefined) it.resourceFieldRef.divisor = '0';
  }
}

function defaultVolume(v: any): void {
  if (!v || typeof v !== 'object') return;
  if (!VOLUME_SOURCE_KEYS.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  if (v.emptyDir === null) v.emptyDir = {};
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = 420;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = 420;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = 420;
    defaultDownwardItems(v.downwardAPI.items);
  }
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = 420;
    for (const s of v.projected.sources ?? []) {
      if (s?.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) s.serviceAccountToken.expirationSeconds = 3600;
      defaultDownwardItems(s?.downwardAPI?.items);
    }
  }
  if (v.iscsi) {
    if (v.iscsi.iscsiInterface === undefined) v.iscsi.iscsiInterface = 'default';
  }
  if (v.ephemeral?.volumeClaimTemplate?.spec) defaultPersistentVolumeClaimSpec(v.ephemeral.volumeClaimTemplate.spec);
  if (v.image && !v.image.pullPolicy) v.image.pullPolicy = imageTag(v.image.reference ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_PodSpec and the defaults of everything nested in a PodSpec. */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
  // The deprecated serviceAccount field mirrors serviceAccountName (v1 conversion).
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
}

function copyLimitsToRequests(c: any): void {
  const limits = c?.resources?.limits;
  if (!limits) return;
  c.resources.requests ??= {};
  for (const [k, v] of Object.entries(limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
}

/** SetDefaults_Pod: what only a Pod (not a template) gets. */
export function defaultPodOnly(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  for (const c of spec.containers ?? []) copyLimitsToRequests(c);
  for (const c of spec.initContainers ?? []) copyLimitsToRequests(c);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** Defaults a PodTemplateSpec in place (the template of a workload). */
export function defaultPodTemplate(template: any): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  template.spec ??= {};
  defaultPodSpec(template.spec);
}
