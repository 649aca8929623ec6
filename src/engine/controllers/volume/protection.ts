import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer, WatchEvent } from '../../api/apiServer';
import { splitKey, type KObject } from '../../api/object';
import { Controller, type ControllerContext } from '../controller';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './constants';
import { ephemeralClaimName, podClaimNames, podsUsingClaim, registerPodClaimIndex } from './podClaims';

function hasFinalizer(obj: { metadata?: { finalizers?: string[] } }, f: string): boolean {
  return (obj.metadata?.finalizers ?? []).includes(f);
}

/** protectionutil.NeedToAddFinalizer / IsDeletionCandidate. */
const needsFinalizer = (obj: KObject, f: string) => !obj.metadata.deletionTimestamp && !hasFinalizer(obj, f);
const deletionCandidate = (obj: KObject, f: string) => !!obj.metadata.deletionTimestamp && hasFinalizer(obj, f);

function setFinalizer(api: ApiServer, kind: string, obj: KObject, f: string, present: boolean): void {
  api.patchMetadata(kind, obj.metadata.namespace, obj.metadata.name!, (m) => {
    const rest = (m.finalizers ?? []).filter((x) => x !== f);
    if (present) rest.push(f);
    if (rest.length) m.finalizers = rest;
    else delete m.finalizers;
  });
}

/**
 * podIsShutDown: the kubelet is done with a deleted pod (grace period 0) or it was force-deleted;
 * only then does a generic ephemeral volume's claim stop counting as used.
 */
function podIsShutDown(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0;
}

/**
 * podUsesPVC: only a scheduled pod uses a claim (the kubelet refuses to start a pod whose claim
 * is being deleted). A claim named in a persistentVolumeClaim volume counts until the pod object
 * is gone, whatever its phase; an ephemeral volume's claim until the pod is shut down.
 */
function podUsesClaim(pod: Pod, claim: PersistentVolumeClaim): boolean {
  if (!pod.spec?.nodeName) return false;
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName === claim.metadata!.name) return true;
    if (v.ephemeral && !podIsShutDown(pod) && ephemeralClaimName(pod, v) === claim.metadata!.name) {
      const owner = claim.metadata?.ownerReferences?.find((r) => r.controller);
      if (owner?.uid === pod.metadata!.uid) return true;
    }
  }
  return false;
}

/**
 * pvc-protection-controller (pkg/controller/volume/pvcprotection): every claim carries the
 * kubernetes.io/pvc-protection finalizer; a deleted claim keeps it, and stays Terminating, while
 * a scheduled pod uses the claim.
 */
export class PvcProtectionController extends Controller {
  constructor(ctx: ControllerContext) {
    super('persistentvolumeclaim-protection-controller', ctx);
    registerPodClaimIndex(this.api);
    this.api.watch('PersistentVolumeClaim', (ev) => {
      if (ev.type === 'DELETED') return;
      if (needsFinalizer(ev.object, PVC_PROTECTION_FINALIZER) || deletionCandidate(ev.object, PVC_PROTECTION_FINALIZER)) this.enqueue(keyOf(ev.object));
    });
    this.api.watch('Pod', (ev) => this.onPod(ev));
  }

  /** A pod that goes away, or changes node, may release the claims it used. */
  private onPod(ev: WatchEvent): void {
    const pods = [ev.object, ev.old].filter((p): p is KObject => !!p);
    for (const pod of pods) {
      for (const name of podClaimNames(pod)) {
        const claim = this.api.get('PersistentVolumeClaim', pod.metadata.namespace, name);
        if (claim && deletionCandidate(claim, PVC_PROTECTION_FINALIZER)) this.enqueue(keyOf(claim));
      }
    }
  }

  protected reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const claim = this.api.get('PersistentVolumeClaim', namespace, name);
    if (!claim) return;
    if (needsFinalizer(claim, PVC_PROTECTION_FINALIZER)) {
      setFinalizer(this.api, 'PersistentVolumeClaim', claim, PVC_PROTECTION_FINALIZER, true);
      return;
    }
    if (!deletionCandidate(claim, PVC_PROTECTION_FINALIZER)) return;
    const used = podsUsingClaim(this.api, namespace!, name).some((p) => podUsesClaim(p, claim as PersistentVolumeClaim));
    if (!used) setFinalizer(this.api, 'PersistentVolumeClaim', claim, PVC_PROTECTION_FINALIZER, false);
  }
}

/**
 * pv-protection-controller (pkg/controller/volume/pvprotection): every volume carries the
 * kubernetes.io/pv-protection finalizer; a deleted volume keeps it while it is Bound.
 */
export class PvProtectionController extends Controller {
  constructor(ctx: ControllerContext) {
    super('persistentvolume-protection-controller', ctx);
    this.api.watch('PersistentVolume', (ev) => {
      if (ev.type === 'DELETED') return;
      if (needsFinalizer(ev.object, PV_PROTECTION_FINALIZER) || deletionCandidate(ev.object, PV_PROTECTION_FINALIZER)) this.enqueue(ev.object.metadata.name!);
    });
  }

  protected reconcile(name: string): void {
    const volume = this.api.get('PersistentVolume', undefined, name);
    if (!volume) return;
    if (needsFinalizer(volume, PV_PROTECTION_FINALIZER)) {
      setFinalizer(this.api, 'PersistentVolume', volume, PV_PROTECTION_FINALIZER, true);
      return;
    }
    if (!deletionCandidate(volume, PV_PROTECTION_FINALIZER)) return;
    // isBeingUsed: the binder keeps the phase; a Bound volume is in use.
    if ((volume as PersistentVolume).status?.phase !== 'Bound') setFinalizer(this.api, 'PersistentVolume', volume, PV_PROTECTION_FINALIZER, false);
  }
}

function keyOf(obj: KObject): string {
  return `${obj.metadata.namespace}/${obj.metadata.name}`;
}
