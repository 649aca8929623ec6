/* eslint-disable no-restricted-imports -- the corpus is read from disk */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusOutcome } from './testing/corpusOutcome';

/** The Kubernetes documentation's 462 example manifests, beside the repository (shared/corpus). */
const ROOT = fileURLToPath(new URL('../../../shared/corpus/k8s-website-examples', import.meta.url));

/**
 * The examples that do not end with every pod Running (or Completed), every Job Complete and every
 * claim Bound when applied alone to a fresh cluster — each as a real v1.36 kind cluster would show it,
 * and why. "refused: ..." is the start of the error apply reports. Every other file must settle.
 */
const EXCEPTIONS: readonly [file: string, outcome: string, reason: string][] = [
  ["access/deployment-replicas-policy.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["access/image-matches-namespace-environment.policy.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["access/manifest-admission-control/admission-configuration.yaml", "refused: no matches for kind \"AdmissionConfiguration\" in version \"apiserver.config.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["access/manifest-admission-control/validating-webhook.yaml", "refused: illegal base64 data at input byte 0", "placeholder caBundle is not base64"],
  ["access/validating-admission-policy-audit-annotation.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["access/validating-admission-policy-match-conditions.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["admin/konnectivity/egress-selector-configuration.yaml", "refused: no matches for kind \"EgressSelectorConfiguration\" in version \"apiserver.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["admin/logging/two-files-counter-pod-agent-sidecar.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["admin/resource/pvc-limit-greater.yaml", "PVC Pending x1", "kind's default class binds on first consumer (WaitForFirstConsumer); no pod uses it"],
  ["admin/resource/pvc-limit-lower.yaml", "PVC Pending x1", "WaitForFirstConsumer: no pod uses the claim"],
  ["admin/resource/quota-objects-pvc-2.yaml", "PVC Pending x1", "WaitForFirstConsumer: no pod uses the claim"],
  ["admin/resource/quota-objects-pvc.yaml", "PVC Pending x1", "WaitForFirstConsumer: no pod uses the claim"],
  ["admin/sched/my-scheduler.yaml", "Pod CrashLoopBackOff x1", "its liveness probe targets port 10259, which the simulated generic binary does not serve"],
  ["admin/sched/pod3.yaml", "Pod Pending x1", "schedulerName my-scheduler: no such scheduler runs"],
  ["admin/signed-images/list-of-all-signed-images.yaml", "refused: error validating data: apiVersion not set", "not a Kubernetes object (a list of image names)"],
  ["application/cassandra/cassandra-statefulset.yaml", "PVC Pending x1; Pod Pending x1", "its StorageClass uses minikube's hostpath provisioner, absent from kind"],
  ["application/job/job-sidecar-legacy.yaml", "Job Active x1; Pod NotReady x1", "the page's point: a legacy sidecar (tail -F) keeps the Job from completing"],
  ["application/job/job-tmpl.yaml", "refused: The Job \"process-item-$ITEM\" is invalid: metadata.name: Invalid value: \"process-item-$ITEM\": a lowercase RFC 1123 subdomain must consist of lower case ", "a template: $ITEM is replaced by a script first"],
  ["application/job/rabbitmq/job.yaml", "Job Active x1; Pod InvalidImageName x2", "image placeholder gcr.io/<project>/job-wq-1"],
  ["application/job/redis/job.yaml", "Job Active x1", "its worker waits for a Redis work queue the page sets up first"],
  ["application/mysql/mysql-deployment.yaml", "Pod Pending x1", "its claim binds to the PV of mysql-pv.yaml, applied separately"],
  ["application/mysql/mysql-statefulset.yaml", "Pod Init:0/2 x1", "needs the mysql ConfigMap applied from another file"],
  ["application/restore-pvc.yaml", "PVC Pending x1", "restores from a VolumeSnapshot, which needs the snapshot CRDs"],
  ["application/volume-snaphot.yaml", "refused: no matches for kind \"VolumeSnapshot\" in version \"snapshot.storage.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["application/volume-snapshot-class.yaml", "refused: no matches for kind \"VolumeSnapshotClass\" in version \"snapshot.storage.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["application/wordpress/mysql-deployment.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["application/wordpress/wordpress-deployment.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["audit/audit-policy.yaml", "refused: no matches for kind \"Policy\" in version \"audit.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["configmap/configure-pod.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["configmap/env-configmap.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["controllers/job-backoff-limit-per-index-example.yaml", "Job Failed x1; Pod Error x10", "the example fails indexes on purpose"],
  ["controllers/job-backoff-limit-per-index-failindex.yaml", "Job Failed x1; Pod Error x3", "the example fails indexes on purpose"],
  ["controllers/job-pod-failure-policy-config-issue.yaml", "Job Active x1; Pod ImagePullBackOff x2", "the example uses a non-existing image on purpose"],
  ["controllers/job-pod-failure-policy-example.yaml", "Job Failed x1; Pod Error x3", "the example exits 42 on purpose to fail the Job"],
  ["controllers/job-pod-failure-policy-failjob.yaml", "Job Failed x1; Pod Error x2", "the example exits 42 on purpose to fail the Job"],
  ["controllers/job-success-policy-example.yaml", "refused: resource name may not be empty", "fragment without a name"],
  ["controllers/job-success-policy.yaml", "Pod Error x5", "the Job completes by its success policy once index 2 succeeds; the failed indexes' pods stay, as Error"],
  ["controllers/replication-nginx-1.16.1.yaml", "Pod CrashLoopBackOff x5", "args `nginx -T` print the config and exit, so the container restarts"],
  ["controllers/statefulset.yaml", "PVC Pending x1; Pod Pending x1", "volumeClaimTemplates ask for StorageClass my-storage-class, which kind lacks"],
  ["debug/custom-profile.yaml", "refused: error validating data: apiVersion not set", "a kubectl debug profile, not an object"],
  ["debug/node-problem-detector-configmap.yaml", "Pod ContainerCreating x3", "needs a ConfigMap or Secret its page creates separately"],
  ["debug/termination.yaml", "Pod CrashLoopBackOff x1", "the container writes its termination message and exits on purpose"],
  ["deployments/deployment-with-configmap-and-sidecar-container.yaml", "Pod Init:0/1 x3", "needs a ConfigMap its page creates separately"],
  ["deployments/deployment-with-configmap-as-envvar.yaml", "Pod CreateContainerConfigError x3", "needs a ConfigMap or Secret its page creates separately"],
  ["deployments/deployment-with-configmap-as-volume.yaml", "Pod ContainerCreating x3", "needs a ConfigMap or Secret its page creates separately"],
  ["deployments/deployment-with-configmap-two-containers.yaml", "Pod ContainerCreating x3", "needs a ConfigMap or Secret its page creates separately"],
  ["deployments/deployment-with-immutable-configmap-as-volume.yaml", "Pod ContainerCreating x3", "needs a ConfigMap or Secret its page creates separately"],
  ["dra/deviceclass.yaml", "refused: no matches for kind \"DeviceClass\" in version \"resource.k8s.io/v1beta2\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["dra/dra-example-job.yaml", "Job Active x1", "needs a DRA driver and its devices"],
  ["dra/driver-install/all.yaml", "refused: no matches for kind \"DeviceClass\" in version \"resource.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["dra/driver-install/deviceclass.yaml", "refused: no matches for kind \"DeviceClass\" in version \"resource.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["dra/driver-install/example/all.yaml", "refused: no matches for kind \"ResourceClaim\" in version \"resource.k8s.io/v1beta2\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["dra/resourceclaim.yaml", "refused: unknown field \"spec.devices.requests[0].exactly.selectors[0].expression\"", "the example puts `expression` where v1 needs `cel.expression`"],
  ["mutatingadmissionpolicy/applyconfiguration-example.yaml", "refused: no matches for kind \"MutatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["mutatingadmissionpolicy/json-patch-example.yaml", "refused: no matches for kind \"MutatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["pods/assigning-pods-to-nodes-affinity.yaml", "Pod Pending x1", "requires node labels the page adds first"],
  ["pods/config/redis-pod.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/emptydir-volume-mode.yaml", "refused: unknown field \"spec.volumes[0].emptyDir.mode\"", "field from v1.37"],
  ["pods/inject/envFrom.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/inject/pod-multiple-secret-env-variable.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/inject/pod-secret-envFrom.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/inject/pod-single-secret-env-variable.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/inject/secret-envars-pod.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/inject/secret-pod.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-configmap-env-var-valueFrom.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-configmap-envFrom.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-configmap-volume-specific-key.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-configmap-volume.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-multiple-configmap-env-variable.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-nginx-required-affinity.yaml", "Pod Pending x1", "requires node label disktype=ssd, which the page adds first"],
  ["pods/pod-nginx.yaml", "Pod Pending x1", "nodeSelector disktype=ssd: the page labels a node first"],
  ["pods/pod-projected-svc-token.yaml", "refused: Error from server (Forbidden): error when creating \"pods/pod-projected-svc-token.yaml\": pods \"nginx\" is forbidden: error looking up service account def", "needs the build-robot ServiceAccount its page creates first"],
  ["pods/pod-single-configmap-env-variable.yaml", "Pod CreateContainerConfigError x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/pod-with-node-affinity-1.yaml", "Pod Pending x1", "requires node labels the page adds first"],
  ["pods/pod-with-node-affinity.yaml", "Pod Pending x1", "requires node labels the page adds first"],
  ["pods/pod-with-numeric-toleration.yaml", "refused: The Pod \"nginx-numeric-toleration\" is invalid: spec.tolerations[0].operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\"", "numeric toleration operators are alpha, off by default"],
  ["pods/pod-with-pod-affinity.yaml", "Pod Pending x1", "requires pods labelled security=S1 on the node"],
  ["pods/pod-with-scheduling-gates.yaml", "Pod SchedulingGated x1", "the page's point: a gated pod waits"],
  ["pods/private-reg-pod.yaml", "Pod InvalidImageName x1", "image placeholder <your-private-image>"],
  ["pods/resource/cpu-request-limit-2.yaml", "Pod Pending x1", "the page's point: 100 CPUs fit no node"],
  ["pods/resource/memory-request-limit-2.yaml", "Pod CrashLoopBackOff x1", "the page's point: 250M in a 100Mi limit is OOMKilled, again and again"],
  ["pods/resource/memory-request-limit-3.yaml", "Pod Pending x1", "the page's point: 1000Gi fits no node"],
  ["pods/resource/pod-level-resource-managers-container-scope-mixed.yaml", "Pod Init:ImagePullBackOff x1", "image placeholder on registry.example"],
  ["pods/resource/pod-level-resource-managers-empty-shared-pool.yaml", "Pod Init:ImagePullBackOff x1", "image placeholder on registry.example"],
  ["pods/resource/pod-level-resource-managers-pod-scope-mixed.yaml", "Pod Init:ImagePullBackOff x1", "image placeholder on registry.example"],
  ["pods/restart-policy/restart-all-containers.yaml", "refused: unknown field \"spec.initContainers[1].restartPolicyRules[0].onExit\"", "field not in v1.36"],
  ["pods/security/seccomp/fields.yaml", "Pod CrashLoopBackOff x1", "debian with no command exits at once"],
  ["pods/security/seccomp/kind.yaml", "refused: no matches for kind \"Cluster\" in version \"kind.x-k8s.io/v1alpha4\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["pods/security/security-context-7.yaml", "refused: unknown field \"spec.containers[0].securityContext.cgroupOptions\"", "field from v1.37"],
  ["pods/storage/expandable-pvc-pod.yaml", "Pod Pending x1", "its claim comes from another file"],
  ["pods/storage/expandable-pvc.yaml", "PVC Pending x1", "WaitForFirstConsumer: no pod uses the claim"],
  ["pods/storage/projected-secret-downwardapi-configmap.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/storage/projected-secrets-nondefault-permission-mode.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/storage/projected.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["pods/storage/pv-claim.yaml", "PVC Pending x1", "class manual: binds to the PV of pv-volume.yaml, applied separately"],
  ["pods/storage/pv-duplicate.yaml", "Pod Pending x1", "its claim comes from another file"],
  ["pods/storage/pv-pod-backup.yaml", "Pod Pending x1", "its claim comes from another file"],
  ["pods/storage/pv-pod.yaml", "Pod Pending x1", "its claim comes from another file"],
  ["pods/topology-spread-constraints/one-constraint-with-nodeaffinity.yaml", "Pod Pending x1", "needs zone labels (and labelled pods) the page sets up"],
  ["pods/topology-spread-constraints/one-constraint.yaml", "Pod Pending x1", "needs zone labels (and labelled pods) the page sets up"],
  ["pods/topology-spread-constraints/two-constraints.yaml", "Pod Pending x1", "needs zone labels (and labelled pods) the page sets up"],
  ["pods/two-container-pod.yaml", "Pod NotReady x1", "the page's point: the debian container finishes, the pod stays 1/2 NotReady"],
  ["policy/admission-config-file.yaml", "refused: no matches for kind \"AdmissionConfiguration\" in version \"apiserver.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["policy/baseline-psp.yaml", "refused: no matches for kind \"PodSecurityPolicy\" in version \"policy/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["policy/example-psp.yaml", "refused: no matches for kind \"PodSecurityPolicy\" in version \"policy/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["policy/gold-vac-pvc.yaml", "PVC Pending x1", "needs a VolumeAttributesClass-capable CSI driver"],
  ["policy/high-priority-pod.yaml", "refused: Error from server (Forbidden): error when creating \"policy/high-priority-pod.yaml\": pods \"high-priority\" is forbidden: no PriorityClass with name high ", "needs the PriorityClass `high` defined on another page"],
  ["policy/privileged-psp.yaml", "refused: no matches for kind \"PodSecurityPolicy\" in version \"policy/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["policy/restricted-psp.yaml", "refused: no matches for kind \"PodSecurityPolicy\" in version \"policy/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["secret/dotfile-secret.yaml", "Pod CrashLoopBackOff x1", "`ls` exits, so the container restarts"],
  ["service/networking/curlpod.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["service/networking/dual-stack-ipv6-svc.yaml", "refused: unknown field \"spec.ipFamily\"", "spec.ipFamily was removed (ipFamilies replaced it)"],
  ["service/networking/gateway.yaml", "refused: no matches for kind \"Gateway\" in version \"gateway.networking.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["service/networking/gatewayclass.yaml", "refused: no matches for kind \"GatewayClass\" in version \"gateway.networking.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["service/networking/grpcroute-matching.yaml", "refused: no matches for kind \"GRPCRoute\" in version \"gateway.networking.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["service/networking/grpcroute.yaml", "refused: no matches for kind \"GRPCRoute\" in version \"gateway.networking.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["service/networking/httproute.yaml", "refused: no matches for kind \"HTTPRoute\" in version \"gateway.networking.k8s.io/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["service/networking/nginx-secure-app.yaml", "Pod ContainerCreating x1", "needs a ConfigMap or Secret its page creates separately"],
  ["storage/cr1.yaml", "refused: no matches for kind \"SelfieRequest\" in version \"stable.example.com/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/cr2.yaml", "refused: no matches for kind \"SelfieRequest\" in version \"stable.example.com/v2\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/default-snapshot-class.yaml", "refused: no matches for kind \"VolumeSnapshotClass\" in version \"snapshot.storage.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/migrate-crd.yaml", "refused: no matches for kind \"StorageVersionMigration\" in version \"storagemigration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/snapshot.yaml", "refused: no matches for kind \"VolumeSnapshot\" in version \"snapshot.storage.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/storage-version-migration-status.yaml", "refused: no matches for kind \"StorageVersionMigration\" in version \"storagemigration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/storage-version-migration-status02.yaml", "refused: no matches for kind \"StorageVersionMigration\" in version \"storagemigration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/storage-version-migration.yaml", "refused: no matches for kind \"StorageVersionMigration\" in version \"storagemigration.k8s.io/v1alpha1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["storage/storageclass/pod-volume-binding.yaml", "Pod Pending x1", "its claim comes from another file"],
  ["storage/storageclass/storageclass-topology.yaml", "refused: The StorageClass \"standard\" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.", "kind already has a `standard` class with other parameters (immutable)"],
  ["storage/test-crd-v2.yaml", "refused: spec.conversion.webhook.conversionReviewVersions: Required value", "webhook conversion without conversionReviewVersions, refused by apiextensions/v1"],
  ["storage/test-crd.yaml", "refused: spec.conversion.webhook.conversionReviewVersions: Required value", "webhook conversion without conversionReviewVersions, refused by apiextensions/v1"],
  ["validatingadmissionpolicy/basic-example-binding.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicyBinding\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/basic-example-policy.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/binding-with-param-prod.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicyBinding\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/binding-with-param.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicyBinding\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/failure-policy-ignore.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/policy-with-param.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/replicalimit-param-prod.yaml", "refused: no matches for kind \"ReplicaLimit\" in version \"rules.example.com/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/replicalimit-param.yaml", "refused: no matches for kind \"ReplicaLimit\" in version \"rules.example.com/v1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/typechecking-multiple-match.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["validatingadmissionpolicy/typechecking.yaml", "refused: no matches for kind \"ValidatingAdmissionPolicy\" in version \"admissionregistration.k8s.io/v1beta1\"", "the API is not served by a v1.36 cluster (alpha/beta off by default, removed, custom resource, or a config file)"],
  ["windows/configmap-pod.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
  ["windows/emptydir-pod.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
  ["windows/hostpath-volume-pod.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
  ["windows/run-as-username-container.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
  ["windows/run-as-username-pod.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
  ["windows/secret-pod.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
  ["windows/simple-pod.yaml", "Pod Pending x1", "Windows pods wait for a Windows node"],
];

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f)) out.push(relative(ROOT, p));
    }
  };
  walk(ROOT);
  return out;
}

describe('the Kubernetes documentation examples', () => {
  const expected = new Map(EXCEPTIONS.map(([f, o]) => [f, o]));
  const files = corpusFiles();

  it('are all here (462 files)', () => {
    expect(files.length).toBe(462);
    for (const f of expected.keys()) expect(files).toContain(f);
  });

  // Each file in its own fresh cluster: apply, run until quiet, compare with a real cluster's end state.
  it.each(files)('%s reaches the state a real cluster reaches', (file) => {
    const outcome = corpusOutcome(file, readFileSync(join(ROOT, file), 'utf8'));
    const want = expected.get(file) ?? 'settled';
    if (want.startsWith('refused: ')) {
      expect(outcome.startsWith('refused: ')).toBe(true);
      expect(outcome).toContain(want.slice('refused: '.length));
    }
    else expect(outcome).toBe(want);
  });
});
