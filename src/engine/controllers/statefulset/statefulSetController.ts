import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { BY_CONTROLLER } from '../../api/indexes';
import { objectKey, splitKey, type KObject } from '../../api/object';
import { SECOND } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { updateStatefulSet } from './control';
import { statefulSetSettings } from './defaults';
import { isMemberOf } from './identity';
import { StatefulPodControl } from './podControl';
import { completeRollingUpdate, inconsistentStatus, serializeStatus } from './status';

/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names, ordinals,
 * hostnames and claims, created in order and removed in reverse order.
 */
export class StatefulSetController extends Controller {
  constructor(ctx: ControllerContext) {
    super('statefulset-controller', ctx);
    this.watchOwn('StatefulSet');
    this.watchOwned('Pod', 'StatefulSet');
    // A pod waiting for a stale claim to be garbage-collected (PodClaimIsStale) proceeds once it is gone.
    this.api.watch('PersistentVolumeClaim', (ev) => {
      if (ev.type !== 'DELETED') return;
      const claim = ev.object.metadata.name!;
      for (const set of this.api.list<KObject>('StatefulSet', ev.object.metadata.namespace)) {
        const templates = (set.spec?.volumeClaimTemplates ?? []) as { metadata?: { name?: string } }[];
        if (templates.some((t) => claim.startsWith(`${t.metadata?.name}-${set.metadata.name}-`))) this.enqueue(objectKey(set));
      }
    });
  }

  /** sync / syncStatefulSet (stateful_set.go). */
  protected reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const set = this.api.get<KObject>('StatefulSet', namespace, name) as StatefulSet | undefined;
    if (!set) return;
    const pods = (this.api.store.byIndex('Pod', BY_CONTROLLER, set.metadata!.uid!) as Pod[]).filter((p) => isMemberOf(set, p));
    const podControl = new StatefulPodControl(this.api, (type, reason, message) => this.event(set as unknown as KObject, type, reason, message));
    const { status, error } = updateStatefulSet(this.api, podControl, set, pods, this.clock.now());

    // updateStatefulSetStatus: store the status even when the sync hit an error.
    completeRollingUpdate(set, status);
    const fresh = this.api.get<KObject>('StatefulSet', namespace, name) as StatefulSet | undefined;
    if (fresh && inconsistentStatus(fresh, status)) {
      this.api.patchStatus('StatefulSet', namespace, name, (d: any) => {
        d.status = { ...serializeStatus(status), ...(d.status?.conditions ? { conditions: d.status.conditions } : {}) };
      });
    }
    if (error) throw error;
    const minReady = statefulSetSettings(set).minReadySeconds;
    if (minReady > 0 && (status.availableReplicas ?? 0) !== statefulSetSettings(set).replicas) return { requeueAfter: minReady * SECOND };
  }
}
