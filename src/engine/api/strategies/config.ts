/**
 * ConfigMaps, Secrets and ServiceAccounts (pkg/apis/core/validation ValidateConfigMap,
 * ValidateSecret, and the v1 conversion that folds a Secret's stringData into data).
 */
import type { KindStrategy } from '../apiServer';
import { deepEqual } from '../equal';
import { ApiError, FieldError, fieldErr } from '../errors';
import { immutable } from '../validation/common';
import { isConfigMapKey } from '../validation/formats';
import { base64DecodedLength, base64Encode, base64ErrorOffset } from './base64';

/** core.MaxSecretSize: 1 MiB for the data of a Secret or a ConfigMap. */
export const MAX_SECRET_SIZE = 1024 * 1024;

function validateKeys(map: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of Object.keys(map ?? {})) for (const m of isConfigMapKey(key)) errs.push(fieldErr.invalid(`${path}[${key}]`, key, m));
  return errs;
}

function immutableData(obj: any, old: any, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(fieldErr.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!deepEqual(obj[f] ?? {}, old[f] ?? {})) errs.push(fieldErr.forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

function validateConfigMap(obj: any): FieldError[] {
  const errs = validateKeys(obj.data, 'data');
  let size = 0;
  for (const [k, v] of Object.entries(obj.data ?? {})) {
    if (obj.binaryData && k in obj.binaryData) errs.push(fieldErr.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += String(v).length;
  }
  errs.push(...validateKeys(obj.binaryData, 'binaryData'));
  for (const v of Object.values(obj.binaryData ?? {})) size += base64DecodedLength(String(v));
  if (size > MAX_SECRET_SIZE) errs.push(fieldErr.tooLong('', MAX_SECRET_SIZE));
  return errs;
}

export const configMapStrategy: KindStrategy = {
  defaults(obj) {
    for (const v of Object.values(obj.binaryData ?? {})) {
      const off = base64ErrorOffset(String(v));
      if (off !== undefined) throw new ApiError('BadRequest', `ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte ${off}`);
    }
  },
  validate: validateConfigMap,
  validateUpdate(obj, old) {
    return [...immutableData(obj, old, ['data', 'binaryData']), ...validateConfigMap(obj)];
  },
};

const DOCKER_CONFIG_JSON = '.dockerconfigjson';
const DOCKER_CFG = '.dockercfg';

function decode(b64: string): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const s = b64.replace(/[\r\n=]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => ALPHABET.indexOf(s[i + k] ?? 'A'));
    const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    bytes.push((v >> 16) & 255);
    if (i + 2 < s.length) bytes.push((v >> 8) & 255);
    if (i + 3 < s.length) bytes.push(v & 255);
  }
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    let cp = len === 4 ? b & 7 : len === 3 ? b & 15 : len === 2 ? b & 31 : b;
    for (let k = 1; k < len; k++) cp = (cp << 6) | ((bytes[i + k] ?? 0) & 63);
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

function jsonError(text: string): string | undefined {
  try {
    const v = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'json: cannot unmarshal into Go value of type map[string]interface {}';
    return undefined;
  } catch {
    return 'invalid character in JSON';
  }
}

function validateSecret(obj: any): FieldError[] {
  const data: Record<string, string> = obj.data ?? {};
  const errs = validateKeys(data, 'data');
  let size = 0;
  for (const v of Object.values(data)) size += base64DecodedLength(String(v));
  if (size > MAX_SECRET_SIZE) errs.push(fieldErr.tooLong('data', MAX_SECRET_SIZE));
  switch (obj.type) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata.annotations?.['kubernetes.io/service-account.name']) errs.push(fieldErr.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = obj.type === 'kubernetes.io/dockercfg' ? DOCKER_CFG : DOCKER_CONFIG_JSON;
      if (!(key in data)) errs.push(fieldErr.required(`data[${key}]`));
      else {
        const e = jsonError(decode(String(data[key])));
        if (e) errs.push(fieldErr.invalid(`data[${key}]`, '<secret contents redacted>', e));
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(fieldErr.required('data[username]'), fieldErr.required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(fieldErr.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(fieldErr.required('data[tls.crt]'));
      if (!('tls.key' in data)) errs.push(fieldErr.required('data[tls.key]'));
      break;
    default:
      break;
  }
  return errs;
}

export const secretStrategy: KindStrategy = {
  /** SetDefaults_Secret, and the conversion that writes stringData into data (base64) and drops it. */
  defaults(obj) {
    if (!obj.type) obj.type = 'Opaque';
    for (const v of Object.values(obj.data ?? {})) {
      const off = base64ErrorOffset(String(v));
      if (off !== undefined) throw new ApiError('BadRequest', `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${off}`);
    }
    if (obj.stringData) {
      obj.data ??= {};
      for (const [k, v] of Object.entries(obj.stringData)) obj.data[k] = base64Encode(String(v));
      delete obj.stringData;
    }
  },
  validate: validateSecret,
  validateUpdate(obj, old) {
    return [...immutable(obj.type, old.type, 'type'), ...immutableData(obj, old, ['data']), ...validateSecret(obj)];
  },
};

export const serviceAccountStrategy: KindStrategy = {};
