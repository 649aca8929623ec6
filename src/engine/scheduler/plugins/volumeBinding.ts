import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { matchNodeSelector, matchNodeSelectorRequirement } from '../../api/nodeAffinity';
import { parseQuantity } from '../../api/quantity';
import { labelSelectorMatches } from '../../api/selectors';
import { PLUGIN, status, type Status } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import type { CycleContext, FilterPlugin, PreFilterResult } from './types';

export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_VOLUME_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** A claim whose binding waits for this pod's node (WaitForFirstConsumer), with its class. */
interface DelayedClaim {
  pvc: PersistentVolumeClaim;
  sc: StorageClass | undefined;
}

/** What the binder will do on the chosen node: pre-bind static volumes, or ask for provisioning. */
export interface VolumePlan {
  staticBindings: { pvc: PersistentVolumeClaim; pv: PersistentVolume }[];
  provision: PersistentVolumeClaim[];
}

/** The claims a pod uses: persistentVolumeClaim volumes, and generic ephemeral volumes (<pod>-<volume>). */
export function podClaimNames(ctx: Pick<CycleContext, 'pod'>): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of ctx.pod.pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${ctx.pod.name}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** Bound: the claim names its volume and the PV controller finished the binding. */
export function isClaimBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && (pvc.status?.phase === 'Bound' || pvc.metadata?.annotations?.['pv.kubernetes.io/bind-completed'] !== undefined);
}

/**
 * VolumeBinding: claims must exist; unbound claims of an Immediate class must be bound before
 * scheduling; bound volumes' node affinity must admit the node; claims of a WaitForFirstConsumer
 * class need a matching available volume there or a class that can provision one.
 */
export class VolumeBinding implements FilterPlugin {
  readonly name = PLUGIN.VolumeBinding;
  private readonly nodeConflict = status(this.name, 'UnschedulableAndUnresolvable', ERR_VOLUME_NODE_CONFLICT);
  private readonly bindConflict = status(this.name, 'UnschedulableAndUnresolvable', ERR_VOLUME_BIND_CONFLICT);
  private boundPVs: PersistentVolume[] = [];
  private delayed: DelayedClaim[] = [];

  preFilter(ctx: CycleContext): PreFilterResult {
    const claims = podClaimNames(ctx);
    if (claims.length === 0) return 'skip';
    this.boundPVs = [];
    this.delayed = [];
    let unboundImmediate = false;
    for (const c of claims) {
      const pvc = ctx.api.get('PersistentVolumeClaim', ctx.pod.namespace, c.name) as (PersistentVolumeClaim & { metadata: { deletionTimestamp?: string } }) | undefined;
      if (!pvc) {
        const msg = c.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"` : `persistentvolumeclaim "${c.name}" not found`;
        return status(this.name, 'UnschedulableAndUnresolvable', msg);
      }
      if (pvc.metadata?.deletionTimestamp) return status(this.name, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${c.name}" is being deleted`);
      if (isClaimBound(pvc)) {
        const pv = (ctx.api.get('PersistentVolume', undefined, pvc.spec!.volumeName!) as PersistentVolume | undefined);
        if (pv) this.boundPVs.push(pv);
        continue;
      }
      const className = pvc.spec?.storageClassName;
      const sc = className ? (ctx.api.get('StorageClass', undefined, className) as StorageClass | undefined) : undefined;
      if (sc?.volumeBindingMode === 'WaitForFirstConsumer') this.delayed.push({ pvc, sc });
      else unboundImmediate = true;
    }
    // Claims of an Immediate class are bound by the PV controller alone; the pod waits for them.
    if (unboundImmediate) return status(this.name, 'UnschedulableAndUnresolvable', ERR_UNBOUND_IMMEDIATE);
    return undefined;
  }

  filter(ctx: CycleContext, ni: NodeInfo): Status | null {
    for (const pv of this.boundPVs) {
      const req = pv.spec?.nodeAffinity?.required;
      if (req && !matchNodeSelector(req, ni.node)) return this.nodeConflict;
    }
    if (this.delayed.length && !this.planOn(ctx, ni)) return this.bindConflict;
    return null;
  }

  /** The binding plan for the chosen node (undefined when the node cannot host the claims). */
  planOn(ctx: CycleContext, ni: NodeInfo): VolumePlan | undefined {
    const plan: VolumePlan = { staticBindings: [], provision: [] };
    if (this.delayed.length === 0) return plan;
    const taken = new Set<string>();
    const pvs = ctx.api.list('PersistentVolume') as unknown as PersistentVolume[];
    for (const { pvc, sc } of this.delayed) {
      const pv = findMatchingVolume(pvc, pvs, ni, taken);
      if (pv) {
        taken.add(pv.metadata!.name!);
        plan.staticBindings.push({ pvc, pv });
        continue;
      }
      if (!sc || !sc.provisioner || sc.provisioner === NO_PROVISIONER || !allowedTopologiesMatch(sc, ni)) return undefined;
      plan.provision.push(pvc);
    }
    return plan;
  }
}

function allowedTopologiesMatch(sc: StorageClass, ni: NodeInfo): boolean {
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => matchNodeSelectorRequirement({ key: e.key, operator: 'In', values: e.values }, ni.labels)));
}

/**
 * The smallest available volume of the claim's class that satisfies its size, access modes,
 * volume mode and selector, and whose node affinity admits the node (FindMatchingVolume).
 */
function findMatchingVolume(pvc: PersistentVolumeClaim, pvs: readonly PersistentVolume[], ni: NodeInfo, taken: ReadonlySet<string>): PersistentVolume | undefined {
  const want = parseQuantity(pvc.spec?.resources?.requests?.storage ?? '0');
  const modes = pvc.spec?.accessModes ?? [];
  const cls = pvc.spec?.storageClassName ?? '';
  let best: PersistentVolume | undefined;
  let bestSize = Infinity;
  for (const pv of pvs) {
    const name = pv.metadata!.name!;
    if (taken.has(name) || pv.metadata?.deletionTimestamp) continue;
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.namespace === pvc.metadata?.namespace && ref.name === pvc.metadata?.name)) continue;
    if (!ref && pv.status?.phase && pv.status.phase !== 'Available') continue;
    if ((pv.spec?.storageClassName ?? '') !== cls) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) continue;
    if (!modes.every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
    if (pvc.spec?.selector && !labelSelectorMatches(pvc.spec.selector, pv.metadata?.labels)) continue;
    const size = parseQuantity(pv.spec?.capacity?.storage ?? '0');
    if (size < want) continue;
    const req = pv.spec?.nodeAffinity?.required;
    if (req && !matchNodeSelector(req, ni.node)) continue;
    if (size < bestSize) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}
