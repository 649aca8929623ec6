import type { ApiServer } from '../../api/apiServer';
import type { KObject } from '../../api/object';
import type { Dep, RS } from './util';

/**
 * What one Deployment sync works with: the functions of sync.go, rolling.go, recreate.go and
 * progress.go are methods of DeploymentController upstream; here they take this context.
 */
export interface DeploymentSync {
  readonly api: ApiServer;
  now(): number;
  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Writes the working copy's status, and its revision annotation (the status subresource of a Deployment carries annotations). */
  updateDeploymentStatus(d: Dep): void;
  /** Writes a ReplicaSet through its main path (optimistic concurrency on its resourceVersion) and returns the stored result. */
  updateReplicaSet(rs: RS): RS;
  /** Set by requeueStuckDeployment: look again after this many ms for a progress check. */
  requeueAfter?: number;
}
