/**
 * The API resources this cluster serves, as discovery would list them for Kubernetes v1.36
 * with default feature gates: only generally available versions are served (beta APIs
 * are off by default since 1.24), and removed versions answer "no matches for kind".
 */
export interface KindInfo {
  kind: string;
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  plural: string;
  shortNames: string[];
  namespaced: boolean;
  /** Has a /status subresource: writes through the main path keep the stored status. */
  hasStatus: boolean;
  /** Member of kubectl's "all" category. */
  inAll?: boolean;
}

const k = (
  kind: string,
  group: string,
  versions: string[],
  plural: string,
  shortNames: string[],
  namespaced: boolean,
  hasStatus: boolean,
  inAll = false,
): KindInfo => ({ kind, group, versions, plural, shortNames, namespaced, hasStatus, inAll });

/** In discovery order: the core group first, then the named groups by priority; resources alphabetical. */
export const KINDS: readonly KindInfo[] = [
  k('ConfigMap', '', ['v1'], 'configmaps', ['cm'], true, false),
  k('Endpoints', '', ['v1'], 'endpoints', ['ep'], true, false),
  k('Event', '', ['v1'], 'events', ['ev'], true, false),
  k('LimitRange', '', ['v1'], 'limitranges', ['limits'], true, false),
  k('Namespace', '', ['v1'], 'namespaces', ['ns'], false, true),
  k('Node', '', ['v1'], 'nodes', ['no'], false, true),
  k('PersistentVolumeClaim', '', ['v1'], 'persistentvolumeclaims', ['pvc'], true, true),
  k('PersistentVolume', '', ['v1'], 'persistentvolumes', ['pv'], false, true),
  k('Pod', '', ['v1'], 'pods', ['po'], true, true, true),
  k('PodTemplate', '', ['v1'], 'podtemplates', [], true, false),
  k('ReplicationController', '', ['v1'], 'replicationcontrollers', ['rc'], true, true, true),
  k('ResourceQuota', '', ['v1'], 'resourcequotas', ['quota'], true, true),
  k('Secret', '', ['v1'], 'secrets', [], true, false),
  k('ServiceAccount', '', ['v1'], 'serviceaccounts', ['sa'], true, false),
  k('Service', '', ['v1'], 'services', ['svc'], true, true, true),
  k('MutatingWebhookConfiguration', 'admissionregistration.k8s.io', ['v1'], 'mutatingwebhookconfigurations', [], false, false),
  k('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', ['v1'], 'validatingwebhookconfigurations', [], false, false),
  k('ValidatingAdmissionPolicy', 'admissionregistration.k8s.io', ['v1'], 'validatingadmissionpolicies', [], false, true),
  k('ValidatingAdmissionPolicyBinding', 'admissionregistration.k8s.io', ['v1'], 'validatingadmissionpolicybindings', [], false, false),
  k('MutatingAdmissionPolicy', 'admissionregistration.k8s.io', ['v1'], 'mutatingadmissionpolicies', [], false, false),
  k('MutatingAdmissionPolicyBinding', 'admissionregistration.k8s.io', ['v1'], 'mutatingadmissionpolicybindings', [], false, false),
  k('CustomResourceDefinition', 'apiextensions.k8s.io', ['v1'], 'customresourcedefinitions', ['crd', 'crds'], false, true),
  k('ControllerRevision', 'apps', ['v1'], 'controllerrevisions', [], true, false),
  k('DaemonSet', 'apps', ['v1'], 'daemonsets', ['ds'], true, true, true),
  k('Deployment', 'apps', ['v1'], 'deployments', ['deploy'], true, true, true),
  k('ReplicaSet', 'apps', ['v1'], 'replicasets', ['rs'], true, true, true),
  k('StatefulSet', 'apps', ['v1'], 'statefulsets', ['sts'], true, true, true),
  k('HorizontalPodAutoscaler', 'autoscaling', ['v2', 'v1'], 'horizontalpodautoscalers', ['hpa'], true, true, true),
  k('CronJob', 'batch', ['v1'], 'cronjobs', ['cj'], true, true, true),
  k('Job', 'batch', ['v1'], 'jobs', [], true, true, true),
  k('CertificateSigningRequest', 'certificates.k8s.io', ['v1'], 'certificatesigningrequests', ['csr'], false, true),
  k('Lease', 'coordination.k8s.io', ['v1'], 'leases', [], true, false),
  k('EndpointSlice', 'discovery.k8s.io', ['v1'], 'endpointslices', [], true, false),
  k('FlowSchema', 'flowcontrol.apiserver.k8s.io', ['v1'], 'flowschemas', [], false, true),
  k('PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io', ['v1'], 'prioritylevelconfigurations', [], false, true),
  k('IngressClass', 'networking.k8s.io', ['v1'], 'ingressclasses', [], false, false),
  k('Ingress', 'networking.k8s.io', ['v1'], 'ingresses', ['ing'], true, true),
  k('IPAddress', 'networking.k8s.io', ['v1'], 'ipaddresses', ['ip'], false, false),
  k('NetworkPolicy', 'networking.k8s.io', ['v1'], 'networkpolicies', ['netpol'], true, false),
  k('ServiceCIDR', 'networking.k8s.io', ['v1'], 'servicecidrs', [], false, true),
  k('RuntimeClass', 'node.k8s.io', ['v1'], 'runtimeclasses', [], false, false),
  k('PodDisruptionBudget', 'policy', ['v1'], 'poddisruptionbudgets', ['pdb'], true, true),
  k('ClusterRoleBinding', 'rbac.authorization.k8s.io', ['v1'], 'clusterrolebindings', [], false, false),
  k('ClusterRole', 'rbac.authorization.k8s.io', ['v1'], 'clusterroles', [], false, false),
  k('RoleBinding', 'rbac.authorization.k8s.io', ['v1'], 'rolebindings', [], true, false),
  k('Role', 'rbac.authorization.k8s.io', ['v1'], 'roles', [], true, false),
  k('DeviceClass', 'resource.k8s.io', ['v1'], 'deviceclasses', [], false, false),
  k('ResourceClaim', 'resource.k8s.io', ['v1'], 'resourceclaims', [], true, true),
  k('ResourceClaimTemplate', 'resource.k8s.io', ['v1'], 'resourceclaimtemplates', [], true, false),
  k('ResourceSlice', 'resource.k8s.io', ['v1'], 'resourceslices', [], false, false),
  k('PriorityClass', 'scheduling.k8s.io', ['v1'], 'priorityclasses', ['pc'], false, false),
  k('CSIDriver', 'storage.k8s.io', ['v1'], 'csidrivers', [], false, false),
  k('CSINode', 'storage.k8s.io', ['v1'], 'csinodes', [], false, false),
  k('StorageClass', 'storage.k8s.io', ['v1'], 'storageclasses', ['sc'], false, false),
  k('VolumeAttachment', 'storage.k8s.io', ['v1'], 'volumeattachments', [], false, true),
  k('VolumeAttributesClass', 'storage.k8s.io', ['v1'], 'volumeattributesclasses', ['vac'], false, false),
];

const byKind = new Map(KINDS.map((i) => [i.kind, i]));

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

export function mustKindInfo(kind: string): KindInfo {
  const info = byKind.get(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  return info;
}

/** "apps/v1" or "v1" for the preferred version of a kind. */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.versions[0]}` : info.versions[0];
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The kind served at this apiVersion, or undefined (kubectl: no matches for kind "X" in version "Y"). */
export function resolveKind(apiVersion: string, kind: string): KindInfo | undefined {
  const info = byKind.get(kind);
  if (!info) return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  return info.group === group && info.versions.includes(version) ? info : undefined;
}

/** How kubectl names a resource in its messages: "deployment.apps", "pod", "ingress.networking.k8s.io". */
export function resourceName(info: KindInfo): string {
  const lower = info.kind.toLowerCase();
  return info.group ? `${lower}.${info.group}` : lower;
}

/** Plural resource name with its group, as error messages use it: "deployments.apps", "pods". */
export function groupResource(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/**
 * Resolves what a user typed on the command line ("po", "deploy", "deployments.apps",
 * "Deployment", "svc") to a kind, as kubectl's RESTMapper does.
 */
export function lookupResource(text: string): KindInfo | undefined {
  const t = text.toLowerCase();
  const dot = t.indexOf('.');
  const head = dot < 0 ? t : t.slice(0, dot);
  const group = dot < 0 ? undefined : t.slice(dot + 1);
  for (const info of KINDS) {
    if (group !== undefined && info.group !== group && !info.group.startsWith(group)) continue;
    if (info.plural === head || info.kind.toLowerCase() === head || info.shortNames.includes(head)) return info;
  }
  return undefined;
}
