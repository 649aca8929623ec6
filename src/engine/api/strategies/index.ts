import type { ApiServer, KindStrategy } from '../apiServer';
import type { ClusterConfig } from '../../config';
import { hpaStrategy } from './autoscaling';
import { controllerRevisionStrategy, endpointSliceStrategy, endpointsStrategy, eventStrategy, leaseStrategy, nodeStrategy, podTemplateStrategy } from './cluster';
import { configMapStrategy, secretStrategy, serviceAccountStrategy } from './config';
import { cronJobStrategy } from './cronJob';
import { daemonSetStrategy } from './daemonSet';
import { deploymentStrategy } from './deployment';
import { ingressClassStrategy, ingressStrategy } from './ingress';
import { jobStrategy } from './job';
import { namespaceStrategy } from './namespace';
import { networkPolicyStrategy } from './networkPolicy';
import { podStrategy } from './pod';
import { pdbStrategy, priorityClassStrategy } from './policy';
import { limitRangeStrategy, resourceQuotaStrategy } from './quota';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategyNamespaced } from './rbac';
import { replicaSetStrategy, replicationControllerStrategy } from './replicaSet';
import { serviceStrategy } from './service';
import { ServiceAllocator } from './serviceAllocator';
import { statefulSetStrategy } from './statefulSet';
import { pvStrategy, pvcStrategy, storageClassStrategy } from './storage';

/** The ClusterIP/NodePort allocator of each API server (several clusters coexist in tests). */
const allocators = new WeakMap<ApiServer, ServiceAllocator>();

export function serviceAllocatorOf(api: ApiServer): ServiceAllocator | undefined {
  return allocators.get(api);
}

/** Registers the per-kind defaulting, preparation and validation (pkg/registry/* strategies). */
export function registerStrategies(api: ApiServer, config: ClusterConfig): void {
  const alloc = new ServiceAllocator(config.serviceCIDR);
  alloc.attach(api);
  allocators.set(api, alloc);
  const strategies: Record<string, KindStrategy> = {
    Pod: podStrategy,
    Deployment: deploymentStrategy,
    ReplicaSet: replicaSetStrategy,
    ReplicationController: replicationControllerStrategy,
    DaemonSet: daemonSetStrategy,
    StatefulSet: statefulSetStrategy,
    Job: jobStrategy,
    CronJob: cronJobStrategy,
    Service: serviceStrategy(alloc),
    Namespace: namespaceStrategy,
    ConfigMap: configMapStrategy,
    Secret: secretStrategy,
    ServiceAccount: serviceAccountStrategy,
    PersistentVolumeClaim: pvcStrategy,
    PersistentVolume: pvStrategy,
    StorageClass: storageClassStrategy,
    Ingress: ingressStrategy,
    IngressClass: ingressClassStrategy,
    NetworkPolicy: networkPolicyStrategy,
    HorizontalPodAutoscaler: hpaStrategy,
    PodDisruptionBudget: pdbStrategy,
    PriorityClass: priorityClassStrategy,
    ResourceQuota: resourceQuotaStrategy,
    LimitRange: limitRangeStrategy,
    Role: roleStrategyNamespaced,
    ClusterRole: clusterRoleStrategy,
    RoleBinding: roleBindingStrategy,
    ClusterRoleBinding: clusterRoleBindingStrategy,
    Node: nodeStrategy,
    Lease: leaseStrategy,
    Event: eventStrategy,
    EndpointSlice: endpointSliceStrategy,
    Endpoints: endpointsStrategy,
    PodTemplate: podTemplateStrategy,
    ControllerRevision: controllerRevisionStrategy,
  };
  for (const [kind, s] of Object.entries(strategies)) api.registerStrategy(kind, s);
}
