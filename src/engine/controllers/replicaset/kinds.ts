import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/object';
import { fromLabelSelector, fromMap, type Selector } from '../../api/selectors';
import { compiledSelector } from './podFacts';

/** What the replica controller reads of a ReplicaSet or ReplicationController. */
export interface ReplicaOwner extends KObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: unknown;
    template?: PodTemplateSpec;
  };
}

/**
 * The two kinds one replica controller serves, as upstream runs the ReplicaSet controller for
 * ReplicationControllers through a conversion layer (pkg/controller/replication): they differ in
 * the selector (set-based vs. equality-based map), the component name on events, and status
 * fields (a ReplicationController has no terminatingReplicas).
 */
export interface ReplicaKind {
  readonly kind: 'ReplicaSet' | 'ReplicationController';
  readonly component: string;
  selector(owner: ReplicaOwner): Selector;
  readonly reportsTerminating: boolean;
}

/** labels.Set(template.labels).AsSelector(), for fullyLabeledReplicas: a nil map selects everything. */
export function templateLabelsSelector(owner: ReplicaOwner): Selector {
  return compiledSelector(owner.spec?.template?.metadata?.labels, 'templateLabels', (m) => fromMap(m ?? {}));
}

export const REPLICA_SET: ReplicaKind = {
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  selector: (rs) => compiledSelector(rs.spec?.selector as object | undefined, 'labelSelector', (s) => fromLabelSelector(s as any)),
  reportsTerminating: true,
};

export const REPLICATION_CONTROLLER: ReplicaKind = {
  kind: 'ReplicationController',
  component: 'replication-controller',
  // An omitted selector is defaulted to the template's labels (SetDefaults_ReplicationController).
  selector: (rc) => {
    const sel = (rc.spec?.selector as Record<string, string> | undefined) ?? rc.spec?.template?.metadata?.labels;
    return compiledSelector(sel, 'selectorMap', (m) => (m && Object.keys(m).length > 0 ? fromMap(m) : fromMap(undefined)));
  },
  reportsTerminating: false,
};
