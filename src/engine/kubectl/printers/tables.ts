import * as core from './tablesCore';
import * as other from './tablesOther';
import * as workloads from './tablesWorkloads';
import type { TableDef } from './types';

/** The server-side table of each kind (pkg/printers/internalversion/printers.go AddHandlers). */
const TABLES: Record<string, TableDef> = {
  ConfigMap: core.configMapTable,
  Endpoints: core.endpointsTable,
  Event: core.eventTable,
  Namespace: core.namespaceTable,
  Node: core.nodeTable,
  PersistentVolumeClaim: core.pvcTable,
  PersistentVolume: core.pvTable,
  Pod: workloads.podTable,
  PodTemplate: workloads.podTemplateTable,
  ReplicationController: workloads.replicationControllerTable,
  ResourceQuota: core.resourceQuotaTable,
  Secret: core.secretTable,
  ServiceAccount: core.serviceAccountTable,
  Service: core.serviceTable,
  MutatingWebhookConfiguration: other.webhookTable,
  ValidatingWebhookConfiguration: other.webhookTable,
  ValidatingAdmissionPolicy: other.validatingAdmissionPolicyTable,
  ValidatingAdmissionPolicyBinding: other.policyBindingTable,
  MutatingAdmissionPolicy: other.mutatingAdmissionPolicyTable,
  MutatingAdmissionPolicyBinding: other.policyBindingTable,
  ControllerRevision: workloads.controllerRevisionTable,
  DaemonSet: workloads.daemonSetTable,
  Deployment: workloads.deploymentTable,
  ReplicaSet: workloads.replicaSetTable,
  StatefulSet: workloads.statefulSetTable,
  HorizontalPodAutoscaler: workloads.hpaTable,
  CronJob: workloads.cronJobTable,
  Job: workloads.jobTable,
  CertificateSigningRequest: other.csrTable,
  Lease: other.leaseTable,
  EndpointSlice: other.endpointSliceTable,
  FlowSchema: other.flowSchemaTable,
  PriorityLevelConfiguration: other.priorityLevelTable,
  IngressClass: other.ingressClassTable,
  Ingress: other.ingressTable,
  IPAddress: other.ipAddressTable,
  NetworkPolicy: other.networkPolicyTable,
  ServiceCIDR: other.serviceCIDRTable,
  RuntimeClass: other.runtimeClassTable,
  PodDisruptionBudget: workloads.pdbTable,
  ClusterRoleBinding: other.roleBindingTable,
  RoleBinding: other.roleBindingTable,
  DeviceClass: other.deviceClassTable,
  ResourceClaim: other.resourceClaimTable,
  ResourceClaimTemplate: other.resourceClaimTemplateTable,
  ResourceSlice: other.resourceSliceTable,
  PriorityClass: other.priorityClassTable,
  CSIDriver: other.csiDriverTable,
  CSINode: other.csiNodeTable,
  StorageClass: other.storageClassTable,
  VolumeAttachment: other.volumeAttachmentTable,
  VolumeAttributesClass: other.volumeAttributesClassTable,
};

/** The table for a kind; kinds without a printer (Role, ClusterRole, LimitRange, CRDs) get NAME and CREATED AT. */
export function tableFor(kind: string): TableDef {
  return TABLES[kind] ?? other.defaultTable;
}
