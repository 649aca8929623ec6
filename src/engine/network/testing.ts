import type { Pod } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { testCluster, type TestCluster } from '../testing/testCluster';
import type { Network } from './index';
import type { RouteResult } from './datapath';

/** The docs' service/networking/run-my-nginx.yaml and nginx-svc.yaml ("Connecting Applications with Services"). */
export const MY_NGINX = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
spec:
  selector:
    matchLabels:
      run: my-nginx
  replicas: 2
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      containers:
      - name: my-nginx
        image: nginx
        ports:
        - containerPort: 80
`;

export const MY_NGINX_SVC = `apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  labels:
    run: my-nginx
spec:
  ports:
  - port: 80
    protocol: TCP
  selector:
    run: my-nginx
`;

/** A client pod that idles (busybox:1.28, the docs' DNS debugging image). */
export function clientPod(name = 'client', image = 'busybox:1.28', namespace = 'default', labels: Record<string, string> = {}): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)}}
spec:
  containers: [{name: c, image: "${image}", command: [sleep, infinity]}]
`;
}

/** A Deployment of `replicas` nginx pods labelled app=<name>, with optional Service. */
export function web(name: string, replicas: number, svc?: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: nginx, image: nginx, ports: [{containerPort: 80, name: http}]}]
${svc ? `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {app: ${name}}\n${svc.split('\n').map((l) => `  ${l.trim()}`).join('\n')}\n` : ''}`;
}

export function network(tc: TestCluster): Network {
  return tc.cluster.controlPlane.network;
}

export function slicesOf(tc: TestCluster, service: string, namespace = 'default'): EndpointSlice[] {
  return tc.list<EndpointSlice & { kind: string; apiVersion: string; metadata: NonNullable<EndpointSlice['metadata']> }>('EndpointSlice', { namespace, selector: `kubernetes.io/service-name=${service}` });
}

/** A request from a pod (or from outside), as kubectl exec curl or the traffic client would make it. */
export function fromPod(tc: TestCluster, pod: string, url: string, namespace = 'default'): RouteResult {
  const net = network(tc);
  return net.request({ kind: 'pod', pod: tc.get<Pod & { kind: string; apiVersion: string; metadata: NonNullable<Pod['metadata']> }>('Pod', pod, namespace)! }, url);
}

export function fromOutside(tc: TestCluster, url: string): RouteResult {
  return network(tc).request({ kind: 'outside' }, url);
}

export { testCluster };
