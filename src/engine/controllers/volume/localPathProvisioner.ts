import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { WatchEvent } from '../../api/apiServer';
import { ApiError } from '../../api/errors';
import { splitKey, type KObject } from '../../api/object';
import type { TimerHandle } from '../../clock/simClock';
import { Controller, type ControllerContext } from '../controller';
import { computeHash } from '../hash';
import { claimReference } from './bindingWrites';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_LOCAL_PATH_SELECTED_NODE,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  LOCAL_PATH_BASE,
  LOCAL_PATH_HELPER_MS,
  LOCAL_PATH_PROVISIONER,
} from './constants';
import { claimClass } from './volumeMatch';

/** sig-storage-lib-external-provisioner's claim queue: failures back off from 15 s, doubling, to 1000 s. */
const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 1_000_000;

/**
 * kind's local-path-provisioner (rancher/local-path-provisioner on sig-storage-lib-external-
 * provisioner), simulated: it provisions claims annotated for rancher.io/local-path once their
 * node is known (WaitForFirstConsumer; without a node it fails, as the real one does for an
 * Immediate class), creating PV pvc-<claim uid> as a hostPath directory on that node with node
 * affinity to it; a released volume of its own with reclaim policy Delete is removed. Creating
 * or removing the directory takes its helper pod about a second.
 */
export class LocalPathProvisioner extends Controller {
  private identity: string | undefined;
  /** Claims (by uid) whose helper pod is creating the directory now. */
  private readonly provisioning = new Map<string, TimerHandle>();
  /** Claims (by uid) waiting to retry after a failure, with the failure count. */
  private readonly failures = new Map<string, { count: number; timer?: TimerHandle }>();
  private readonly deleting = new Map<string, TimerHandle>();

  constructor(ctx: ControllerContext) {
    super('local-path-provisioner', ctx);
    this.api.watch('PersistentVolumeClaim', (ev) => this.onClaim(ev));
    this.api.watch('PersistentVolume', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] === LOCAL_PATH_PROVISIONER) {
        this.enqueue(`volume/${ev.object.metadata.name}`);
      }
    });
  }

  private onClaim(ev: WatchEvent): void {
    const uid = ev.object.metadata.uid!;
    if (ev.type === 'DELETED') {
      this.clock.cancel(this.provisioning.get(uid));
      this.provisioning.delete(uid);
      this.clock.cancel(this.failures.get(uid)?.timer);
      this.failures.delete(uid);
      return;
    }
    this.enqueue(`claim/${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
  }

  /** The event source: "<provisioner>_<provisioner pod>_<uuid>", as the library names its recorder. */
  private source(): string {
    if (!this.identity) {
      const hash = computeHash({ provisioner: LOCAL_PATH_PROVISIONER, namespace: 'local-path-storage' });
      this.identity = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-${hash}-${this.ctx.rng.string(5)}_${this.ctx.rng.uuid()}`;
    }
    return this.identity;
  }

  protected reconcile(key: string): void {
    if (key.startsWith('claim/')) {
      const { namespace, name } = splitKey(key.slice(6));
      const claim = this.api.get('PersistentVolumeClaim', namespace, name) as PersistentVolumeClaim | undefined;
      if (claim) this.syncClaim(claim);
    } else if (key.startsWith('volume/')) {
      this.syncVolume(key.slice(7));
    }
  }

  // ---- provisioning ------------------------------------------------------------------------

  /** shouldProvision: annotated for us, of a class of ours, not bound, and (WaitForFirstConsumer) with its node. */
  private classFor(claim: PersistentVolumeClaim): StorageClass | undefined {
    if (claim.spec?.volumeName || claim.metadata?.deletionTimestamp) return undefined;
    const ann = claim.metadata?.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER && ann[ANN_BETA_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return undefined;
    const sc = this.api.get('StorageClass', undefined, claimClass(claim)) as unknown as StorageClass | undefined;
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return undefined;
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && ann[ANN_SELECTED_NODE] === undefined) return undefined;
    return sc;
  }

  private syncClaim(claim: PersistentVolumeClaim): void {
    const uid = claim.metadata!.uid!;
    const sc = this.classFor(claim);
    if (!sc) return;
    if (this.provisioning.has(uid) || this.failures.get(uid)?.timer) return;
    if (this.api.get('PersistentVolume', undefined, `pvc-${uid}`)) return;
    this.claimEvent(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${claim.metadata!.namespace}/${claim.metadata!.name}"`);
    const error = this.validate(claim);
    if (error) {
      this.fail(claim, sc, error);
      return;
    }
    const key = `${claim.metadata!.namespace}/${claim.metadata!.name}`;
    this.provisioning.set(
      uid,
      this.clock.after(LOCAL_PATH_HELPER_MS, 'local-path:provision', () => {
        this.provisioning.delete(uid);
        const { namespace, name } = splitKey(key);
        const current = this.api.get('PersistentVolumeClaim', namespace, name) as PersistentVolumeClaim | undefined;
        if (!current || current.metadata!.uid !== uid) return;
        const cls = this.classFor(current);
        if (cls) this.createVolume(current, cls);
      }),
    );
  }

  /** local-path's Provision checks, in its order. */
  private validate(claim: PersistentVolumeClaim): string | undefined {
    const sel = claim.spec?.selector;
    if (sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0)) return 'claim.Spec.Selector is not supported';
    if ((claim.spec?.accessModes ?? []).some((m) => m !== 'ReadWriteOnce')) return 'Only support ReadWriteOnce access mode';
    const nodeName = claim.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (!nodeName) return 'configuration error, no node was specified';
    if (!this.api.get('Node', undefined, nodeName)) return `failed to get node ${nodeName}: nodes "${nodeName}" not found`;
    return undefined;
  }

  /** ProvisioningFailed, then a retry after the library's exponential back-off (background: the same failure repeats). */
  private fail(claim: PersistentVolumeClaim, sc: StorageClass, error: string): void {
    this.claimEvent(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata!.name}": ${error}`);
    const uid = claim.metadata!.uid!;
    const entry = this.failures.get(uid) ?? { count: 0 };
    const delay = Math.min(RETRY_BASE_MS * 2 ** entry.count, RETRY_MAX_MS);
    entry.count++;
    const key = `claim/${claim.metadata!.namespace}/${claim.metadata!.name}`;
    entry.timer = this.clock.after(
      delay,
      'local-path:retry',
      () => {
        entry.timer = undefined;
        this.enqueue(key);
      },
      { background: true },
    );
    this.failures.set(uid, entry);
  }

  private createVolume(claim: PersistentVolumeClaim, sc: StorageClass): void {
    const uid = claim.metadata!.uid!;
    const nodeName = claim.metadata!.annotations![ANN_SELECTED_NODE];
    const node = this.api.get('Node', undefined, nodeName) as unknown as Node | undefined;
    if (!node) {
      this.fail(claim, sc, `failed to get node ${nodeName}: nodes "${nodeName}" not found`);
      return;
    }
    const pvName = `pvc-${uid}`;
    const hostname = node.metadata?.labels?.['kubernetes.io/hostname'] ?? nodeName;
    const volume: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: { [ANN_LOCAL_PATH_SELECTED_NODE]: nodeName, [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER },
      },
      spec: {
        accessModes: claim.spec?.accessModes,
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
        claimRef: claimReference(claim),
        hostPath: { path: `${LOCAL_PATH_BASE}/${pvName}_${claim.metadata!.namespace}_${claim.metadata!.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] }] }] } },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: claimClass(claim),
        volumeMode: 'Filesystem',
      },
    };
    try {
      this.api.create(volume as KObject);
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'AlreadyExists') throw e;
      return;
    }
    this.failures.delete(uid);
    this.claimEvent(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  // ---- deletion ----------------------------------------------------------------------------

  /** shouldDelete: our volume, Released, reclaim policy Delete, not already being deleted. */
  private deletable(volume: PersistentVolume | undefined): volume is PersistentVolume {
    return (
      !!volume &&
      volume.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED] === LOCAL_PATH_PROVISIONER &&
      volume.status?.phase === 'Released' &&
      volume.spec?.persistentVolumeReclaimPolicy === 'Delete' &&
      !volume.metadata?.deletionTimestamp
    );
  }

  private syncVolume(name: string): void {
    const volume = this.api.get('PersistentVolume', undefined, name) as PersistentVolume | undefined;
    if (!this.deletable(volume) || this.deleting.has(name)) return;
    const uid = volume.metadata!.uid;
    this.deleting.set(
      name,
      this.clock.after(LOCAL_PATH_HELPER_MS, 'local-path:delete', () => {
        this.deleting.delete(name);
        const current = this.api.get('PersistentVolume', undefined, name) as PersistentVolume | undefined;
        if (!this.deletable(current) || current.metadata!.uid !== uid) return;
        this.api.delete('PersistentVolume', undefined, name);
      }),
    );
  }

  private claimEvent(claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(claim as KObject, type, reason, message, this.source());
  }
}
