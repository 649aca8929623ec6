import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { newControllerRef, objectKey, splitKey, type KObject } from '../../api/object';
import { deepEqual } from '../../api/equal';
import { SECOND } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { podFromTemplate } from '../podTemplate';
import { POD_REVISION_LABEL } from '../history';
import { createPodTemplate, daemonPods, nodesToDaemonPods } from './daemonPods';
import { daemonSetSettings } from './defaults';
import { FailedPodsBackoff } from './failedPodsBackoff';
import { podsShouldBeOnNode, unscheduledPodsWithoutNode, type NodeActions } from './manage';
import { replaceDaemonSetPodNodeNameNodeAffinity } from './nodeAffinity';
import { nodeShouldRunDaemonPod } from './nodeShouldRun';
import { cleanupHistory, constructHistory } from './revisions';
import { rollingUpdate } from './rollingUpdate';
import { computeDaemonSetCounts, statusUpToDate, type DaemonSetCounts } from './status';

/** BurstReplicas: at most this many pod creations (and deletions) per sync. */
const BURST_REPLICAS = 250;

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node. It decides which
 * nodes are eligible itself (nodeShouldRunDaemonPod) and pins each pod to its node with a
 * required node affinity; the default scheduler does the binding.
 */
export class DaemonSetController extends Controller {
  private readonly backoff = new FailedPodsBackoff();

  constructor(ctx: ControllerContext) {
    super('daemonset-controller', ctx);
    this.watchOwn('DaemonSet');
    this.watchOwned('Pod', 'DaemonSet');
    this.watchOwned('ControllerRevision', 'DaemonSet');
    this.api.watch('Node', (ev) => {
      const node = ev.object as Node;
      if (ev.type === 'ADDED') {
        for (const ds of this.api.list<KObject>('DaemonSet')) {
          if (nodeShouldRunDaemonPod(node, ds as DaemonSet).shouldRun) this.enqueue(objectKey(ds));
        }
      } else if (ev.type === 'MODIFIED' && ev.old) {
        // Only labels and taints feed the eligibility simulation (shouldIgnoreNodeUpdate).
        const old = ev.old as Node;
        if (deepEqual(old.metadata?.labels, node.metadata?.labels) && deepEqual(old.spec?.taints, node.spec?.taints)) return;
        for (const ds of this.api.list<KObject>('DaemonSet')) {
          const before = nodeShouldRunDaemonPod(old, ds as DaemonSet);
          const after = nodeShouldRunDaemonPod(node, ds as DaemonSet);
          if (before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning) this.enqueue(objectKey(ds));
        }
      }
    });
  }

  /** syncDaemonSet. */
  protected reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const ds = this.api.get<KObject>('DaemonSet', namespace, name) as DaemonSet | undefined;
    if (!ds) return;
    const sel = ds.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.event(ds as KObject, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    // The history of a DaemonSet being deleted may already be gone; upstream leaves it alone.
    if (ds.metadata?.deletionTimestamp) return;

    const nodes = this.api.list<KObject>('Node') as Node[];
    const { cur, old } = constructHistory(this.api, ds, daemonPods(this.api, ds));
    const hash = cur.metadata.labels![POD_REVISION_LABEL];

    let requeue: number | undefined;
    const requeueAfter = (ms: number) => {
      requeue = requeue === undefined ? ms : Math.min(requeue, ms);
    };

    // manage: make every eligible node run one pod and no other node run any.
    const byNode = nodesToDaemonPods(daemonPods(this.api, ds));
    const actions: NodeActions = { podsToDelete: [], nodesNeedingDaemonPods: [] };
    const env = {
      now: this.clock.now(),
      backoff: this.backoff,
      event: (type: 'Normal' | 'Warning', reason: string, message: string) => this.event(ds as KObject, type, reason, message),
      requeueAfter,
    };
    for (const node of nodes) podsShouldBeOnNode(node, byNode, ds, hash, env, actions);
    actions.podsToDelete.push(...unscheduledPodsWithoutNode(nodes, byNode));
    const changed = this.syncNodes(ds, actions, hash);

    // The rolling update acts only once the manage loop's own writes have been observed
    // (the expectations upstream); our store is synchronous, so: when manage changed nothing.
    if (!changed && daemonSetSettings(ds).updateStrategy === 'RollingUpdate') {
      const byNodeNow = nodesToDaemonPods(daemonPods(this.api, ds));
      this.syncNodes(ds, rollingUpdate(ds, nodes, byNodeNow, hash, this.clock.now()), hash);
    }
    cleanupHistory(this.api, ds, old, daemonPods(this.api, ds));

    const counts = computeDaemonSetCounts(ds, nodes, nodesToDaemonPods(daemonPods(this.api, ds)), hash, this.clock.now());
    this.storeStatus(ds, counts);
    // Resync after minReadySeconds so availability is noticed (a last line of defence upstream).
    const minReady = daemonSetSettings(ds).minReadySeconds;
    if (minReady > 0 && counts.numberReady !== counts.numberAvailable) requeueAfter(minReady * SECOND);
    return requeue === undefined ? undefined : { requeueAfter: requeue };
  }

  /** syncNodes: deletes the given pods and creates a pod for each node, in slow-start batches. Returns whether it wrote anything. */
  private syncNodes(ds: DaemonSet, actions: NodeActions, hash: string): boolean {
    const creates = actions.nodesNeedingDaemonPods.slice(0, BURST_REPLICAS);
    const deletes = actions.podsToDelete.slice(0, BURST_REPLICAS);
    if (creates.length === 0 && deletes.length === 0) return false;
    const template = createPodTemplate(ds, hash);
    const ref = newControllerRef(ds as KObject);
    const ns = ds.metadata!.namespace!;
    let pos = 0;
    for (let batch = Math.min(creates.length, 1); pos < creates.length; batch = Math.min(2 * batch, creates.length - pos)) {
      let failed = false;
      for (let i = pos; i < pos + batch; i++) {
        const podTemplate = { ...template, spec: { ...template.spec!, affinity: replaceDaemonSetPodNodeNameNodeAffinity(template.spec!.affinity, creates[i]) } };
        if (!this.createPod(ds, podFromTemplate(podTemplate, ns, ds.metadata!.name!, ref))) failed = true;
      }
      pos += batch;
      if (failed) break; // the rest is retried by a later sync
    }
    for (const name of deletes) this.deletePod(ds, ns, name);
    return true;
  }

  /** RealPodControl.CreatePods: the pod, and SuccessfulCreate or FailedCreate on the DaemonSet. */
  private createPod(ds: DaemonSet, pod: Pod): boolean {
    try {
      const created = this.api.create(pod as KObject);
      this.event(ds as KObject, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (/because it is being terminated/.test(err.message)) return false;
      this.event(ds as KObject, 'Warning', 'FailedCreate', `Error creating: ${err.message}`);
      return false;
    }
  }

  /** RealPodControl.DeletePod: SuccessfulDelete or FailedDelete on the DaemonSet; a pod already gone is fine. */
  private deletePod(ds: DaemonSet, ns: string, name: string): void {
    if (!this.api.get('Pod', ns, name)) return;
    try {
      this.api.delete('Pod', ns, name);
      this.event(ds as KObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.event(ds as KObject, 'Warning', 'FailedDelete', `Error deleting: ${err.message}`);
    }
  }

  /** storeDaemonSetStatus: writes the counters and observedGeneration when they differ. */
  private storeStatus(ds: DaemonSet, c: DaemonSetCounts): void {
    if (statusUpToDate(ds, c)) return;
    this.api.patchStatus('DaemonSet', ds.metadata!.namespace, ds.metadata!.name!, (d: any) => {
      const s = (d.status ??= {});
      s.observedGeneration = d.metadata.generation;
      s.desiredNumberScheduled = c.desiredNumberScheduled;
      s.currentNumberScheduled = c.currentNumberScheduled;
      s.numberMisscheduled = c.numberMisscheduled;
      s.numberReady = c.numberReady;
      // These three are omitempty in apps/v1.
      setOrDrop(s, 'updatedNumberScheduled', c.updatedNumberScheduled);
      setOrDrop(s, 'numberAvailable', c.numberAvailable);
      setOrDrop(s, 'numberUnavailable', c.numberUnavailable);
    });
  }
}

function setOrDrop(s: Record<string, unknown>, key: string, v: number): void {
  if (v === 0) delete s[key];
  else s[key] = v;
}
