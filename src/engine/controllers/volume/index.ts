import type { Controller, ControllerContext } from '../controller';
import { EphemeralVolumeController } from './ephemeral';
import { LocalPathProvisioner } from './localPathProvisioner';
import { PersistentVolumeController } from './pvController';
import { PvcProtectionController, PvProtectionController } from './protection';

/**
 * The storage controllers: the PV binder, the two protection controllers and the ephemeral
 * volume controller of kube-controller-manager, and kind's local-path provisioner, which serves
 * the default StorageClass "standard".
 */
export function start(ctx: ControllerContext): Controller[] {
  return [new PersistentVolumeController(ctx), new PvcProtectionController(ctx), new PvProtectionController(ctx), new EphemeralVolumeController(ctx), new LocalPathProvisioner(ctx)];
}
