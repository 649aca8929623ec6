import { describe, it, expect } from 'vitest';
import { testCluster } from '../testing/testCluster';
import { MY_NGINX, MY_NGINX_SVC } from '../network/testing';

const env = (tc: ReturnType<typeof testCluster>, pod: string, container: string, ns = 'default') => Object.fromEntries(tc.cluster.controlPlane.nodes.containerEnv(ns, pod, container) ?? []);

describe('Service environment variables (kubelet envvars.FromServices)', () => {
  it('gives pods started after the Service its variables, and pods started before none (the docs my-nginx example)', () => {
    const tc = testCluster().apply(MY_NGINX).settle();
    const before = tc.pods({ selector: 'run=my-nginx' }).map((p) => p.metadata.name);
    const [early] = tc.pods({ selector: 'run=my-nginx' });
    tc.apply(MY_NGINX_SVC).settle();
    const ip = tc.get('Service', 'my-nginx')!.spec.clusterIP;
    expect(Object.keys(env(tc, early.metadata.name!, 'my-nginx')).filter((k) => k.startsWith('MY_NGINX'))).toEqual([]);
    // Recreated pods (here: a rollout) see it.
    tc.api.delete('Pod', 'default', early.metadata.name!);
    tc.settle();
    const late = tc.pods({ selector: 'run=my-nginx' }).find((p) => !before.includes(p.metadata.name))!;
    const vars = env(tc, late.metadata.name!, 'my-nginx');
    expect(vars).toMatchObject({
      MY_NGINX_SERVICE_HOST: ip,
      MY_NGINX_SERVICE_PORT: '80',
      MY_NGINX_PORT: `tcp://${ip}:80`,
      MY_NGINX_PORT_80_TCP: `tcp://${ip}:80`,
      MY_NGINX_PORT_80_TCP_PROTO: 'tcp',
      MY_NGINX_PORT_80_TCP_PORT: '80',
      MY_NGINX_PORT_80_TCP_ADDR: ip,
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
    });
    // Order inside one Service: host, port, named ports, then the docker-link variables.
    const keys = Object.keys(vars).filter((k) => k.startsWith('KUBERNETES_'));
    expect(keys).toEqual(['KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'KUBERNETES_SERVICE_PORT_HTTPS', 'KUBERNETES_PORT', 'KUBERNETES_PORT_443_TCP', 'KUBERNETES_PORT_443_TCP_PROTO', 'KUBERNETES_PORT_443_TCP_PORT', 'KUBERNETES_PORT_443_TCP_ADDR']);
  });

  it('skips headless and ExternalName Services, and keeps only kubernetes without enableServiceLinks', () => {
    const tc = testCluster()
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: hl}\nspec: {clusterIP: None, selector: {app: x}, ports: [{port: 80}]}\n`)
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: db.example.com}\n`)
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: web-api}\nspec: {selector: {app: x}, ports: [{name: http-alt, port: 8080}]}\n`)
      .apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: nginx}]}\n`)
      .apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {enableServiceLinks: false, containers: [{name: c, image: nginx}]}\n`)
      .settle();
    const a = Object.keys(env(tc, 'a', 'c')).filter((k) => /_SERVICE_HOST$/.test(k));
    expect(a).toEqual(['KUBERNETES_SERVICE_HOST', 'WEB_API_SERVICE_HOST']);
    expect(env(tc, 'a', 'c').WEB_API_SERVICE_PORT_HTTP_ALT).toBe('8080');
    expect(Object.keys(env(tc, 'b', 'c')).filter((k) => /_SERVICE_HOST$/.test(k))).toEqual(['KUBERNETES_SERVICE_HOST']);
  });

  it("lets a namespace's own Service named kubernetes take the master's place", () => {
    const tc = testCluster()
      .apply(`apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n`)
      .apply(`apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: team}\nspec: {selector: {app: x}, ports: [{port: 8443}]}\n`)
      .apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: team}\nspec: {containers: [{name: c, image: nginx}]}\n`)
      .settle();
    const vars = env(tc, 'a', 'c', 'team');
    expect(vars.KUBERNETES_SERVICE_HOST).toBe(tc.get('Service', 'kubernetes', 'team')!.spec.clusterIP);
    expect(vars.KUBERNETES_SERVICE_PORT).toBe('8443');
  });
});
