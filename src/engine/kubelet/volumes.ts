import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import { FsLayer, StaticSource, normalizePath, type FsSource, type Mount } from './program/filesystem';
import { secretData, resourceValue, type EnvContext } from './env';
import { encodeBase64 } from './base64';
import { hexDigest } from './program/commands/util';
import { rfc3339 } from '../time';

/** A volume the kubelet cannot set up yet, and what would unblock it. */
export interface VolumeProblem {
  volume: string;
  /** The FailedMount message after "MountVolume.SetUp failed for volume …". */
  message: string;
  /** A claim that is missing or not bound: reported only when the mount wait times out. */
  claim?: boolean;
}

/** Storage that outlives pods: hostPath on each node, and persistent volumes. */
export interface Storage {
  hostFs: FsLayer;
  persistent(key: string): FsLayer;
}

/**
 * Checks that every volume can be set up (volumemanager's reconciler): ConfigMaps and Secrets
 * must exist (unless optional) with the keys the volume lists; claims must exist and be bound;
 * hostPath type checks must pass.
 */
export function volumeProblems(api: ApiServer, pod: Pod, storage: Storage): VolumeProblem[] {
  const ns = pod.metadata!.namespace ?? 'default';
  const out: VolumeProblem[] = [];
  for (const v of pod.spec!.volumes ?? []) {
    const msg = volumeProblem(api, ns, v, pod, storage);
    if (msg) out.push({ volume: v.name, ...msg });
  }
  return out;
}

function volumeProblem(api: ApiServer, ns: string, v: Volume, pod: Pod, storage: Storage): { message: string; claim?: boolean } | undefined {
  if (v.configMap) return configMapProblem(api, ns, v.configMap.name!, v.configMap.items, v.configMap.optional);
  if (v.secret) return secretProblem(api, ns, v.secret.secretName!, v.secret.items, v.secret.optional);
  if (v.projected) {
    for (const s of v.projected.sources ?? []) {
      const p = s.configMap ? configMapProblem(api, ns, s.configMap.name!, s.configMap.items, s.configMap.optional) : s.secret ? secretProblem(api, ns, s.secret.name!, s.secret.items, s.secret.optional) : undefined;
      if (p) return p;
    }
    return undefined;
  }
  if (v.persistentVolumeClaim) return claimProblem(api, ns, v.persistentVolumeClaim.claimName);
  if (v.ephemeral) return claimProblem(api, ns, `${pod.metadata!.name}-${v.name}`);
  if (v.hostPath) {
    const path = normalizePath(v.hostPath.path);
    const kind = hostKind(storage, path);
    switch (v.hostPath.type ?? '') {
      case 'Directory':
        return kind === 'dir' ? undefined : { message: `hostPath type check failed: ${path} is not a directory` };
      case 'File':
        return kind === 'file' ? undefined : { message: `hostPath type check failed: ${path} is not a file` };
      case 'Socket':
        return kind === 'file' && /\.sock$/.test(path) ? undefined : { message: `hostPath type check failed: ${path} is not a socket file` };
      case 'CharDevice':
        return kind === 'file' && path.startsWith('/dev/') ? undefined : { message: `hostPath type check failed: ${path} is not a character device` };
      case 'BlockDevice':
        return { message: `hostPath type check failed: ${path} is not a block device` };
    }
  }
  return undefined;
}

function configMapProblem(api: ApiServer, ns: string, name: string, items: { key: string }[] | undefined, optional?: boolean): { message: string } | undefined {
  const cm = api.get('ConfigMap', ns, name);
  if (!cm) return optional ? undefined : { message: `configmap "${name}" not found` };
  for (const it of items ?? []) {
    if (cm.data?.[it.key] === undefined && cm.binaryData?.[it.key] === undefined && !optional) return { message: `configmap references non-existent config key: ${it.key}` };
  }
  return undefined;
}

function secretProblem(api: ApiServer, ns: string, name: string, items: { key: string }[] | undefined, optional?: boolean): { message: string } | undefined {
  const s = api.get('Secret', ns, name);
  if (!s) return optional ? undefined : { message: `secret "${name}" not found` };
  const data = secretData(s);
  for (const it of items ?? []) if (data[it.key] === undefined && !optional) return { message: `references non-existent secret key: ${it.key}` };
  return undefined;
}

function claimProblem(api: ApiServer, ns: string, name: string): { message: string; claim: boolean } | undefined {
  const pvc = api.get('PersistentVolumeClaim', ns, name);
  if (!pvc) return { message: `error processing PVC ${ns}/${name}: failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`, claim: true };
  if (pvc.status?.phase !== 'Bound' && !pvc.spec?.volumeName) return { message: `error processing PVC ${ns}/${name}: PVC is not bound`, claim: true };
  return undefined;
}

function hostKind(storage: Storage, path: string): 'file' | 'dir' | undefined {
  const e = storage.hostFs.lookup(path.slice(1), Infinity, false);
  if (e && e.content !== null) return e.dir ? 'dir' : 'file';
  for (const p of storage.hostFs.paths()) if (p.startsWith(`${path.slice(1)}/`)) return 'dir';
  return undefined;
}

/** Where each of the pod's volumes lives once set up. */
export interface VolumeSource {
  source: FsSource;
  layer?: FsLayer;
  subPath?: string;
  readOnly: boolean;
}

export interface VolumeContext {
  api: ApiServer;
  pod: () => Pod;
  env: () => EnvContext;
  storage: Storage;
  /** When the kubelet first saw the pod (the kubernetes.io/config.seen annotation). */
  seen: number;
}

/** Sets the pod's volumes up (after volumeProblems found none). */
export function setUpVolumes(ctx: VolumeContext): Map<string, VolumeSource> {
  const pod = ctx.pod();
  const ns = pod.metadata!.namespace ?? 'default';
  const out = new Map<string, VolumeSource>();
  for (const v of pod.spec!.volumes ?? []) {
    if (v.hostPath) {
      const path = normalizePath(v.hostPath.path);
      if (v.hostPath.type === 'DirectoryOrCreate' && !hostKind(ctx.storage, path)) ctx.storage.hostFs.write(path.slice(1), -Infinity, '', true);
      if (v.hostPath.type === 'FileOrCreate' && !hostKind(ctx.storage, path)) ctx.storage.hostFs.write(path.slice(1), -Infinity, '');
      out.set(v.name, { source: ctx.storage.hostFs, layer: ctx.storage.hostFs, subPath: path.slice(1), readOnly: false });
    } else if (v.persistentVolumeClaim || v.ephemeral) {
      const claim = v.persistentVolumeClaim?.claimName ?? `${pod.metadata!.name}-${v.name}`;
      const pvc = ctx.api.get('PersistentVolumeClaim', ns, claim);
      const layer = ctx.storage.persistent(pvc?.spec?.volumeName ?? `${ns}/${claim}`);
      out.set(v.name, { source: layer, layer, readOnly: !!v.persistentVolumeClaim?.readOnly });
    } else if (v.configMap || v.secret || v.projected || v.downwardAPI) {
      out.set(v.name, { source: new StaticSource(() => staticFiles(ctx, v)), readOnly: true });
    } else {
      // emptyDir and everything else: a fresh directory for the pod's lifetime.
      const layer = new FsLayer();
      out.set(v.name, { source: layer, layer, readOnly: false });
    }
  }
  return out;
}

/** The files of a configMap, secret, projected or downwardAPI volume, read when accessed. */
function staticFiles(ctx: VolumeContext, v: Volume): Map<string, string> {
  const pod = ctx.pod();
  const ns = pod.metadata!.namespace ?? 'default';
  const files = new Map<string, string>();
  const addMap = (data: Record<string, string>, items?: { key: string; path: string }[]) => {
    if (items?.length) {
      for (const it of items) if (data[it.key] !== undefined) files.set(it.path, data[it.key]);
    }
    else for (const [k, val] of Object.entries(data)) files.set(k, val);
  };
  const cmData = (name: string) => {
    const cm = ctx.api.get('ConfigMap', ns, name);
    return cm ? ({ ...(cm.data ?? {}) } as Record<string, string>) : undefined;
  };
  const secData = (name: string) => {
    const s = ctx.api.get('Secret', ns, name);
    return s ? secretData(s) : undefined;
  };
  const downward = (items: { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { containerName?: string; resource: string; divisor?: string | number } }[]) => {
    for (const it of items) {
      if (it.fieldRef) files.set(it.path, downwardField(pod, it.fieldRef.fieldPath, ctx.seen));
      else if (it.resourceFieldRef) {
        const c = [...(pod.spec!.containers ?? []), ...(pod.spec!.initContainers ?? [])].find((x) => x.name === it.resourceFieldRef!.containerName) ?? pod.spec!.containers[0];
        files.set(it.path, resourceValue(ctx.env(), c, it.resourceFieldRef.resource, it.resourceFieldRef.divisor));
      }
    }
  };
  if (v.configMap) addMap(cmData(v.configMap.name!) ?? {}, v.configMap.items);
  else if (v.secret) addMap(secData(v.secret.secretName!) ?? {}, v.secret.items);
  else if (v.downwardAPI) downward((v.downwardAPI.items ?? []) as never);
  else if (v.projected) {
    for (const s of v.projected.sources ?? []) {
      if (s.configMap) addMap(cmData(s.configMap.name!) ?? {}, s.configMap.items);
      else if (s.secret) addMap(secData(s.secret.name!) ?? {}, s.secret.items);
      else if (s.downwardAPI) downward((s.downwardAPI.items ?? []) as never);
      else if (s.serviceAccountToken) files.set(s.serviceAccountToken.path, serviceAccountToken(pod, s.serviceAccountToken.audience, s.serviceAccountToken.expirationSeconds ?? 3607));
    }
  }
  return files;
}

function downwardField(pod: Pod, path: string, seen: number): string {
  const md = pod.metadata!;
  const kv = (m: Record<string, string> | undefined) =>
    Object.keys(m ?? {})
      .sort()
      .map((k) => `${k}="${m![k]}"`)
      .join('\n');
  switch (path) {
    case 'metadata.labels':
      return kv(md.labels);
    case 'metadata.annotations':
      return kv({ ...(md.annotations ?? {}), 'kubernetes.io/config.seen': rfc3339(seen).replace('Z', '.000000000Z'), 'kubernetes.io/config.source': 'api' });
    case 'metadata.name':
      return md.name ?? '';
    case 'metadata.namespace':
      return md.namespace ?? 'default';
    case 'metadata.uid':
      return md.uid ?? '';
  }
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? md.labels : md.annotations)?.[m[2]] ?? '';
  return '';
}

/** A bound service account token (a JWT; the signature is not a real one). */
function serviceAccountToken(pod: Pod, audience: string | undefined, expiry: number): string {
  const ns = pod.metadata!.namespace ?? 'default';
  const sa = pod.spec!.serviceAccountName ?? 'default';
  const b64url = (s: string) => encodeBase64(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: hexDigest(`kid:${ns}`, 43) }));
  const payload = b64url(
    JSON.stringify({
      aud: [audience ?? 'https://kubernetes.default.svc.cluster.local'],
      exp: 1_767_225_600 + expiry,
      iss: 'https://kubernetes.default.svc.cluster.local',
      'kubernetes.io': { namespace: ns, node: { name: pod.spec!.nodeName }, pod: { name: pod.metadata!.name, uid: pod.metadata!.uid }, serviceaccount: { name: sa } },
      sub: `system:serviceaccount:${ns}:${sa}`,
    }),
  );
  return `${header}.${payload}.${b64url(hexDigest(`sig:${pod.metadata!.uid}`, 96))}`;
}

/** The mounts of one container: its volumeMounts over the volumes set up for the pod. */
export function containerMounts(c: Container, volumes: Map<string, VolumeSource>, expand: (s: string) => string): Mount[] {
  const out: Mount[] = [];
  for (const vm of c.volumeMounts ?? []) {
    const v = volumes.get(vm.name);
    if (!v) continue;
    const sub = vm.subPathExpr ? expand(vm.subPathExpr) : vm.subPath;
    const subPath = [v.subPath, sub].filter(Boolean).join('/') || undefined;
    const readOnly = v.readOnly || !!vm.readOnly;
    out.push({ path: normalizePath(vm.mountPath), source: v.source, layer: readOnly ? undefined : v.layer, subPath, readOnly });
  }
  return out;
}
