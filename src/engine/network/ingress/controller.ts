import type { Ingress } from 'kubernetes-types/networking/v1';
import type { ControllerContext } from '../../controllers/controller';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { INGRESS_CLASS_ANNOTATION } from '../../api/strategies/ingress';

/** spec.controller of the IngressClasses ingress-nginx serves. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
/** The name of its IngressClass and of the legacy class annotation value it answers to. */
export const INGRESS_NGINX_CLASS = 'nginx';
/** kind's ingress-nginx manifest publishes this address (--publish-status-address=localhost). */
export const INGRESS_STATUS_ADDRESS = 'localhost';
/** The controller's event source. */
const COMPONENT = 'nginx-ingress-controller';
/** From noticing an Ingress to publishing its address (the controller's status sync). */
const STATUS_SYNC_MS = 1000;

/**
 * The simulated ingress-nginx controller, as kind's "deploy/static/provider/kind" manifest runs
 * it: it serves the Ingresses of IngressClasses whose controller is k8s.io/ingress-nginx, the
 * legacy annotation `kubernetes.io/ingress.class: nginx`, and Ingresses without a class
 * (--watch-ingress-without-class). It reports "Scheduled for sync" and publishes the address
 * `localhost` in status.loadBalancer. It runs as a component of the control-plane node, not as
 * pods, so a fresh cluster's pod counts stay those of the workloads the user applies.
 */
export class IngressNginx {
  private readonly served = new Map<string, Ingress>();
  private readonly pending = new Set<string>();
  /** Bumped on every change of the served set (route caches check it). */
  version = 0;

  constructor(private readonly ctx: ControllerContext) {
    const api = ctx.api;
    for (const i of api.list('Ingress')) this.consider(i, undefined);
    api.watch('Ingress', (ev) => this.consider(ev.type === 'DELETED' ? undefined : ev.object, ev.old ?? ev.object));
    api.watch('IngressClass', () => {
      for (const i of api.list('Ingress')) this.consider(i, i);
    });
  }

  /** Whether ingress-nginx serves this Ingress. */
  serves(ing: KObject): boolean {
    const cls = ing.spec?.ingressClassName;
    if (cls) return this.ctx.api.get('IngressClass', undefined, cls)?.spec?.controller === INGRESS_NGINX_CONTROLLER;
    const ann = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
    if (ann !== undefined) return ann === INGRESS_NGINX_CLASS;
    return true;
  }

  /** The Ingresses it serves, oldest first (its configuration order). */
  ingresses(): Ingress[] {
    return [...this.served.values()];
  }

  private consider(now: KObject | undefined, before: KObject | undefined): void {
    const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
    if (!now) {
      if (before && this.served.delete(key(before))) this.version++;
      return;
    }
    const k = key(now);
    const serve = this.serves(now) && !now.metadata.deletionTimestamp;
    const was = this.served.has(k);
    if (!serve) {
      if (was) {
        this.served.delete(k);
        this.version++;
        this.clearStatus(now);
      }
      return;
    }
    const specChanged = !was || this.served.get(k)!.spec !== now.spec;
    this.served.set(k, now as Ingress);
    if (!specChanged) return;
    this.version++;
    this.sync(now);
  }

  private sync(ing: KObject): void {
    this.ctx.recorder.event(ing, 'Normal', 'Sync', 'Scheduled for sync', COMPONENT);
    const k = `${ing.metadata.namespace}/${ing.metadata.name}`;
    if (this.pending.has(k)) return;
    this.pending.add(k);
    this.ctx.clock.after(STATUS_SYNC_MS, 'ingress-nginx:status', () => {
      this.pending.delete(k);
      this.publish(ing.metadata.namespace!, ing.metadata.name!);
    });
  }

  private publish(ns: string, name: string): void {
    const api = this.ctx.api;
    const ing = api.get('Ingress', ns, name);
    if (!ing || !this.served.has(`${ns}/${name}`)) return;
    const want = [{ hostname: INGRESS_STATUS_ADDRESS }];
    if (JSON.stringify(ing.status?.loadBalancer?.ingress ?? []) === JSON.stringify(want)) return;
    try {
      const updated = api.patchStatus('Ingress', ns, name, (d: KObject) => {
        d.status = { loadBalancer: { ingress: want } };
      });
      // The status change is itself an Ingress update the controller syncs again.
      this.ctx.recorder.event(updated, 'Normal', 'Sync', 'Scheduled for sync', COMPONENT);
    } catch (e) {
      if (!(e instanceof ApiError)) this.ctx.reportError('ingress-nginx', e);
    }
  }

  private clearStatus(ing: KObject): void {
    if (!(ing.status?.loadBalancer?.ingress ?? []).length) return;
    try {
      this.ctx.api.patchStatus('Ingress', ing.metadata.namespace, ing.metadata.name!, (d: KObject) => {
        d.status = { loadBalancer: {} };
      });
    } catch (e) {
      if (!(e instanceof ApiError)) this.ctx.reportError('ingress-nginx', e);
    }
  }
}
