import { Controller, type ControllerContext } from '../controller';
import { rootCaPem } from './rootCaPem';
import { ignoreNamespaceGone, namespaceAcceptsContent } from './serviceAccounts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher): every namespace gets
 * the ConfigMap kube-root-ca.crt with the cluster CA in ca.crt; edits and deletions are undone.
 */
export class RootCaCertPublisher extends Controller {
  private readonly caPem: string;

  constructor(ctx: ControllerContext) {
    super('root-ca-cert-publisher', ctx);
    this.caPem = rootCaPem(ctx.rng);
    this.api.watch('Namespace', (ev) => {
      if (ev.type === 'ADDED' || (ev.type === 'MODIFIED' && ev.object.status?.phase !== 'Terminating')) this.enqueue(ev.object.metadata.name!);
    });
    this.api.watch('ConfigMap', (ev) => {
      if (ev.type !== 'ADDED' && ev.object.metadata.name === ROOT_CA_CONFIGMAP) this.enqueue(ev.object.metadata.namespace!);
    });
  }

  protected reconcile(namespace: string): void {
    const data = { 'ca.crt': this.caPem };
    const cm = this.api.get('ConfigMap', namespace, ROOT_CA_CONFIGMAP);
    if (!cm) {
      if (!namespaceAcceptsContent(this.ctx, namespace)) return;
      try {
        this.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } }, data });
      } catch (e) {
        ignoreNamespaceGone(e);
      }
      return;
    }
    if (cm.data?.['ca.crt'] === this.caPem && Object.keys(cm.data).length === 1 && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    this.api.update({ ...cm, data, metadata: { ...cm.metadata, annotations: { ...(cm.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION } } });
  }
}
