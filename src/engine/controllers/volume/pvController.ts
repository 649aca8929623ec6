import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { WatchEvent } from '../../api/apiServer';
import { defaultStorageClass } from '../../api/admission/storageAdmission';
import { splitKey, type KObject } from '../../api/object';
import type { TimerHandle } from '../../clock/simClock';
import { Controller, type ControllerContext } from '../controller';
import {
  bindClaimToVolume,
  bindVolumeToClaim,
  setClaimProvisioner,
  unbindVolume,
  updateClaimStatus,
  updateVolumePhase,
} from './bindingWrites';
import {
  ANN_BIND_COMPLETED,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  CLAIM_RESYNC_MS,
  MIGRATED_PROVISIONERS,
  PV_CONTROLLER_SOURCE,
} from './constants';
import { canRecycle, deleteVolumeSource } from './inTreePlugins';
import { isPodTerminated, podsUsingClaim, registerPodClaimIndex } from './podClaims';
import { claimClass, claimHasClass, findBestMatchForClaim, volumeModeMismatch, volumeUnsatisfiedReason } from './volumeMatch';

const BINDER_LATENCY_MS = 5;

const claimKey = (c: { metadata?: { namespace?: string; name?: string } }) => `${c.metadata!.namespace}/${c.metadata!.name}`;

/**
 * The PersistentVolume binder (pkg/controller/volume/persistentvolume, pv_controller.go): binds
 * claims to volumes both ways (PV.spec.claimRef first, then PVC.spec.volumeName), keeps their
 * phases, hands claims of a provisioner's class to that provisioner, and applies a released
 * volume's reclaim policy. Claims and volumes are synced on every change; unbound claims are
 * also re-synced every 15 s (--pvclaimbinder-sync-period), which is how a claim finds a volume
 * that became Available after it was last looked at.
 */
export class PersistentVolumeController extends Controller {
  /** Claims that have not completed binding: the ones the periodic re-sync looks at again. */
  private readonly unbound = new Set<string>();
  /** Something a waiting claim could bind to appeared since the last re-sync. */
  private dirty = false;
  private resyncTimer: TimerHandle | undefined;
  private resyncForeground = false;

  constructor(ctx: ControllerContext) {
    // The binder reacts within milliseconds, before the scheduler's cycle for a pod created alongside.
    super('persistentvolume-binder-controller', ctx, BINDER_LATENCY_MS);
    registerPodClaimIndex(this.api);
    this.api.watch('PersistentVolumeClaim', (ev) => this.onClaim(ev));
    this.api.watch('PersistentVolume', (ev) => this.onVolume(ev));
    this.api.watch('StorageClass', (ev) => {
      if (ev.type !== 'DELETED') this.markDirty();
    });
  }

  // ---- watch handlers ----------------------------------------------------------------------

  private onClaim(ev: WatchEvent): void {
    const claim = ev.object as PersistentVolumeClaim;
    const key = claimKey(claim);
    if (ev.type === 'DELETED') {
      this.forgetUnbound(key);
      // Syncing the volume now releases it without waiting for the next re-sync.
      const volumeName = claim.spec?.volumeName;
      if (volumeName) this.enqueue(`volume/${volumeName}`);
      for (const pv of this.api.list('PersistentVolume') as unknown as PersistentVolume[]) {
        const ref = pv.spec?.claimRef;
        if (ref?.uid === claim.metadata!.uid && pv.metadata!.name !== volumeName) this.enqueue(`volume/${pv.metadata!.name}`);
      }
      return;
    }
    if (claim.metadata?.annotations?.[ANN_BIND_COMPLETED] === undefined) {
      this.unbound.add(key);
      this.armResync();
    } else {
      this.forgetUnbound(key);
    }
    this.enqueue(`claim/${key}`);
  }

  private onVolume(ev: WatchEvent): void {
    const volume = ev.object as PersistentVolume;
    if (ev.type === 'DELETED') {
      // A bound claim whose volume disappeared is Lost.
      const ref = volume.spec?.claimRef;
      if (ref?.namespace && ref.name) this.enqueue(`claim/${ref.namespace}/${ref.name}`);
      return;
    }
    if (!volume.spec?.claimRef?.uid) this.markDirty();
    this.enqueue(`volume/${volume.metadata!.name}`);
  }

  // ---- the periodic re-sync of unbound claims ------------------------------------------------

  /** Only claims waiting now can profit from a new volume or class. */
  private markDirty(): void {
    if (this.unbound.size === 0) return;
    this.dirty = true;
    this.armResync();
  }

  private forgetUnbound(key: string): void {
    if (!this.unbound.delete(key) || this.unbound.size > 0) return;
    this.clock.cancel(this.resyncTimer);
    this.resyncTimer = undefined;
    this.dirty = false;
  }

  /**
   * The next re-sync tick. It is a foreground timer only when a claim might now bind (a volume
   * or class appeared); otherwise re-syncing just repeats the waiting events, which is
   * background work that must not keep a quiet cluster busy.
   */
  private armResync(): void {
    if (this.unbound.size === 0) return;
    const foreground = this.dirty;
    if (this.resyncTimer && !this.resyncTimer.cancelled && (this.resyncForeground || !foreground)) return;
    this.clock.cancel(this.resyncTimer);
    const at = (Math.floor(this.clock.now() / CLAIM_RESYNC_MS) + 1) * CLAIM_RESYNC_MS;
    this.resyncForeground = foreground;
    this.resyncTimer = this.clock.at(at, 'persistentvolume-binder:resync', () => this.resync(), { background: !foreground });
  }

  private resync(): void {
    this.resyncTimer = undefined;
    this.dirty = false;
    for (const key of [...this.unbound].sort()) this.enqueue(`claim/${key}`);
    this.armResync();
  }

  // ---- reconcile ---------------------------------------------------------------------------

  protected reconcile(key: string): void {
    if (key.startsWith('claim/')) {
      const { namespace, name } = splitKey(key.slice(6));
      const claim = this.api.get('PersistentVolumeClaim', namespace, name) as PersistentVolumeClaim | undefined;
      if (!claim) return;
      if (claim.metadata?.annotations?.[ANN_BIND_COMPLETED] === undefined) this.syncUnboundClaim(claim);
      else this.syncBoundClaim(claim);
    } else if (key.startsWith('volume/')) {
      const volume = this.api.get('PersistentVolume', undefined, key.slice(7)) as PersistentVolume | undefined;
      if (volume) this.syncVolume(volume);
    }
  }

  private volumes(): PersistentVolume[] {
    return this.api.list('PersistentVolume') as unknown as PersistentVolume[];
  }

  private storageClass(name: string): StorageClass | undefined {
    return name ? (this.api.get('StorageClass', undefined, name) as unknown as StorageClass | undefined) : undefined;
  }

  /** IsDelayBindingMode: the claim's class exists and waits for the first consumer. */
  private isDelayBinding(claim: PersistentVolumeClaim): boolean {
    return this.storageClass(claimClass(claim))?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  private syncUnboundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const delayBinding = this.isDelayBinding(claim);
      const volume = findBestMatchForClaim(claim, this.volumes(), delayBinding);
      if (volume) {
        this.bind(volume, claim);
        return;
      }
      if (this.assignDefaultStorageClass(claim)) return;
      if (delayBinding && claim.metadata?.annotations?.[ANN_SELECTED_NODE] === undefined) {
        this.emitEventForUnboundDelayBindingClaim(claim);
      } else if (claimClass(claim) !== '') {
        // The provisioner creates the volume; the binding follows when it appears.
        this.provisionClaim(claim);
        return;
      } else {
        this.claimEvent(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      }
      updateClaimStatus(this.api, claim, 'Pending', undefined);
      return;
    }
    // The user asked for a specific volume.
    const volume = this.api.get('PersistentVolume', undefined, volumeName) as PersistentVolume | undefined;
    if (!volume) {
      updateClaimStatus(this.api, claim, 'Pending', undefined);
      return;
    }
    const ref = volume.spec?.claimRef;
    if (!ref) {
      const reason = volumeUnsatisfiedReason(volume, claim);
      if (reason) {
        this.claimEvent(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${reason}`);
        updateClaimStatus(this.api, claim, 'Pending', undefined);
      } else {
        this.bind(volume, claim);
      }
      return;
    }
    if (ref.name === claim.metadata!.name && ref.namespace === claim.metadata!.namespace && (!ref.uid || ref.uid === claim.metadata!.uid)) {
      this.bind(volume, claim);
      return;
    }
    // Claimed by someone else. (Upstream retries a controller-made binding in a hot loop, which
    // "should never happen"; here the claim just waits, as it does for a user's binding.)
    this.claimEvent(claim, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`);
    updateClaimStatus(this.api, claim, 'Pending', undefined);
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      this.claimLost(claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const volume = this.api.get('PersistentVolume', undefined, volumeName) as PersistentVolume | undefined;
    if (!volume) {
      this.claimLost(claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    const ref = volume.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata!.uid) {
      this.bind(volume, claim);
      return;
    }
    this.claimLost(claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  /** updateClaimStatusWithEvent: the event only when the phase really changes. */
  private claimLost(claim: PersistentVolumeClaim, reason: string, message: string): void {
    if (claim.status?.phase === 'Lost') return;
    const saved = updateClaimStatus(this.api, claim, 'Lost', undefined);
    this.claimEvent(saved, 'Warning', reason, message);
  }

  private syncVolume(volume: PersistentVolume): void {
    const ref = volume.spec?.claimRef;
    if (!ref) {
      updateVolumePhase(this.api, volume, 'Available');
      return;
    }
    if (!ref.uid) {
      // Pre-bound by the user to a claim that has not bound yet: the claim's sync finishes it.
      updateVolumePhase(this.api, volume, 'Available');
      return;
    }
    let claim = this.api.get('PersistentVolumeClaim', ref.namespace, ref.name!) as PersistentVolumeClaim | undefined;
    if (claim && claim.metadata!.uid !== ref.uid) claim = undefined;
    if (!claim) {
      let current = volume;
      if (current.status?.phase !== 'Released' && current.status?.phase !== 'Failed') current = updateVolumePhase(this.api, current, 'Released');
      this.reclaimVolume(current);
      return;
    }
    const claimVolume = claim.spec?.volumeName;
    if (!claimVolume) {
      if (volumeModeMismatch(claim, volume)) {
        this.volumeEvent(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata!.name}" due to incompatible volumeMode.`);
        this.claimEvent(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata!.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // Provisioned or pre-bound by the scheduler: the claim's sync completes the binding now.
      this.enqueue(`claim/${claimKey(claim)}`);
      return;
    }
    if (claimVolume === volume.metadata!.name) {
      updateVolumePhase(this.api, volume, 'Bound');
      return;
    }
    // The claim is bound to another volume.
    if (volume.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== undefined && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let current = volume;
      if (current.status?.phase !== 'Released' && current.status?.phase !== 'Failed') current = updateVolumePhase(this.api, current, 'Released');
      this.reclaimVolume(current);
      return;
    }
    unbindVolume(this.api, volume);
  }

  /** bind: the volume first (claimRef, then phase), then the claim (volumeName, then status). */
  private bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    let v = bindVolumeToClaim(this.api, volume, claim);
    v = updateVolumePhase(this.api, v, 'Bound');
    const c = bindClaimToVolume(this.api, claim, v);
    updateClaimStatus(this.api, c, 'Bound', v);
  }

  /**
   * assignDefaultStorageClass: since 1.28 a claim created with no class at all gets the default
   * class once one exists; its sync starts again from the update.
   */
  private assignDefaultStorageClass(claim: PersistentVolumeClaim): boolean {
    if (claimHasClass(claim)) return false;
    const def = defaultStorageClass(this.api.context());
    if (!def) return false;
    this.api.patch<KObject>('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!, (d) => {
      d.spec.storageClassName = def.metadata!.name;
    });
    return true;
  }

  /** The claim waits for a pod to be scheduled; the event says which pods, if any exist yet. */
  private emitEventForUnboundDelayBindingClaim(claim: PersistentVolumeClaim): void {
    const waiting = podsUsingClaim(this.api, claim.metadata!.namespace!, claim.metadata!.name!)
      .filter((p) => !isPodTerminated(p) && !p.spec?.nodeName)
      .map((p) => p.metadata!.name!);
    if (waiting.length === 0) {
      this.claimEvent(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    } else if (waiting.length === 1) {
      this.claimEvent(claim, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
    } else {
      this.claimEvent(claim, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
    }
  }

  /**
   * provisionClaim for an external provisioner (no in-tree provisioner remains enabled by
   * default): the claim is annotated for it, and the binder says it is waiting.
   */
  private provisionClaim(claim: PersistentVolumeClaim): void {
    const className = claimClass(claim);
    const sc = this.storageClass(className);
    if (!sc) {
      this.claimEvent(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    let provisioner = sc.provisioner;
    if (MIGRATED_PROVISIONERS[provisioner]) provisioner = MIGRATED_PROVISIONERS[provisioner];
    else if (provisioner.startsWith('kubernetes.io/')) {
      this.claimEvent(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      return;
    }
    const saved = setClaimProvisioner(this.api, claim, provisioner);
    this.claimEvent(
      saved,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  // ---- reclaim -----------------------------------------------------------------------------

  /** isVolumeReleased: bound (with a uid) to a claim that is gone or now bound elsewhere. */
  private isVolumeReleased(volume: PersistentVolume): boolean {
    const ref = volume.spec?.claimRef;
    if (!ref?.uid) return false;
    const claim = this.api.get('PersistentVolumeClaim', ref.namespace, ref.name!) as PersistentVolumeClaim | undefined;
    if (claim && claim.metadata!.uid === ref.uid) {
      const bound = claim.spec?.volumeName;
      return !!bound && bound !== volume.metadata!.name;
    }
    return true;
  }

  /** reclaimVolume: Retain keeps it Released with its claimRef; Delete and Recycle act on it. */
  private reclaimVolume(volume: PersistentVolume): void {
    switch (volume.spec?.persistentVolumeReclaimPolicy) {
      case 'Retain':
        return;
      case 'Delete':
        this.deleteVolumeOperation(volume);
        return;
      case 'Recycle':
        this.recycleVolumeOperation(volume);
        return;
      default:
        this.failVolume(volume, 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
    }
  }

  private deleteVolumeOperation(volume: PersistentVolume): void {
    if (!this.isVolumeReleased(volume)) return;
    const outcome = deleteVolumeSource(volume);
    if (outcome.kind === 'external') return;
    if (outcome.kind === 'failed') {
      this.failVolume(volume, 'VolumeFailedDelete', outcome.message);
      return;
    }
    if (!volume.metadata?.deletionTimestamp) this.api.delete('PersistentVolume', undefined, volume.metadata!.name!);
  }

  private recycleVolumeOperation(volume: PersistentVolume): void {
    if (!this.isVolumeReleased(volume)) return;
    const ref = volume.spec!.claimRef!;
    const users = podsUsingClaim(this.api, ref.namespace!, ref.name!).filter((p) => !isPodTerminated(p));
    if (users.length > 0 && !this.api.get('PersistentVolumeClaim', ref.namespace, ref.name!)) {
      const names = users.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`).sort();
      this.volumeEvent(volume, 'Normal', 'VolumeFailedRecycle', `Volume is used by pods: ${names.join(',')}`);
      return;
    }
    if (!canRecycle(volume)) {
      this.failVolume(volume, 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    }
    this.volumeEvent(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
    unbindVolume(this.api, volume);
  }

  /** updateVolumePhaseWithEvent to Failed: the event only on the transition. */
  private failVolume(volume: PersistentVolume, reason: string, message: string): void {
    if (volume.status?.phase === 'Failed') return;
    const saved = updateVolumePhase(this.api, volume, 'Failed', message);
    this.volumeEvent(saved, 'Warning', reason, message);
  }

  // ---- events ------------------------------------------------------------------------------

  private claimEvent(claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(claim as KObject, type, reason, message, PV_CONTROLLER_SOURCE);
  }

  private volumeEvent(volume: PersistentVolume, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(volume as KObject, type, reason, message, PV_CONTROLLER_SOURCE);
  }
}
