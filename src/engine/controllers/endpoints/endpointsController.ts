import type { EndpointSubset, Service } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { deepEqual } from '../../api/equal';
import type { KObject } from '../../api/object';
import { membershipOf, type ServiceMembership } from '../../network/membership';
import { hasClusterIP } from '../../network/servicePorts';
import { rfc3339 } from '../../time';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';
import { LABEL_HEADLESS, OVER_CAPACITY_ANNOTATION, TRIGGER_TIME_ANNOTATION } from '../endpointslice/endpointUtil';
import { TriggerTimeTracker } from '../endpointslice/triggerTime';
import { MAX_CAPACITY, serviceSubsets, truncateSubsets } from './subsets';

/**
 * The legacy Endpoints controller (pkg/controller/endpoint, "endpoint-controller"): one
 * Endpoints object per Service with a selector, named like the Service, with the Service's
 * labels, ready pods in `addresses` and the others in `notReadyAddresses`, truncated at 1000
 * addresses with the over-capacity annotation. The API has been deprecated since 1.33 but the
 * controller still runs by default.
 */
export class EndpointsController extends Controller {
  private readonly membership: ServiceMembership;
  private readonly triggers = new TriggerTimeTracker();
  private readonly lastSync = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super('endpoint-controller', ctx);
    this.membership = membershipOf(ctx.api);
    this.membership.subscribe((key) => this.enqueue(key));
    ctx.api.watch('Endpoints', (ev) => {
      if (ev.type === 'DELETED') this.enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
    });
  }

  protected reconcile(key: string): ReconcileResult | void {
    const [ns, name] = key.split('/');
    const svc = this.api.get('Service', ns, name) as Service | undefined;
    if (!svc) {
      this.triggers.forget(key);
      this.lastSync.delete(key);
      // The Service is gone: so are its Endpoints (no ownerReferences, the controller deletes them).
      const ep = this.api.get('Endpoints', ns, name);
      if (ep && !ep.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror']) this.remove(ns, name);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
    // One Endpoints object lists every pod: for big Services, syncs are spaced out (0.2 ms per
    // selected pod, at most 2 s) so that a rollout does not rewrite it at every pod change.
    const spacing = Math.min(2000, this.membership.countOf(ns, name) / 5);
    const last = this.lastSync.get(key);
    const now = this.clock.now();
    if (last !== undefined && now - last < spacing) return { requeueAfter: Math.ceil(spacing - (now - last)) };
    this.lastSync.set(key, now);
    const pods = this.membership.podsOf(ns, name);
    const trigger = this.triggers.compute(key, svc, pods);
    let subsets: EndpointSubset[] = serviceSubsets(svc, pods);
    const current = this.api.get('Endpoints', ns, name);
    const labels: Record<string, string> = { ...(svc.metadata!.labels ?? {}) };
    const currentLabels = { ...(current?.metadata.labels ?? {}) };
    delete currentLabels[LABEL_HEADLESS];
    const total = subsets.reduce((n, s) => n + (s.addresses ?? []).length + (s.notReadyAddresses ?? []).length, 0);
    const capacityOk = total <= MAX_CAPACITY && !current?.metadata.annotations?.[OVER_CAPACITY_ANNOTATION];
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(currentLabels, labels) && capacityOk) return;

    const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
    if (trigger !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = rfc3339(trigger);
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (truncateSubsets(subsets)) {
      annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
      subsets = subsets.filter((s) => (s.addresses ?? []).length || (s.notReadyAddresses ?? []).length);
    } else delete annotations[OVER_CAPACITY_ANNOTATION];
    if (!hasClusterIP(svc)) labels[LABEL_HEADLESS] = '';
    const obj: KObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? {}), name, namespace: ns, labels, annotations },
    };
    if (Object.keys(labels).length === 0) delete obj.metadata.labels;
    if (Object.keys(annotations).length === 0) delete obj.metadata.annotations;
    if (subsets.length) obj.subsets = subsets;
    try {
      if (current) this.api.update(obj);
      else this.api.create({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const reason = current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint';
      const msg = current ? `Failed to update endpoint ${ns}/${name}: ${e.message}` : `Failed to create endpoint for service ${ns}/${name}: ${e.message}`;
      // A namespace being deleted refuses new objects; nothing to report then.
      if (!/being terminated/.test(e.message)) this.event(obj, 'Warning', reason, msg);
      throw e;
    }
  }

  private remove(ns: string, name: string): void {
    try {
      this.api.delete('Endpoints', ns, name);
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
    }
  }
}
