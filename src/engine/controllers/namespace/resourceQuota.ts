import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { objectKey, splitKey, type KObject } from '../../api/object';
import { Controller, type ControllerContext } from '../controller';
import { calculateUsage, kindForResource } from './quotaUsage';

/**
 * The resource quota controller (pkg/controller/resourcequota): keeps each ResourceQuota's
 * status.hard equal to spec.hard and status.used equal to what its namespace holds. Upstream
 * recalculates on quota changes, on replenishment (deletions, pods turning terminal) and every
 * 5 minutes, while admission charges creations at once; here every change to a counted kind in
 * a namespace with quotas re-syncs them, which shows the same numbers at the same moments.
 */
export class ResourceQuotaController extends Controller {
  constructor(ctx: ControllerContext) {
    super('resourcequota-controller', ctx);
    this.api.watchAll((ev) => this.onEvent(ev));
  }

  private onEvent(ev: WatchEvent): void {
    const obj = ev.object;
    const ns = obj.metadata.namespace;
    if (!ns) return;
    if (obj.kind === 'ResourceQuota') {
      if (ev.type !== 'DELETED' && (ev.type === 'ADDED' || !deepEqual(obj.spec, ev.old?.spec))) this.enqueue(objectKey(obj));
      if (ev.type === 'MODIFIED') return;
    }
    if (this.api.store.count('ResourceQuota', ns) === 0) return;
    for (const q of this.api.list('ResourceQuota', ns)) {
      if (tracksKind(q as ResourceQuota, obj.kind)) this.enqueue(objectKey(q));
    }
  }

  protected reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const quota = this.api.get('ResourceQuota', namespace, name) as ResourceQuota | undefined;
    if (!quota) return;
    // Maps serialize with sorted keys, as Go's encoding/json writes them.
    const hard = Object.fromEntries(Object.entries(quota.spec?.hard ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const used = calculateUsage(this.api, quota, this.clock.now());
    if (deepEqual(quota.status?.hard ?? {}, hard) && deepEqual(quota.status?.used ?? {}, used)) return;
    this.api.patchStatus('ResourceQuota', namespace, name, (d: KObject) => {
      d.status = { hard, used };
    });
  }
}

function tracksKind(quota: ResourceQuota, kind: string): boolean {
  return Object.keys(quota.spec?.hard ?? {}).some((r) => kindForResource(r) === kind);
}
