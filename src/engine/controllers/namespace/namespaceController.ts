import type { Namespace, Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { KINDS, type KindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { parseTimestamp, rfc3339 } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { failingConditions, mergeConditions, type DeletionTotals } from './conditions';

/** namespaceDeletionGracePeriod: lets last-moment creations land before the sweep. */
const NAMESPACE_DELETION_GRACE_MS = 5_000;
/** finalizerEstimateSeconds: the wait assumed for objects held by finalizers. */
const FINALIZER_ESTIMATE_S = 15;
/** nsControllerRateLimiter: failures back off from 5 ms, but never beyond a minute. */
const MAX_BACKOFF_MS = 60_000;
/** The finalizer token this controller owns in spec.finalizers. */
export const NAMESPACE_FINALIZER = 'kubernetes';

interface KindResult {
  estimate: number;
  remaining: number;
  finalizers: Map<string, number>;
  error?: string;
}

const NAMESPACED_KINDS: readonly KindInfo[] = KINDS.filter((k) => k.namespaced);

/** "pods." or "deployments.apps": how the ContentRemaining message names a resource. */
function resourceLabel(info: KindInfo): string {
  return `${info.plural}.${info.group}`;
}

/** schema.GroupVersionResource.String(): "/v1, Resource=pods". */
function gvrString(info: KindInfo): string {
  return `${info.group}/${info.versions[0]}, Resource=${info.plural}`;
}

/**
 * The namespace controller (pkg/controller/namespace): a namespace with a deletionTimestamp is
 * emptied, then finalized. Since OrderedNamespaceDeletion (GA in 1.34) the pods go first and
 * everything else only once they are gone. Each pass reports progress in the namespace's
 * conditions and comes back after estimate/2 + 1 seconds while content remains.
 */
export class NamespaceController extends Controller {
  private readonly failures = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super('namespace-controller', ctx);
    this.api.watch('Namespace', (ev) => {
      if (ev.type === 'DELETED') {
        this.failures.delete(ev.object.metadata.name!);
        return;
      }
      if (ev.object.metadata.deletionTimestamp) this.queue.addAfter(ev.object.metadata.name!, NAMESPACE_DELETION_GRACE_MS);
    });
  }

  protected reconcile(name: string): ReconcileResult | void {
    let ns = this.api.get('Namespace', undefined, name) as Namespace | undefined;
    if (!ns?.metadata?.deletionTimestamp) return;
    if (ns.status?.phase !== 'Terminating') {
      ns = this.api.patchStatus('Namespace', undefined, name, (d: KObject) => {
        d.status ??= {};
        d.status.phase = 'Terminating';
      }) as Namespace;
    }
    if ((ns.spec?.finalizers ?? []).length === 0) return;
    const { estimate, error } = this.deleteAllContent(ns);
    if (error) {
      const n = (this.failures.get(name) ?? 0) + 1;
      this.failures.set(name, n);
      return { requeueAfter: Math.min(5 * 2 ** (n - 1), MAX_BACKOFF_MS) };
    }
    this.failures.delete(name);
    if (estimate > 0) return { requeueAfter: (Math.floor(estimate / 2) + 1) * 1000 };
    this.api.finalizeNamespace(name);
  }

  /** deleteAllContent: the pods first; the rest once no pod is left; then the conditions. */
  private deleteAllContent(ns: Namespace): { estimate: number; error: boolean } {
    const name = ns.metadata!.name!;
    const deletedAt = parseTimestamp(ns.metadata!.deletionTimestamp) ?? this.clock.now();
    const totals: DeletionTotals = { remaining: new Map(), finalizers: new Map(), errors: [] };
    let estimate = 0;
    const tally = (info: KindInfo, r: KindResult) => {
      if (r.error) totals.errors.push(r.error);
      estimate = Math.max(estimate, r.estimate);
      if (r.remaining > 0) {
        totals.remaining.set(resourceLabel(info), r.remaining);
        for (const [f, n] of r.finalizers) totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + n);
      }
    };
    const podInfo = NAMESPACED_KINDS.find((k) => k.kind === 'Pod')!;
    const pods = this.deleteKind(podInfo, name, deletedAt);
    tally(podInfo, pods);
    if (pods.remaining === 0) {
      for (const info of NAMESPACED_KINDS) if (info.kind !== 'Pod') tally(info, this.deleteKind(info, name, deletedAt));
    }
    const nowTs = rfc3339(this.clock.now());
    const conditions = mergeConditions(ns.status?.conditions ?? [], failingConditions(totals, nowTs), nowTs);
    if (conditions) {
      this.api.patchStatus('Namespace', undefined, name, (d: KObject) => {
        d.status ??= {};
        d.status.conditions = conditions;
      });
    }
    return { estimate, error: totals.errors.length > 0 };
  }

  /** deleteAllContentForGroupVersionResource: delete the collection, then see what is left. */
  private deleteKind(info: KindInfo, namespace: string, deletedAt: number): KindResult {
    let estimate = info.kind === 'Pod' ? this.podGraceEstimate(namespace) : 0;
    if (this.clock.now() - deletedAt >= estimate * 1000) estimate = 0;
    for (const obj of this.api.list(info.kind, namespace)) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        this.api.delete(info.kind, namespace, obj.metadata.name!, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
      }
    }
    const left = this.api.list(info.kind, namespace);
    const finalizers = new Map<string, number>();
    if (left.length === 0) return { estimate: 0, remaining: 0, finalizers };
    for (const obj of left) for (const f of obj.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (estimate !== 0) return { estimate, remaining: left.length, finalizers };
    if (finalizers.size > 0) return { estimate: FINALIZER_ESTIMATE_S, remaining: left.length, finalizers };
    return { estimate: 0, remaining: left.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(info)}` };
  }

  /** estimateGracefulTerminationForPods: the longest grace period of the pods not yet terminal. */
  private podGraceEstimate(namespace: string): number {
    let estimate = 0;
    for (const obj of this.api.list('Pod', namespace)) {
      const pod = obj as Pod;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 30);
    }
    return estimate;
  }
}
