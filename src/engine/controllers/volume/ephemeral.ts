import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { splitKey, type KObject } from '../../api/object';
import { Controller, type ControllerContext } from '../controller';
import { ephemeralClaimName } from './podClaims';

/**
 * ephemeral-volume-controller (pkg/controller/volume/ephemeral): for each generic ephemeral
 * volume of a pod, the claim "<pod>-<volume>" is created from the volume's claim template and
 * owned by the pod, so the garbage collector removes it with the pod. A claim of that name the
 * pod does not own is reported and left alone.
 */
export class EphemeralVolumeController extends Controller {
  constructor(ctx: ControllerContext) {
    super('ephemeral-volume-controller', ctx);
    this.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED' && (ev.object.spec?.volumes ?? []).some((v: { ephemeral?: unknown }) => v.ephemeral)) this.enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
    });
    // A claim deleted under a pod that still needs it is created again.
    this.api.watch('PersistentVolumeClaim', (ev) => {
      if (ev.type !== 'DELETED') return;
      const owner = ev.object.metadata.ownerReferences?.find((r: { controller?: boolean; kind: string }) => r.controller && r.kind === 'Pod');
      if (owner) this.enqueue(`${ev.object.metadata.namespace}/${owner.name}`);
    });
  }

  protected reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('Pod', namespace, name) as Pod | undefined;
    if (!pod || pod.metadata?.deletionTimestamp) return;
    for (const vol of pod.spec?.volumes ?? []) {
      const template = vol.ephemeral?.volumeClaimTemplate;
      if (!template) continue;
      const claimName = ephemeralClaimName(pod, vol);
      const existing = this.api.get('PersistentVolumeClaim', namespace, claimName) as PersistentVolumeClaim | undefined;
      if (existing) {
        const owner = existing.metadata?.ownerReferences?.find((r) => r.controller);
        if (owner?.uid !== pod.metadata!.uid) {
          this.event(pod as KObject, 'Warning', 'FailedBinding', `PVC ${namespace}/${claimName} was not created for pod ${namespace}/${name} (pod is not owner)`);
        }
        continue;
      }
      const claim: PersistentVolumeClaim = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: claimName,
          namespace,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: name, uid: pod.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
          ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
          ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
        },
        spec: template.spec,
      };
      try {
        this.api.create(claim as KObject);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.event(pod as KObject, 'Warning', 'FailedBinding', `PVC creation failed: ${e.message}`);
      }
    }
  }
}
