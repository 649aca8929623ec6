import type { Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import type { TimerHandle } from '../../clock/simClock';
import { deepClone, deepEqual } from '../../api/equal';
import { BY_CONTROLLER } from '../../api/indexes';
import { controllerRef, keyOf, type KObject } from '../../api/object';
import { fromLabelSelector, matches } from '../../api/selectors';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { claimObjects } from '../replicaset/controllerRefManager';
import { ORPHANS_BY_NAMESPACE, registerOrphanIndex } from '../replicaset/orphanIndex';
import type { DeploymentSync } from './context';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync';
import { deploymentComplete, getDeploymentCondition, hasProgressDeadline, isRecreate, REVISION_ANNOTATION, TIMED_OUT_REASON, type Dep, type RS } from './util';

/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go). It owns
 * ReplicaSets, never pods: a sync claims the ReplicaSets the selector matches, then either
 * only writes status (being deleted), scales (paused, or replicas changed: proportional
 * scaling), or rolls out (RollingUpdate or Recreate). Rollback of apps/v1 is client-side
 * (kubectl copies an old template back), so here it is just another template change.
 */
export class DeploymentController extends Controller {
  /**
   * Pending progress checks (requeueStuckDeployment's AddAfter), one per Deployment. They are
   * foreground timers — a stuck rollout will still time out while the simulation runs until
   * quiet — and are cancelled as soon as the rollout completes, times out, pauses or goes away,
   * so a finished Deployment never keeps the cluster busy.
   */
  private readonly progressChecks = new Map<string, TimerHandle>();

  constructor(ctx: ControllerContext) {
    super('deployment-controller', ctx);
    registerOrphanIndex(this.api.store, 'ReplicaSet');
    this.watchOwn('Deployment');
    this.api.watch('ReplicaSet', (ev) => this.onReplicaSet(ev));
    this.api.watch('Pod', (ev) => {
      if (ev.type === 'DELETED') this.onPodDeleted(ev.object as Pod);
    });
  }

  /** addReplicaSet / updateReplicaSet / deleteReplicaSet: the owner, or Deployments that could adopt an orphan. */
  private onReplicaSet(ev: WatchEvent): void {
    const rs = ev.object;
    const ref = controllerRef(rs);
    const oldRef = ev.old ? controllerRef(ev.old) : undefined;
    if (oldRef && oldRef.kind === 'Deployment' && oldRef.uid !== ref?.uid) this.enqueue(keyOf(ev.old!.metadata.namespace, oldRef.name));
    if (ref) {
      if (ref.kind === 'Deployment') this.enqueue(keyOf(rs.metadata.namespace, ref.name));
      return;
    }
    if (ev.type === 'DELETED' || rs.metadata.deletionTimestamp) return;
    if (ev.type === 'ADDED' || oldRef || !deepEqual(ev.old?.metadata.labels, rs.metadata.labels)) {
      for (const d of this.api.list('Deployment', rs.metadata.namespace)) {
        const sel = fromLabelSelector(d.spec?.selector);
        if (sel.requirements.length > 0 && matches(sel, rs.metadata.labels)) this.enqueue(keyOf(d.metadata.namespace, d.metadata.name!));
      }
    }
  }

  /** deletePod: a Recreate Deployment waits for its old pods to be gone, so their deletion wakes it. */
  private onPodDeleted(pod: Pod): void {
    const ref = controllerRef(pod as KObject);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.api.get('ReplicaSet', pod.metadata!.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const dref = controllerRef(rs);
    if (!dref || dref.kind !== 'Deployment') return;
    const d = this.api.get('Deployment', rs.metadata.namespace, dref.name);
    if (d && d.metadata.uid === dref.uid && isRecreate(d as Dep)) this.enqueue(keyOf(d.metadata.namespace, d.metadata.name!));
  }

  /** syncDeployment */
  protected reconcile(key: string): ReconcileResult | void {
    const stored = this.api.store.getByKey('Deployment', key);
    if (!stored) {
      this.cancelProgressCheck(key);
      return;
    }
    const d = deepClone(stored) as Dep;
    const progressCheckIn = this.syncDeployment(d);
    if (progressCheckIn !== undefined) this.scheduleProgressCheck(key, progressCheckIn);
    else if (rolloutSettled(d)) this.cancelProgressCheck(key);
  }

  private scheduleProgressCheck(key: string, delayMs: number): void {
    const pending = this.progressChecks.get(key);
    // As AddAfter: an earlier pending check wins.
    if (pending && !pending.cancelled && pending.at <= this.clock.now() + delayMs) return;
    this.clock.cancel(pending);
    this.progressChecks.set(
      key,
      this.clock.after(delayMs, 'deployment-controller:progress-check', () => {
        this.progressChecks.delete(key);
        this.enqueue(key);
      }),
    );
  }

  private cancelProgressCheck(key: string): void {
    const pending = this.progressChecks.get(key);
    if (!pending) return;
    this.clock.cancel(pending);
    this.progressChecks.delete(key);
  }

  /**
   * syncDeployment: works on `d`, the controller's copy of the stored Deployment. Returns when
   * to look again for a progress check (requeueStuckDeployment), if at all.
   */
  private syncDeployment(d: Dep): number | undefined {
    const dc = this.syncContext();

    const sel = d.spec?.selector;
    if (sel && (sel.matchLabels === undefined || Object.keys(sel.matchLabels).length === 0) && !sel.matchExpressions?.length) {
      this.event(d as KObject, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata!.generation ?? 0)) {
        (d.status ??= {}).observedGeneration = d.metadata!.generation;
        dc.updateDeploymentStatus(d);
      }
      return;
    }

    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata!.deletionTimestamp !== undefined) {
      syncStatusOnly(dc, d, rsList);
      return;
    }
    // Paused and resumed conditions first, so a resumed rollout is not judged by time spent paused.
    checkPausedConditions(dc, d);
    if (d.spec?.paused) sync(dc, d, rsList);
    else if (isScalingEvent(dc, d, rsList)) sync(dc, d, rsList);
    else if (isRecreate(d)) rolloutRecreate(dc, d, rsList, this.getPodMapForDeployment(d, rsList));
    else rolloutRolling(dc, d, rsList);
    return dc.requeueAfter;
  }

  /**
   * getReplicaSetsForDeployment: the ReplicaSets this Deployment controls or can adopt (owned
   * ones through the controller index, candidates among the namespace's orphans), releasing
   * owned ones its selector no longer matches.
   */
  private getReplicaSetsForDeployment(d: Dep): RS[] {
    const selector = fromLabelSelector(d.spec?.selector);
    const owned = this.api.store.byIndex('ReplicaSet', BY_CONTROLLER, d.metadata!.uid!);
    const orphans = this.api.store.byIndex('ReplicaSet', ORPHANS_BY_NAMESPACE, d.metadata!.namespace!);
    return claimObjects(this.api, d as KObject, [...owned, ...orphans], (rs) => matches(selector, rs.metadata.labels)) as RS[];
  }

  /** getPodMapForDeployment: pods by the uid of the ReplicaSet that controls them (the Deployment's selector applies). */
  private getPodMapForDeployment(d: Dep, rsList: RS[]): Map<string, Pod[]> {
    const selector = fromLabelSelector(d.spec?.selector);
    const podMap = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const pods = this.api.store.byIndex('Pod', BY_CONTROLLER, rs.metadata!.uid!).filter((p) => matches(selector, p.metadata.labels));
      podMap.set(rs.metadata!.uid!, pods as Pod[]);
    }
    return podMap;
  }

  private syncContext(): DeploymentSync {
    const api = this.api;
    return {
      api,
      now: () => this.clock.now(),
      event: (obj, type, reason, message) => this.event(obj, type, reason, message),
      updateDeploymentStatus: (d) => {
        const ns = d.metadata!.namespace;
        const name = d.metadata!.name!;
        const revision = d.metadata?.annotations?.[REVISION_ANNOTATION];
        const current = api.get('Deployment', ns, name);
        if (current && revision !== undefined && current.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
          api.patchMetadata('Deployment', ns, name, (m) => {
            m.annotations = { ...(m.annotations ?? {}), [REVISION_ANNOTATION]: revision };
          });
        }
        api.patchStatus('Deployment', ns, name, (draft) => {
          draft.status = deepClone(d.status ?? {});
        });
      },
      // With the resourceVersion it was read at: a stale copy fails with Conflict and the sync is retried, as upstream.
      updateReplicaSet: (rs) => api.update(rs as KObject) as RS,
    };
  }
}

/** Nothing left for a progress check to judge: no deadline, paused, being deleted, complete, or already timed out. */
function rolloutSettled(d: Dep): boolean {
  if (!hasProgressDeadline(d) || d.spec?.paused || d.metadata?.deletionTimestamp) return true;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  return !cond || cond.reason === TIMED_OUT_REASON || deploymentComplete(d, d.status);
}
