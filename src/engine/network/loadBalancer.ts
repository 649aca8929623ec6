import type { Service } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { KObject } from '../api/object';
import { Controller, type ControllerContext } from '../controllers/controller';
import { intToIp, ipToInt } from './ip';

/** The simulated load-balancer pool: kind's docker network, where cloud-provider-kind and MetalLB guides put it. */
export const LB_POOL_FIRST = '172.18.255.200';
export const LB_POOL_LAST = '172.18.255.250';
/** The finalizer the service controller keeps on LoadBalancer Services until it released their load balancer. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** Provisioning a load balancer (an address from the pool, announced on the network). */
const PROVISION_MS = 1500;

const wantsLB = (s: KObject | undefined) => !!s && s.spec?.type === 'LoadBalancer' && !s.spec?.loadBalancerClass && !s.metadata.deletionTimestamp;

/**
 * The cloud-controller-manager's service controller with a MetalLB-like provider
 * (staging/src/k8s.io/cloud-provider/controllers/service): a LoadBalancer Service gets the
 * cleanup finalizer, "EnsuringLoadBalancer", an address from the pool (spec.loadBalancerIP when
 * it is free and in the pool) in status.loadBalancer.ingress, and "EnsuredLoadBalancer". When
 * the Service stops being a LoadBalancer or is deleted, the address is released
 * ("DeletingLoadBalancer"/"DeletedLoadBalancer") and the finalizer removed.
 */
export class LoadBalancerController extends Controller {
  private readonly assigned = new Map<string, string>();
  private readonly provisioning = new Set<string>();

  constructor(ctx: ControllerContext) {
    super('service-controller', ctx);
    this.watchOwn('Service');
  }

  protected reconcile(key: string): void {
    const [ns, name] = key.split('/');
    const svc = this.api.get('Service', ns, name);
    if (!svc) {
      this.assigned.delete(key);
      return;
    }
    const hasFinalizer = (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);
    if (!wantsLB(svc)) {
      if (!hasFinalizer && !this.assigned.has(key)) return;
      this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      this.assigned.delete(key);
      if ((svc.status?.loadBalancer?.ingress ?? []).length) this.api.patchStatus('Service', ns, name, (d: KObject) => void (d.status = { loadBalancer: {} }));
      if (hasFinalizer) {
        this.api.patchMetadata('Service', ns, name, (m) => {
          const rest = (m.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
          if (rest.length) m.finalizers = rest;
          else delete m.finalizers;
        });
      }
      this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
      return;
    }
    if (!hasFinalizer) this.api.patchMetadata('Service', ns, name, (m) => void (m.finalizers = [...(m.finalizers ?? []), LB_CLEANUP_FINALIZER]));
    const ip = this.assigned.get(key);
    const current = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    if (ip && current === ip) return;
    if (this.provisioning.has(key)) return;
    const picked = ip ?? this.pick(svc as Service);
    if (!picked) {
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: no available IPs in pool ${LB_POOL_FIRST}-${LB_POOL_LAST}`);
      return;
    }
    this.assigned.set(key, picked);
    this.provisioning.add(key);
    this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    this.clock.after(PROVISION_MS, 'service-controller:ensure', () => {
      this.provisioning.delete(key);
      const now = this.api.get('Service', ns, name);
      if (!wantsLB(now) || this.assigned.get(key) !== picked) return;
      try {
        this.api.patchStatus('Service', ns, name, (d: KObject) => void (d.status = { ...(d.status ?? {}), loadBalancer: { ingress: [{ ip: picked, ipMode: 'VIP' }] } }));
        this.event(now!, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
      } catch (e) {
        if (!(e instanceof ApiError)) this.ctx.reportError(this.name, e);
      }
    });
  }

  private pick(svc: Service): string | undefined {
    const used = new Set(this.assigned.values());
    const wanted = svc.spec?.loadBalancerIP;
    const lo = ipToInt(LB_POOL_FIRST);
    const hi = ipToInt(LB_POOL_LAST);
    if (wanted && ipToInt(wanted) >= lo && ipToInt(wanted) <= hi && !used.has(wanted)) return wanted;
    for (let n = lo; n <= hi; n++) if (!used.has(intToIp(n))) return intToIp(n);
    return undefined;
  }
}
