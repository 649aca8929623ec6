/**
 * Pod volumes (ValidateVolumes / validateVolumeSource in pkg/apis/core/validation): unique
 * DNS-1123 names, exactly one source, and each source's own rules.
 */
import { FieldError, fieldErr } from '../errors';
import { validatePersistentVolumeClaimSpec } from './pvcSpec';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { validateLabels, validateAnnotations } from './meta';

/** In upstream's order; the path segment of each "may not specify more than 1 volume type" (typos included). */
export const VOLUME_SOURCES: readonly [key: string, pathName: string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
export const VOLUME_DOWNWARD_FIELDS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

function fileMode(mode: unknown, path: string): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [fieldErr.invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function hasBackstep(p: string): boolean {
  return p.replace(/\\/g, '/').split('/').includes('..');
}

/** validatePathNoBacksteps. */
export function noBacksteps(p: string, path: string): FieldError[] {
  return hasBackstep(p) ? [fieldErr.invalid(path, p, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, no "..". */
export function localDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fieldErr.invalid(path, p, 'must be a relative path'));
  errs.push(...noBacksteps(p, path));
  return errs;
}

/** ValidateLocalNonReservedPath. */
export function localNonReservedPath(p: string, path: string): FieldError[] {
  const errs = localDescendingPath(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fieldErr.invalid(path, p, "must not start with '..'"));
  return errs;
}

function keyToPath(items: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, kp] of (items ?? []).entries()) {
    const p = `${path}[${i}]`;
    if (!kp.key) errs.push(fieldErr.required(`${p}.key`));
    if (!kp.path) errs.push(fieldErr.required(`${p}.path`));
    errs.push(...localNonReservedPath(String(kp.path ?? ''), `${p}.path`));
    errs.push(...fileMode(kp.mode, `${p}.mode`));
  }
  return errs;
}

function downwardFile(file: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(fieldErr.required(`${path}.path`));
  errs.push(...localNonReservedPath(String(file.path ?? ''), `${path}.path`));
  if (file.fieldRef) {
    const fp = String(file.fieldRef.fieldPath ?? '');
    const base = fp.replace(/\[.*\]$/, '');
    if (!file.fieldRef.apiVersion) errs.push(fieldErr.required(`${path}.fieldRef.apiVersion`));
    else if (!fp) errs.push(fieldErr.required(`${path}.fieldRef.fieldPath`));
    else if (!VOLUME_DOWNWARD_FIELDS.includes(base)) errs.push(fieldErr.notSupported(`${path}.fieldRef.fieldPath`, fp, VOLUME_DOWNWARD_FIELDS));
    if (file.resourceFieldRef) errs.push(fieldErr.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    if (!file.resourceFieldRef.containerName) errs.push(fieldErr.required(`${path}.resourceFieldRef.containerName`));
  } else errs.push(fieldErr.required(path, 'one of fieldRef and resourceFieldRef is required'));
  errs.push(...fileMode(file.mode, `${path}.mode`));
  return errs;
}

function projected(src: any, path: string): FieldError[] {
  const errs = fileMode(src.defaultMode, `${path}.defaultMode`);
  const seen = new Set<string>();
  const addPath = (p: unknown, bad: unknown) => {
    if (typeof p !== 'string' || !p) return;
    if (seen.has(p)) errs.push(fieldErr.invalid(path, bad, 'conflicting duplicate paths'));
    seen.add(p);
  };
  for (const [i, s] of ((src.sources ?? []) as any[]).entries()) {
    const sp = `${path}.sources[${i}]`;
    let n = 0;
    if (s.secret) {
      n++;
      if (!s.secret.name) errs.push(fieldErr.required(`${sp}.secret.name`));
      errs.push(...keyToPath(s.secret.items, `${sp}.secret.items`));
      for (const kp of s.secret.items ?? []) addPath(kp.path, s.secret.name ?? '');
    }
    if (s.configMap) {
      n++;
      if (!s.configMap.name) errs.push(fieldErr.required(`${sp}.configMap.name`));
      errs.push(...keyToPath(s.configMap.items, `${sp}.configMap.items`));
      for (const kp of s.configMap.items ?? []) addPath(kp.path, s.configMap.name ?? '');
    }
    if (s.downwardAPI) {
      n++;
      for (const f of s.downwardAPI.items ?? []) {
        errs.push(...downwardFile(f, `${sp}.downwardAPI`));
        addPath(f.path, f.path);
      }
    }
    if (s.serviceAccountToken) {
      n++;
      const exp = s.serviceAccountToken.expirationSeconds;
      if (typeof exp === 'number' && exp < 600) errs.push(fieldErr.invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
      if (typeof exp === 'number' && exp > 2 ** 32) errs.push(fieldErr.invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!s.serviceAccountToken.path) errs.push(fieldErr.required(`${path}.path`));
      else errs.push(...localNonReservedPath(s.serviceAccountToken.path, `${path}.path`));
    }
    if (s.clusterTrustBundle) {
      n++;
      if (!s.clusterTrustBundle.path) errs.push(fieldErr.required(`${sp}.clusterTrustBundle.path`));
    }
    if (s.podCertificate) n++;
    if (n > 1) errs.push(fieldErr.forbidden(sp, 'may not specify more than 1 volume type per source'));
  }
  return errs;
}

/** The rules of one source; `key` is its field name. */
function sourceErrors(key: string, src: any, path: string, volName: string, podName: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const req = (field: string) => {
    if (src?.[field] === undefined || src[field] === '' || src[field] === null) errs.push(fieldErr.required(`${path}.${field}`));
  };
  switch (key) {
    case 'emptyDir':
      break;
    case 'hostPath':
      if (!src.path) return [fieldErr.required(`${path}.path`)];
      errs.push(...noBacksteps(src.path, `${path}.path`));
      if (src.type !== undefined && src.type !== null && !HOST_PATH_TYPES.includes(src.type)) errs.push(fieldErr.notSupported(`${path}.type`, src.type, HOST_PATH_TYPES));
      break;
    case 'secret':
      req('secretName');
      errs.push(...fileMode(src.defaultMode, `${path}.defaultMode`), ...keyToPath(src.items, `${path}.items`));
      break;
    case 'configMap':
      req('name');
      errs.push(...fileMode(src.defaultMode, `${path}.defaultMode`), ...keyToPath(src.items, `${path}.items`));
      break;
    case 'persistentVolumeClaim':
      req('claimName');
      break;
    case 'nfs':
      req('server');
      req('path');
      if (!String(src.path ?? '').startsWith('/')) errs.push(fieldErr.invalid(`${path}.path`, src.path ?? '', 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...fileMode(src.defaultMode, `${path}.defaultMode`));
      for (const f of src.items ?? []) errs.push(...downwardFile(f, path));
      break;
    case 'projected':
      errs.push(...projected(src, path));
      break;
    case 'csi':
      if (!src.driver) errs.push(fieldErr.required(`${path}.driver`));
      else for (const m of isDNS1123Subdomain(String(src.driver).toLowerCase())) errs.push(fieldErr.invalid(`${path}.driver`, src.driver, m));
      break;
    case 'ephemeral':
      if (!src.volumeClaimTemplate) errs.push(fieldErr.required(`${path}.volumeClaimTemplate`));
      else {
        const t = src.volumeClaimTemplate;
        errs.push(...validateLabels(t.metadata?.labels, `${path}.volumeClaimTemplate.metadata.labels`));
        errs.push(...validateAnnotations(t.metadata?.annotations, `${path}.volumeClaimTemplate.metadata.annotations`));
        errs.push(...validatePersistentVolumeClaimSpec(t.spec ?? {}, `${path}.volumeClaimTemplate.spec`));
        if (podName && volName) {
          const pvc = `${podName}-${volName}`;
          for (const m of isDNS1123Subdomain(pvc)) errs.push(fieldErr.invalid(`${path}.name`, volName, `PVC name "${pvc}": ${m}`));
        }
      }
      break;
    case 'gitRepo':
      req('repository');
      errs.push(...localDescendingPath(String(src.directory ?? ''), `${path}.directory`));
      break;
    case 'image':
      if (!src.reference) errs.push(fieldErr.required(`${path}.reference`));
      break;
    case 'iscsi':
      req('targetPortal');
      req('iqn');
      break;
    case 'rbd':
      if (!(src.monitors ?? []).length) errs.push(fieldErr.required(`${path}.monitors`));
      req('image');
      break;
    case 'cephfs':
      if (!(src.monitors ?? []).length) errs.push(fieldErr.required(`${path}.monitors`));
      break;
    case 'glusterfs':
      req('endpoints');
      req('path');
      break;
    case 'azureFile':
      req('secretName');
      req('shareName');
      break;
    case 'azureDisk':
      req('diskName');
      req('diskURI');
      break;
    case 'gcePersistentDisk':
      req('pdName');
      break;
    case 'awsElasticBlockStore':
    case 'cinder':
    case 'portworxVolume':
      req('volumeID');
      break;
    case 'vsphereVolume':
      req('volumePath');
      break;
    case 'flexVolume':
      req('driver');
      break;
    default:
      break;
  }
  return errs;
}

/**
 * ValidateVolumes: returns the errors and the names of the valid volumes (what volumeMounts may
 * name). `podName` is set for pods (generic ephemeral volumes derive a PVC name from it).
 */
export function validateVolumes(volumes: any[] | undefined, path: string, podName?: string): { errs: FieldError[]; names: Map<string, any> } {
  const errs: FieldError[] = [];
  const names = new Map<string, any>();
  const ephemeralClaims = new Set<string>();
  if (podName) for (const v of volumes ?? []) if (v.ephemeral) ephemeralClaims.add(`${podName}-${v.name}`);
  for (const [i, vol] of (volumes ?? []).entries()) {
    const idx = `${path}[${i}]`;
    const el: FieldError[] = [];
    let count = 0;
    for (const [key, pathName] of VOLUME_SOURCES) {
      if (vol[key] === undefined || vol[key] === null) continue;
      if (count > 0) {
        el.push(fieldErr.forbidden(`${idx}.${pathName}`, 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      el.push(...sourceErrors(key, vol[key], `${idx}.${key}`, vol.name ?? '', podName));
    }
    if (count === 0) el.push(fieldErr.required(idx, 'must specify a volume type'));
    if (!vol.name) el.push(fieldErr.required(`${idx}.name`));
    else for (const m of isDNS1123Label(vol.name)) el.push(fieldErr.invalid(`${idx}.name`, vol.name, m));
    if (vol.name && names.has(vol.name)) el.push(fieldErr.duplicate(`${idx}.name`, vol.name));
    if (el.length === 0) names.set(vol.name, vol);
    else errs.push(...el);
    if (vol.persistentVolumeClaim && ephemeralClaims.has(vol.persistentVolumeClaim.claimName)) {
      errs.push(fieldErr.invalid(`${idx}.persistentVolumeClaim.claimName`, vol.persistentVolumeClaim.claimName, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  }
  return { errs, names };
}
