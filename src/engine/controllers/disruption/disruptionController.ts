import type { Pod } from 'kubernetes-types/core/v1';
import type { Condition } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { WatchEvent } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { objectKey, splitKey, type KObject } from '../../api/object';
import { isPodReady } from '../../api/podUtil';
import { fromLabelSelector, matches } from '../../api/selectors';
import { parseTimestamp, rfc3339 } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { ExpectedScaleError, expectedPodCount } from './expectedPods';
import { goLabelSelectorString } from './goSelectorString';

/** DeletionTimeout: a pod the eviction API let go is not counted healthy for this long while it is deleted. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

const byName = (a: KObject, b: KObject) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
function setCondition(conditions: Condition[], next: Omit<Condition, 'lastTransitionTime'>, nowTs: string): Condition[] {
  const old = conditions.find((c) => c.type === next.type);
  const merged: Condition = { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : nowTs };
  return old ? conditions.map((c) => (c === old ? merged : c)) : [...conditions, merged];
}

/** UpdateDisruptionAllowedCondition: SufficientPods when a disruption is allowed, InsufficientPods otherwise. */
function allowedCondition(status: PodDisruptionBudgetStatus): Omit<Condition, 'lastTransitionTime'> {
  const ok = status.disruptionsAllowed > 0;
  return { type: 'DisruptionAllowed', status: ok ? 'True' : 'False', reason: ok ? 'SufficientPods' : 'InsufficientPods', message: '', observedGeneration: status.observedGeneration };
}

/**
 * The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status
 * — how many of its pods are healthy (Ready), how many must be, how many it expects, and so how
 * many disruptions the eviction API may allow now — in step with the pods its selector matches.
 */
export class DisruptionController extends Controller {
  constructor(ctx: ControllerContext) {
    super('disruption-controller', ctx);
    this.api.watch('PodDisruptionBudget', (ev) => {
      if (ev.type !== 'DELETED') this.enqueue(objectKey(ev.object));
    });
    this.api.watch('Pod', (ev) => this.onPod(ev));
  }

  /** getPdbForPod: the budgets in the pod's namespace whose selector matches it (none: nothing to do, cheaply). */
  private onPod(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace!;
    if (this.api.store.count('PodDisruptionBudget', ns) === 0) return;
    const pdbs = this.api.list('PodDisruptionBudget', ns).sort(byName);
    const labelsNow = ev.object.metadata.labels;
    const labelsBefore = ev.old?.metadata.labels;
    const current = pdbs.filter((p) => matches(fromLabelSelector(p.spec?.selector), labelsNow));
    if (current.length > 1 && ev.type !== 'DELETED') {
      this.event(ev.object, 'Warning', 'MultiplePodDisruptionBudgets', `Pod "${ns}"/"${ev.object.metadata.name}" matches multiple PodDisruptionBudgets.  Chose "${current[0].metadata.name}" arbitrarily.`);
    }
    for (const p of pdbs) {
      const sel = fromLabelSelector(p.spec?.selector);
      if (matches(sel, labelsNow) || (labelsBefore !== undefined && matches(sel, labelsBefore))) this.enqueue(objectKey(p));
    }
  }

  protected reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const pdb = this.api.get('PodDisruptionBudget', namespace, name) as unknown as PodDisruptionBudget | undefined;
    if (!pdb) return;
    const sel = fromLabelSelector(pdb.spec?.selector);
    const pods = (this.api.list('Pod', namespace) as Pod[]).filter((p) => matches(sel, p.metadata?.labels));
    if (pods.length === 0) this.pdbEvent(pdb, 'Normal', 'NoPods', 'No matching pods found');

    let expected;
    try {
      expected = expectedPodCount(this.api, pdb, pods);
    } catch (e) {
      if (!(e instanceof ExpectedScaleError)) throw e;
      this.pdbEvent(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e.message}`);
      this.failSafe(pdb, e.message);
      return;
    }
    if (expected.unmanagedPods.length > 0) {
      this.pdbEvent(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelectorString(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.clock.now();
    const { disrupted, recheckAt } = this.buildDisruptedPodMap(pods, pdb, now);
    const currentHealthy = countHealthyPods(pods, disrupted, now);
    this.updateStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disrupted);
    if (recheckAt !== undefined) return { requeueAfter: recheckAt - now };
  }

  /** buildDisruptedPodMap: pods the eviction API let go, until they are deleted or DeletionTimeout passes. */
  private buildDisruptedPodMap(pods: readonly Pod[], pdb: PodDisruptionBudget, now: number): { disrupted: Record<string, string>; recheckAt?: number } {
    const known = pdb.status?.disruptedPods ?? {};
    const disrupted: Record<string, string> = {};
    let recheckAt: number | undefined;
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const ts = known[pod.metadata!.name!];
      if (ts === undefined) continue;
      const expectedDeletion = (parseTimestamp(ts) ?? now) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        // Upstream prints the namespace twice here.
        this.event(pod as KObject, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata!.namespace}/${pdb.metadata!.namespace} to be deleted but it wasn't`);
      } else {
        if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
        disrupted[pod.metadata!.name!] = ts;
      }
    }
    return { disrupted, recheckAt };
  }

  private updateStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disrupted: Record<string, string>): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    // A budget matching no pods yet must be safe when its first pods appear.
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const observedGeneration = pdb.metadata!.generation ?? 0;
    const old = pdb.status;
    const sortedDisrupted = Object.fromEntries(Object.keys(disrupted).sort().map((k) => [k, disrupted[k]]));
    const status: PodDisruptionBudgetStatus = {
      observedGeneration,
      ...(Object.keys(sortedDisrupted).length ? { disruptedPods: sortedDisrupted } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: old?.conditions ?? [],
    };
    status.conditions = setCondition(status.conditions!, allowedCondition(status), rfc3339(this.clock.now()));
    if (old && deepEqual(old, status)) return;
    this.api.updateStatus({ ...(pdb as KObject), status });
  }

  /** failSafe: nothing may be disrupted while the budget cannot be computed. */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const old = pdb.status;
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: old?.observedGeneration,
      ...(old?.disruptedPods ? { disruptedPods: old.disruptedPods } : {}),
      disruptionsAllowed: 0,
      currentHealthy: old?.currentHealthy ?? 0,
      desiredHealthy: old?.desiredHealthy ?? 0,
      expectedPods: old?.expectedPods ?? 0,
      conditions: old?.conditions ?? [],
    };
    status.conditions = setCondition(
      status.conditions!,
      { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message, observedGeneration: old?.observedGeneration },
      rfc3339(this.clock.now()),
    );
    if (old && deepEqual(old, status)) return;
    this.api.updateStatus({ ...(pdb as KObject), status });
  }

  private pdbEvent(pdb: PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.event(pdb as KObject, type, reason, message);
  }
}

/** countHealthyPods: Ready pods that are neither being deleted nor recently let go by an eviction. */
function countHealthyPods(pods: readonly Pod[], disrupted: Record<string, string>, now: number): number {
  let n = 0;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const ts = disrupted[pod.metadata!.name!];
    if (ts !== undefined && (parseTimestamp(ts) ?? 0) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) n++;
  }
  return n;
}
