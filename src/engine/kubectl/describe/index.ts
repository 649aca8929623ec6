import type { KObject } from '../../api/object';
import * as config from './config';
import { describeGeneric } from './generic';
import * as network from './network';
import { describeNode } from './node';
import { describePod } from './pod';
import * as storage from './storage';
import type { DescribeContext, Describer } from './types';
import * as workloads from './workloads';

/** describerMap: the kinds kubectl describes with a dedicated layout. */
const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  ReplicationController: workloads.describeReplicationController,
  Secret: config.describeSecret,
  Service: network.describeService,
  ServiceAccount: config.describeServiceAccount,
  Node: describeNode,
  LimitRange: config.describeLimitRange,
  ResourceQuota: config.describeResourceQuota,
  PersistentVolume: storage.describePV,
  PersistentVolumeClaim: storage.describePVC,
  Namespace: config.describeNamespace,
  Endpoints: network.describeEndpoints,
  ConfigMap: config.describeConfigMap,
  PriorityClass: config.describePriorityClass,
  EndpointSlice: network.describeEndpointSlice,
  HorizontalPodAutoscaler: config.describeHPA,
  Ingress: network.describeIngress,
  Job: workloads.describeJob,
  CronJob: workloads.describeCronJob,
  StatefulSet: workloads.describeStatefulSet,
  Deployment: workloads.describeDeployment,
  DaemonSet: workloads.describeDaemonSet,
  ReplicaSet: workloads.describeReplicaSet,
  StorageClass: storage.describeStorageClass,
  PodDisruptionBudget: config.describePDB,
};

export function describeObject(ctx: DescribeContext, obj: KObject): string {
  return (DESCRIBERS[obj.kind] ?? describeGeneric)(ctx, obj);
}

export type { DescribeContext };
