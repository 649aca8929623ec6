import type { Node, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { membershipOf, type ServiceMembership } from '../../network/membership';
import { rfc3339 } from '../../time';
import { Controller, type ControllerContext } from '../controller';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, TRIGGER_TIME_ANNOTATION } from './endpointUtil';
import { reconcileSlices } from './reconciler';
import { TriggerTimeTracker } from './triggerTime';

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a
 * selector, EndpointSlices listing the pods it selects, at most 100 endpoints each, with
 * ready/serving/terminating conditions. Pod changes reach it through the shared membership
 * index, which only reports the Services a change concerns. Slices it did not write itself
 * (a user deleting or editing one) bring the Service back to the queue.
 */
export class EndpointSliceController extends Controller {
  private readonly membership: ServiceMembership;
  private readonly triggers = new TriggerTimeTracker();
  /** Managed slices by Service key, from the EndpointSlice watch. */
  private readonly slices = new Map<string, Map<string, EndpointSlice>>();
  /** Set during our own writes: their watch events need no sync (the EndpointSliceTracker's job upstream). */
  private writing = false;

  constructor(ctx: ControllerContext) {
    super('endpointslice-controller', ctx);
    this.membership = membershipOf(ctx.api);
    this.membership.subscribe((key) => this.enqueue(key));
    for (const s of ctx.api.list('EndpointSlice')) this.track(s, undefined);
    ctx.api.watch('EndpointSlice', (ev) => {
      this.track(ev.type === 'DELETED' ? undefined : ev.object, ev.old ?? (ev.type === 'DELETED' ? ev.object : undefined));
      if (this.writing) return;
      for (const o of [ev.object, ev.old]) {
        const svc = o && managedService(o);
        if (svc) this.enqueue(svc);
      }
    });
  }

  private track(now: KObject | undefined, before: KObject | undefined): void {
    if (before) {
      const key = managedService(before);
      if (key) this.slices.get(key)?.delete(before.metadata.name!);
    }
    if (now) {
      const key = managedService(now);
      if (!key) return;
      let m = this.slices.get(key);
      if (!m) this.slices.set(key, (m = new Map()));
      m.set(now.metadata.name!, now as EndpointSlice);
    }
  }

  protected reconcile(key: string): void {
    const [ns, name] = key.split('/');
    const svc = this.api.get('Service', ns, name) as Service | undefined;
    if (!svc) {
      // The garbage collector removes the slices of a deleted Service (ownerReferences).
      this.triggers.forget(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
    const pods = this.membership.podsOf(ns, name);
    const existing = [...(this.slices.get(key)?.values() ?? [])].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const changes = reconcileSlices({ service: svc, pods, existing, node: (n) => this.api.get('Node', undefined, n) as Node | undefined });
    if (!changes.create.length && !changes.update.length && !changes.delete.length) {
      this.triggers.compute(key, svc, pods);
      return;
    }
    const trigger = this.triggers.compute(key, svc, pods);
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
