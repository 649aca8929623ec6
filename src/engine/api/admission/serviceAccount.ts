/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount): a pod runs as
 * `default` unless it names another account, which must exist; unless automounting is turned
 * off (pod or account), it gets the projected token volume kube-api-access-<5 chars> and a
 * read-only mount of it in every container; the account's imagePullSecrets are copied over.
 */
import type { AdmissionPlugin } from '../apiServer';
import { apiErr } from '../errors';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** The projected volume the kubelet fills with the token, the cluster CA and the namespace. */
export function tokenVolume(name: string): any {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

export function serviceAccountPlugin(): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    kinds: ['Pod'],
    mutate(op, pod, _old, ctx) {
      if (op !== 'CREATE' || pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
      const spec = (pod.spec ??= {});
      if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
      spec.serviceAccount = spec.serviceAccountName;
      const sa = ctx.api.get('ServiceAccount', pod.metadata.namespace, spec.serviceAccountName);
      if (!(spec.imagePullSecrets ?? []).length && (sa?.imagePullSecrets ?? []).length) {
        spec.imagePullSecrets = sa!.imagePullSecrets.map((s: any) => ({ name: s.name }));
      }
      const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
      if (!automount) return;
      const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
      // A container that mounts something at the token path itself opts the pod out.
      if (containers.some((c: any) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH))) return;
      const taken = new Set(((spec.volumes ?? []) as any[]).map((v) => v.name));
      let name = TOKEN_VOLUME_PREFIX + ctx.rng.string(5);
      while (taken.has(name)) name = TOKEN_VOLUME_PREFIX + ctx.rng.string(5);
      spec.volumes = [...(spec.volumes ?? []), tokenVolume(name)];
      for (const c of containers) {
        c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
      }
    },
    validate(op, pod, _old, ctx) {
      if (op !== 'CREATE' || pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
      const name = pod.spec?.serviceAccountName ?? 'default';
      const ns = pod.metadata.namespace!;
      // The account controller creates `default` moments after the namespace; the playground
      // does not make pods wait for it.
      if (name === 'default') return;
      if (!ctx.api.get('ServiceAccount', ns, name)) {
        throw apiErr.forbidden('pods', pod.metadata.name ?? '', `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
      }
    },
  };
}
