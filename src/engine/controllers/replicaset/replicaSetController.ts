import type { Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { ApiError } from '../../api/errors';
import { BY_CONTROLLER } from '../../api/indexes';
import { controllerRef, keyOf, newControllerRef, type KObject } from '../../api/object';
import { matches } from '../../api/selectors';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { podFromTemplate } from '../podTemplate';
import { rankByRelatedPodsOnSameNode, sortForDeletion } from '../podRanking';
import { claimObjects } from './controllerRefManager';
import { templateLabelsSelector, type ReplicaKind, type ReplicaOwner } from './kinds';
import { ORPHANS_BY_NAMESPACE, registerOrphanIndex } from './orphanIndex';
import { podFacts } from './podFacts';
import { PodTracker, type OwnedPods } from './podTracker';
import { BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slowStart';
import { calculateStatus, statusUpToDate } from './status';

/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), which also serves
 * ReplicationControllers as upstream's replication manager does. One sync:
 * claim pods (adopt matching orphans, release owned pods that stopped matching), create or
 * delete pods to match spec.replicas (slow-start batches, at most 500 per sync, victims in
 * ActivePodsWithRanks order), then write status. Terminating and finished pods are not
 * active, so a replacement is created while a deleted pod is still Terminating.
 */
/**
 * How soon the controller acts on a change. Shorter than the Deployment controller's, so that an
 * old ReplicaSet's pods are deleted before the Deployment's next sync can grow the new one: the
 * pod count then stays within replicas + maxSurge at every instant, as it does on a real cluster
 * where the ReplicaSet controller answers a scale-down within milliseconds.
 */
export const REPLICASET_LATENCY_MS = 10;

export class ReplicaSetController extends Controller {
  private readonly tracker: PodTracker;

  constructor(
    ctx: ControllerContext,
    private readonly rk: ReplicaKind,
  ) {
    super(rk.component, ctx, REPLICASET_LATENCY_MS);
    registerOrphanIndex(this.api.store, 'Pod');
    this.tracker = new PodTracker(this.api.store);
    this.watchOwn(rk.kind);
    this.api.watch(rk.kind, (ev) => {
      if (ev.type === 'DELETED') this.tracker.forget(ev.object.metadata.uid!);
    });
    this.api.watch('Pod', (ev) => {
      this.tracker.observe(ev);
      this.onPod(ev);
    });
  }

  /** addPod / updatePod / deletePod: wake the pod's controller, or every controller that could adopt an orphan. */
  private onPod(ev: WatchEvent): void {
    const pod = ev.object;
    const ref = controllerRef(pod);
    const oldRef = ev.old ? controllerRef(ev.old) : undefined;
    if (oldRef && oldRef.kind === this.rk.kind && oldRef.uid !== ref?.uid) this.enqueue(keyOf(ev.old!.metadata.namespace, oldRef.name));
    if (ref) {
      if (ref.kind === this.rk.kind) this.enqueue(keyOf(pod.metadata.namespace, ref.name));
      return;
    }
    if (ev.type === 'DELETED' || pod.metadata.deletionTimestamp) return;
    // An orphan: sync the controllers that select it, so one of them adopts it. Only on a change
    // that can matter (it appeared, its labels changed, or it was just released).
    if (ev.type === 'ADDED' || oldRef || !deepEqual(ev.old?.metadata.labels, pod.metadata.labels)) {
      for (const owner of this.api.list<ReplicaOwner>(this.rk.kind, pod.metadata.namespace)) {
        const sel = this.rk.selector(owner);
        if (sel.requirements.length > 0 && matches(sel, pod.metadata.labels)) this.enqueue(keyOf(owner.metadata.namespace, owner.metadata.name!));
      }
    }
  }

  protected reconcile(key: string): ReconcileResult | void {
    const rs = this.api.store.getByKey(this.rk.kind, key) as ReplicaOwner | undefined;
    if (!rs) return;
    const namespace = rs.metadata.namespace!;
    const selector = this.rk.selector(rs);
    const selects = (p: KObject) => matches(selector, p.metadata.labels);

    // FilterPodsByOwner(includeOrphanedPods) + FilterActivePods + claimPods: the pods we control are
    // tracked; of them only those we no longer select need an action (release), and of the
    // namespace's orphans the active ones we select are adopted.
    const owned = this.tracker.ownedBy(rs.metadata.uid!, selector, templateLabelsSelector(rs));
    const orphans = (this.api.store.byIndex('Pod', ORPHANS_BY_NAMESPACE, namespace) as Pod[]).filter((p) => podFacts(p).active);
    claimObjects(this.api, rs as KObject, [...owned.unselectedPods(), ...orphans] as KObject[], selects);

    const now = this.clock.now();
    const counts = owned.counts(rs.spec?.minReadySeconds ?? 0, now);
    let manageError: ApiError | undefined;
    if (rs.metadata.deletionTimestamp === undefined) manageError = this.manageReplicas(owned, counts.replicas, rs);

    const status = calculateStatus(rs, counts, this.rk.reportsTerminating, manageError, now);
    if (!statusUpToDate(rs, status)) {
      status.observedGeneration = rs.metadata.generation;
      this.api.patchStatus(this.rk.kind, namespace, rs.metadata.name!, (d) => {
        d.status = status;
      });
    }
    if (manageError) throw manageError;
    // Look again when the next ready pod has been ready for minReadySeconds, so availableReplicas moves without another event.
    if (counts.nextAvailableIn !== undefined) return { requeueAfter: Math.max(1, counts.nextAvailableIn) };
  }

  /** manageReplicas: create or delete pods so that the active count meets spec.replicas. */
  private manageReplicas(owned: OwnedPods, active: number, rs: ReplicaOwner): ApiError | undefined {
    const diff = active - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      const { error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs));
      return asApiError(error);
    }
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      let firstError: ApiError | undefined;
      for (const pod of this.podsToDelete(owned.activePods(), rs, count)) {
        const err = this.deletePod(rs, pod);
        firstError ??= err;
      }
      return firstError;
    }
    return undefined;
  }

  /** RealPodControl.CreatePods: a pod from the template, owned by the controller, with an event either way. */
  private createPod(rs: ReplicaOwner): void {
    const pod = podFromTemplate(rs.spec?.template ?? {}, rs.metadata.namespace!, rs.metadata.name!, newControllerRef(rs as KObject));
    try {
      const created = this.api.create(pod as KObject);
      this.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // In a terminating namespace every create fails; upstream treats that as nothing to report.
      if (isNamespaceTerminating(e)) return;
      this.event(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
      throw e;
    }
  }

  /** RealPodControl.DeletePod: a pod already gone is not an error and gets no event. */
  private deletePod(rs: ReplicaOwner, pod: Pod): ApiError | undefined {
    try {
      this.api.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!);
      this.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
      return undefined;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason === 'NotFound') return undefined;
      this.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      return new ApiError(e.reason, `unable to delete pods: ${e.message}`);
    }
  }

  /**
   * getPodsToDelete: when only some pods go, rank them by how many related pods (this
   * controller's and its siblings', i.e. the other ReplicaSets of the same Deployment) share
   * their node, and sort by ActivePodsWithRanks.
   */
  private podsToDelete(activePods: Pod[], rs: ReplicaOwner, count: number): Pod[] {
    if (count >= activePods.length) return activePods.slice(0, count);
    const ranked = rankByRelatedPodsOnSameNode(activePods, this.indirectlyRelatedPods(rs));
    return sortForDeletion(ranked, this.clock.now())
      .slice(0, count)
      .map((r) => r.pod);
  }

  /**
   * getIndirectlyRelatedPods: the pods of every controller that shares this one's controller.
   * A controller nobody owns has no related pods upstream (getReplicaSetsWithSameController
   * returns nothing), so its ranks are all zero.
   */
  private indirectlyRelatedPods(rs: ReplicaOwner): Pod[] {
    const owner = controllerRef(rs);
    if (!owner) return [];
    // No de-duplication needed: a pod has one controller, so it sits in one sibling's bucket.
    const related: Pod[] = [];
    for (const sibling of this.api.store.byIndex(this.rk.kind, BY_CONTROLLER, owner.uid)) {
      for (const pod of this.api.store.byIndex('Pod', BY_CONTROLLER, sibling.metadata.uid!)) related.push(pod as Pod);
    }
    return related;
  }
}

function asApiError(e: unknown): ApiError | undefined {
  if (e === undefined) return undefined;
  if (e instanceof ApiError) return e;
  throw e;
}

/** The NamespaceTerminatingCause of an API error: the namespace lifecycle admission's refusal. */
function isNamespaceTerminating(e: ApiError): boolean {
  return e.reason === 'Forbidden' && e.message.includes('because it is being terminated');
}
