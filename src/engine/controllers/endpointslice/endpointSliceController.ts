import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { fromMap, matches } from '../../api/selectors';
import { membershipOf, type ServiceMembership } from '../../network/membership';
import { rfc3339 } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, TRIGGER_TIME_ANNOTATION } from './endpointUtil';
import { reconcileChangedPods } from './incremental';
import { reconcileSlices, type SliceChanges } from './reconciler';
import { TriggerTimeTracker } from './triggerTime';

/** What changed for a Service since its last sync: itself (full) or some of its pods. */
interface Pending {
  full: boolean;
  pods: Set<string>;
}

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a
 * selector, EndpointSlices listing the pods it selects, at most 100 endpoints each, with
 * ready/serving/terminating conditions. Pod changes reach it through the shared membership
 * index, which only reports the Services a change concerns, and a sync after pod changes only
 * looks at those pods (incremental.ts); a Service change, a first sync or a slice someone else
 * changed runs the full reconcile.
 */
export class EndpointSliceController extends Controller {
  private readonly membership: ServiceMembership;
  private readonly triggers = new TriggerTimeTracker();
  /** Managed slices by Service key, from the EndpointSlice watch. */
  private readonly slices = new Map<string, Map<string, EndpointSlice>>();
  /** Which managed slice holds each pod's endpoint, by Service key. */
  private readonly podSlices = new Map<string, Map<string, string>>();
  private readonly pending = new Map<string, Pending>();
  private readonly lastSync = new Map<string, number>();
  /** Set during our own writes: their watch events need no sync (the EndpointSliceTracker's job upstream). */
  private writing = false;

  constructor(ctx: ControllerContext) {
    super('endpointslice-controller', ctx);
    this.membership = membershipOf(ctx.api);
    this.membership.subscribe((key, pod) => this.mark(key, pod));
    for (const s of ctx.api.list('EndpointSlice')) this.track(s, undefined);
    ctx.api.watch('EndpointSlice', (ev) => {
      this.track(ev.type === 'DELETED' ? undefined : ev.object, ev.old ?? (ev.type === 'DELETED' ? ev.object : undefined));
      if (this.writing) return;
      for (const o of [ev.object, ev.old]) {
        const svc = o && managedService(o);
        if (svc) this.mark(svc);
      }
    });
  }

  private mark(key: string, pod?: string): void {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { full: false, pods: new Set() }));
    if (pod === undefined) p.full = true;
    else p.pods.add(pod);
    this.enqueue(key);
  }

  private track(now: KObject | undefined, before: KObject | undefined): void {
    if (before) {
      const key = managedService(before);
      if (key) {
        this.slices.get(key)?.delete(before.metadata.name!);
        const idx = this.podSlices.get(key);
        if (idx) for (const ep of before.endpoints ?? []) if (idx.get(ep.targetRef?.name) === before.metadata.name) idx.delete(ep.targetRef.name);
      }
    }
    if (now) {
      const key = managedService(now);
      if (!key) return;
      let m = this.slices.get(key);
      if (!m) this.slices.set(key, (m = new Map()));
      m.set(now.metadata.name!, now as EndpointSlice);
      let idx = this.podSlices.get(key);
      if (!idx) this.podSlices.set(key, (idx = new Map()));
      for (const ep of now.endpoints ?? []) if (ep.targetRef?.name) idx.set(ep.targetRef.name, now.metadata.name!);
    }
  }

  protected reconcile(key: string): ReconcileResult | void {
    const [ns, name] = key.split('/');
    const svc = this.api.get('Service', ns, name) as Service | undefined;
    if (!svc) {
      // The garbage collector removes the slices of a deleted Service (ownerReferences).
      this.triggers.forget(key);
      this.pending.delete(key);
      this.lastSync.delete(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) {
      this.pending.delete(key);
      return;
    }
    // A big Service's pods change all the time during a rollout: its syncs are spaced out
    // (10 ms per 100 pods, at most 1 s), so that each write of a slice carries many changes.
    const spacing = Math.min(1000, this.membership.countOf(ns, name) / 10);
    const now = this.clock.now();
    const last = this.lastSync.get(key);
    if (last !== undefined && now - last < spacing) return { requeueAfter: Math.ceil(spacing - (now - last)) };
    this.lastSync.set(key, now);
    const pending = this.pending.get(key) ?? { full: true, pods: new Set<string>() };
    this.pending.delete(key);
    const existing = [...(this.slices.get(key)?.values() ?? [])].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const node = (n: string) => this.api.get('Node', undefined, n) as Node | undefined;
    let changes: SliceChanges | undefined;
    let trigger: number | undefined;
    if (!pending.full) {
      const sel = fromMap(svc.spec.selector);
      const changed = new Map<string, Pod | undefined>();
      for (const podName of pending.pods) {
        const pod = this.api.get('Pod', ns, podName) as Pod | undefined;
        changed.set(podName, pod && matches(sel, pod.metadata!.labels) ? pod : undefined);
      }
      const idx = this.podSlices.get(key);
      changes = reconcileChangedPods({ service: svc, changed, existing, node, sliceOf: (p) => idx?.get(p) });
      if (changes) trigger = this.triggers.computeChanged(key, svc, changed);
    }
    if (!changes) {
      const pods = this.membership.podsOf(ns, name);
      changes = reconcileSlices({ service: svc, pods, existing, node });
      trigger = this.triggers.compute(key, svc, pods);
    }
    if (!changes.create.length && !changes.update.length && !changes.delete.length) return;
    this.writeChanges(svc, changes, trigger);
  }

  private writeChanges(svc: Service, changes: SliceChanges, trigger: number | undefined): void {
    const ns = svc.metadata!.namespace!;
    const stamp = (s: EndpointSlice): KObject => {
      const annotations = { ...(s.metadata!.annotations ?? {}) };
      if (trigger !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = rfc3339(trigger);
      else delete annotations[TRIGGER_TIME_ANNOTATION];
      const out: KObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { ...s.metadata, annotations },
        addressType: s.addressType,
        endpoints: s.endpoints?.length ? s.endpoints : null,
        ports: s.ports?.length ? s.ports : null,
      };
      if (Object.keys(annotations).length === 0) delete out.metadata.annotations;
      return out;
    };
    this.writing = true;
    try {
      // Don't create slices for a Service being deleted (the garbage collector would race them).
      if (!svc.metadata!.deletionTimestamp) for (const s of changes.create) this.api.create(stamp(s));
      for (const s of changes.update) this.api.update(stamp(s));
      for (const s of changes.delete) {
        try {
          this.api.delete('EndpointSlice', ns, s.metadata!.name!);
        } catch (e) {
          if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

/** "namespace/service" of a slice this controller manages, or undefined. */
function managedService(o: KObject): string | undefined {
  const labels = o.metadata.labels ?? {};
  const svc = labels[LABEL_SERVICE_NAME];
  if (!svc || labels[LABEL_MANAGED_BY] !== CONTROLLER_NAME) return undefined;
  return `${o.metadata.namespace}/${svc}`;
}
