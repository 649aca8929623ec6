import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { deepEqual } from '../../api/equal';
import { ApiError } from '../../api/errors';
import type { KObject } from '../../api/object';
import { claimOwnerRefsForPolicy, hasUnexpectedController, isClaimOwnerUpToDate } from './claimRetention';
import { statefulSetSettings } from './defaults';
import { identityLabels, identityMatches, podClaims, storageMatches, withStorage } from './identity';

type EventFn = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

const capitalize = (verb: string) => verb[0].toUpperCase() + verb.slice(1);

/**
 * StatefulPodControl (stateful_pod_control.go): creates a pod after its claims, deletes pods,
 * fixes a pod's identity, storage and claim ownership, and records upstream's events, e.g.
 * "create Claim www-web-0 Pod web-0 in StatefulSet web success" and
 * "create Pod web-0 in StatefulSet web successful".
 */
export class StatefulPodControl {
  constructor(
    private readonly api: ApiServer,
    private readonly event: EventFn,
  ) {}

  createStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.createPersistentVolumeClaims(set, pod);
    } catch (err) {
      this.recordPodEvent('create', set, pod, err);
      throw err;
    }
    try {
      this.api.create(pod as KObject);
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'AlreadyExists') throw err;
      this.recordPodEvent('create', set, pod, err);
      throw err;
    }
    try {
      this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
    this.recordPodEvent('create', set, pod);
  }

  /** UpdateStatefulPod: restores identity labels and claim volumes, and the claims' ownership. */
  updateStatefulPod(set: StatefulSet, pod: Pod): void {
    let consistent = true;
    let labels = pod.metadata?.labels ?? {};
    let volumes = pod.spec?.volumes;
    if (!identityMatches(set, pod)) {
      labels = { ...labels, ...identityLabels(pod) };
      consistent = false;
    }
    try {
      if (!storageMatches(set, pod)) {
        volumes = withStorage(set, pod);
        consistent = false;
        this.createPersistentVolumeClaims(set, pod);
      }
      if (!this.claimsMatchRetentionPolicy(set, pod)) {
        this.updatePodClaimForRetentionPolicy(set, pod);
        consistent = false;
      }
      if (consistent) return;
      this.api.patch('Pod', pod.metadata!.namespace, pod.metadata!.name!, (d: any) => {
        d.metadata.labels = labels;
        if (volumes && !deepEqual(volumes, d.spec.volumes)) d.spec.volumes = volumes;
      });
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
    this.recordPodEvent('update', set, pod);
  }

  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.api.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!);
    } catch (err) {
      this.recordPodEvent('delete', set, pod, err);
      throw err;
    }
    this.recordPodEvent('delete', set, pod);
  }

  /** createPersistentVolumeClaims: every missing claim is created; a claim being deleted blocks the pod. */
  createPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    const errs: string[] = [];
    for (const { claim } of podClaims(set, pod)) {
      const existing = this.api.get('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!);
      if (!existing) {
        try {
          this.api.create(claim as KObject);
          this.recordClaimEvent('create', set, pod, claim);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          errs.push(`failed to create PVC ${claim.metadata!.name}: ${err.message}`);
          if (err.reason !== 'AlreadyExists') this.recordClaimEvent('create', set, pod, claim, err);
        }
      } else if (existing.metadata.deletionTimestamp) {
        errs.push(`pvc ${claim.metadata!.name} is being deleted`);
      }
    }
    if (errs.length) throw new ApiError('InternalError', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  }

  /** The claims of a pending pod are created if missing (createMissingPersistentVolumeClaims). */
  createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    this.createPersistentVolumeClaims(set, pod);
  }

  /** ClaimsMatchRetentionPolicy: every existing claim of the pod already carries the policy's owners. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    for (const { claim } of podClaims(set, pod)) {
      const existing = this.api.get<KObject>('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!) as PersistentVolumeClaim | undefined;
      if (existing && !isClaimOwnerUpToDate(existing, set, pod)) return false;
    }
    return true;
  }

  /** UpdatePodClaimForRetentionPolicy: rewrites the ownerReferences of the pod's claims. */
  updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): void {
    for (const { claim } of podClaims(set, pod)) {
      const ns = claim.metadata!.namespace;
      const name = claim.metadata!.name!;
      const existing = this.api.get<KObject>('PersistentVolumeClaim', ns, name) as PersistentVolumeClaim | undefined;
      if (!existing) continue;
      if (hasUnexpectedController(existing, set, pod)) {
        this.event('Warning', 'ConflictingController', `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`);
      }
      if (isClaimOwnerUpToDate(existing, set, pod)) continue;
      const refs = claimOwnerRefsForPolicy(existing, set, pod);
      this.api.patchMetadata('PersistentVolumeClaim', ns, name, (m) => {
        if (refs.length) m.ownerReferences = refs;
        else delete m.ownerReferences;
      });
    }
  }

  /**
   * PodClaimIsStale: with WhenScaled Delete, a claim still owned by an earlier pod of the same
   * name is about to be garbage-collected, so the new pod must wait for it to go.
   */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (statefulSetSettings(set).whenScaled === 'Retain') return false;
    for (const { claim } of podClaims(set, pod)) {
      const existing = this.api.get('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!);
      if (!existing) continue;
      for (const r of existing.metadata.ownerReferences ?? []) {
        if (r.apiVersion === 'v1' && r.kind === 'Pod' && r.name === pod.metadata!.name) {
          if (r.uid !== pod.metadata!.uid) return true;
          break;
        }
      }
    }
    return false;
  }

  private recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err?: unknown): void {
    if (err === undefined) {
      this.event('Normal', `Successful${capitalize(verb)}`, `${verb} Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`);
    } else {
      this.event('Warning', `Failed${capitalize(verb)}`, `${verb} Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${errText(err)}`);
    }
  }

  private recordClaimEvent(verb: string, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err?: unknown): void {
    if (err === undefined) {
      this.event('Normal', `Successful${capitalize(verb)}`, `${verb} Claim ${claim.metadata!.name} Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} success`);
    } else {
      this.event('Warning', `Failed${capitalize(verb)}`, `${verb} Claim ${claim.metadata!.name} for Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${errText(err)}`);
    }
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
