import type { ControllerContext } from '../controllers/controller';
import { Controller } from '../controllers/controller';
import { objectKey, splitKey, type KObject } from '../api/object';

/** Placeholder scheduler: binds each pending pod to the least-loaded untainted node. Replaced by the real one. */
export class Scheduler extends Controller {
  constructor(ctx: ControllerContext) {
    super('default-scheduler', ctx);
    this.api.watch('Pod', (ev) => {
      if (ev.type !== 'DELETED' && !ev.object.spec?.nodeName) this.enqueue(objectKey(ev.object));
    });
    this.api.watch('Node', () => {
      for (const p of this.api.store.byIndex('Pod', 'nodeName', '')) this.enqueue(objectKey(p));
    });
  }

  protected reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('Pod', namespace, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    const nodes = this.api.list('Node').filter((n: KObject) => !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t: any) => t.effect === 'NoSchedule'));
    if (nodes.length === 0) return;
    nodes.sort((a, b) => this.api.store.countByIndex('Pod', 'nodeName', a.metadata.name!) - this.api.store.countByIndex('Pod', 'nodeName', b.metadata.name!));
    this.api.bind(namespace!, name, nodes[0].metadata.name!);
    this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${nodes[0].metadata.name}`);
  }
}

export function startScheduler(ctx: ControllerContext): Scheduler {
  return new Scheduler(ctx);
}
