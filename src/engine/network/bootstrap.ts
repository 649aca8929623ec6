import type { ControllerContext } from '../controllers/controller';
import { LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR } from '../controllers/endpointslice/endpointUtil';
import { INGRESS_NGINX_CLASS, INGRESS_NGINX_CONTROLLER } from './ingress/controller';

/** The API server's secure port, behind the `kubernetes` Service's 443. */
export const API_SERVER_PORT = 6443;

/**
 * The network's objects in a fresh cluster:
 * - the `kubernetes` Service's Endpoints and EndpointSlice, which the API server itself keeps
 *   pointing at its address (pkg/controlplane/reconcilers: the Endpoints labelled skip-mirror,
 *   the slice named `kubernetes` with only the service-name label and ready conditions);
 * - ingress-nginx's IngressClass `nginx`, as its kind manifest installs it (not the default
 *   class: the controller serves Ingresses without a class anyway).
 * Call after the control-plane node registered.
 */
export function bootstrapNetwork(ctx: ControllerContext): void {
  const { api } = ctx;
  const node = api.get('Node', undefined, 'control-plane');
  const ip = (node?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
  if (ip) {
    api.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SKIP_MIRROR]: 'true' } },
      subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }],
    });
    api.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SERVICE_NAME]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [ip], conditions: { ready: true } }],
      ports: [{ name: 'https', protocol: 'TCP', port: API_SERVER_PORT }],
    });
  }
  api.create({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: INGRESS_NGINX_CLASS,
      labels: {
        'app.kubernetes.io/component': 'controller',
        'app.kubernetes.io/instance': 'ingress-nginx',
        'app.kubernetes.io/name': 'ingress-nginx',
        'app.kubernetes.io/part-of': 'ingress-nginx',
        'app.kubernetes.io/version': '1.13.0',
      },
    },
    spec: { controller: INGRESS_NGINX_CONTROLLER },
  });
}
