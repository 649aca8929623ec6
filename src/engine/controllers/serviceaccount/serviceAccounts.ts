import { ApiError } from '../../api/errors';
import { Controller, type ControllerContext } from '../controller';

const DEFAULT_SERVICE_ACCOUNT = 'default';

/** An active namespace may get new content; a terminating or missing one refuses it. */
export function namespaceAcceptsContent(ctx: ControllerContext, name: string): boolean {
  const ns = ctx.api.get('Namespace', undefined, name);
  return !!ns && !ns.metadata.deletionTimestamp && ns.status?.phase !== 'Terminating';
}

/** Creations refused because the namespace went away or is terminating are not retried (upstream does the same). */
export function ignoreNamespaceGone(e: unknown): void {
  if (e instanceof ApiError && (e.reason === 'NotFound' || e.reason === 'Forbidden' || e.reason === 'AlreadyExists')) return;
  throw e;
}

/**
 * The service account controller (pkg/controller/serviceaccount): every active namespace has a
 * ServiceAccount named "default"; deleting it brings it back.
 */
export class ServiceAccountsController extends Controller {
  constructor(ctx: ControllerContext) {
    super('serviceaccount-controller', ctx);
    this.api.watch('Namespace', (ev) => {
      if (ev.type !== 'DELETED') this.enqueue(ev.object.metadata.name!);
    });
    this.api.watch('ServiceAccount', (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) this.enqueue(ev.object.metadata.namespace!);
    });
  }

  protected reconcile(namespace: string): void {
    if (!namespaceAcceptsContent(this.ctx, namespace)) return;
    if (this.api.get('ServiceAccount', namespace, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      this.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } });
    } catch (e) {
      ignoreNamespaceGone(e);
    }
  }
}
