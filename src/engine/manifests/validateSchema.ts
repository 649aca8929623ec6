import { resolveKind, splitApiVersion, type KindInfo } from '../api/kinds';
import { base64Error, quantityError, rfc3339Error } from './goDecode';
import { formatFieldPath, type PathSegment } from './positions';
import { shapeOfKind, type Shape, type StructShape } from './schema';

/**
 * Checks one object as `kubectl apply` and the API server would before storing anything:
 * kubectl's own checks (apiVersion and kind set, the kind served at that version), then the
 * server's strict decoding against the kind's schema (unknown fields, wrong JSON types, values the
 * special types cannot decode), then the fields the schema marks required. Every problem is
 * reported, each with the path of the offending node. Pure and fast: the schema is compiled once.
 */

export interface SchemaProblem {
  /** Path of the offending node inside the object. */
  path: PathSegment[];
  /** Point at the node's key (unknown fields, missing required fields' parent) or its value. */
  at: 'key' | 'value';
  message: string;
}

export interface ShapeResult {
  info?: KindInfo;
  problems: SchemaProblem[];
}

/** Error text of kubectl's resource mapping for a kind this cluster does not serve. */
export function noMatchMessage(kind: string, apiVersion: string, name: string, namespace: string, file: string): string {
  return `resource mapping not found for name: "${name}" namespace: "${namespace}" from "${file}": no matches for kind "${kind}" in version "${apiVersion}"`;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `file` names the source in kubectl's "resource mapping not found … from <file>" message. */
export function validateObject(obj: unknown, file: string): ShapeResult {
  if (!isPlainObject(obj)) return { problems: [{ path: [], at: 'value', message: 'error validating data: invalid object to validate' }] };
  const problems: SchemaProblem[] = [];
  const { apiVersion, kind } = obj;
  if (apiVersion === undefined || apiVersion === null) problems.push({ path: [], at: 'value', message: 'error validating data: apiVersion not set' });
  else if (typeof apiVersion !== 'string') problems.push({ path: ['apiVersion'], at: 'value', message: "error validating data: apiVersion isn't string type" });
  if (kind === undefined || kind === null) problems.push({ path: [], at: 'value', message: 'error validating data: kind not set' });
  else if (typeof kind !== 'string') problems.push({ path: ['kind'], at: 'value', message: "error validating data: kind isn't string type" });
  if (problems.length) return { problems };

  const info = resolveKind(apiVersion as string, kind as string);
  const { group, version } = splitApiVersion(apiVersion as string);
  const shape = info ? shapeOfKind(group, version, info.kind) : undefined;
  if (!info || !shape) {
    const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
    return { problems: [{ path: ['kind'], at: 'value', message: noMatchMessage(kind as string, apiVersion as string, name, namespace, file) }] };
  }
  new Walker(problems).struct(obj, shape);
  return { info, problems };
}

/** How encoding/json names a JSON value's kind in its errors. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

class Walker {
  /** Inside .status: decoded, but required fields are not the client's to set. */
  private inStatus = false;
  /** The current path (with list indices) and JSON field path (without), kept as stacks: strings are built only for problems. */
  private readonly path: PathSegment[] = [];
  private readonly goPath: string[] = [];

  constructor(private readonly problems: SchemaProblem[]) {}

  struct(obj: Record<string, unknown>, shape: StructShape): void {
    for (const key of Object.keys(obj)) {
      const field = shape.fields.get(key) ?? (shape.extra?.pattern.test(key) ? shape.extra.shape : undefined);
      this.path.push(key);
      if (!field) {
        this.problems.push({ path: [...this.path], at: 'key', message: `unknown field "${formatFieldPath(this.path)}"` });
      } else {
        const entering = this.path.length === 1 && key === 'status';
        if (entering) this.inStatus = true;
        this.goPath.push(key);
        this.value(obj[key], field, shape.struct);
        this.goPath.pop();
        if (entering) this.inStatus = false;
      }
      this.path.pop();
    }
    if (this.inStatus) return;
    for (const r of shape.required) {
      if (obj[r] === undefined || obj[r] === null) {
        this.problems.push({ path: [...this.path], at: 'key', message: `${formatFieldPath([...this.path, r])}: Required value` });
      }
    }
  }

  /** Decodes one value into a field of Go struct `owner`. */
  private value(v: unknown, shape: Shape, owner: string): void {
    if (v === null) return; // encoding/json leaves the field at its zero value
    switch (shape.kind) {
      case 'struct':
        if (isPlainObject(v)) this.struct(v, shape);
        else this.typeError(v, shape, owner);
        return;
      case 'map':
        if (!isPlainObject(v)) return this.typeError(v, shape, owner);
        for (const k of Object.keys(v)) {
          this.path.push(k);
          this.value(v[k], shape.values, owner);
          this.path.pop();
        }
        return;
      case 'list':
        if (!Array.isArray(v)) return this.typeError(v, shape, owner);
        for (let i = 0; i < v.length; i++) {
          this.path.push(i);
          this.value(v[i], shape.items, owner);
          this.path.pop();
        }
        return;
      case 'string':
        if (typeof v !== 'string') this.typeError(v, shape, owner);
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.typeError(v, shape, owner);
        return;
      case 'float':
        if (typeof v !== 'number') this.typeError(v, shape, owner);
        return;
      case 'int':
        if (typeof v !== 'number') this.typeError(v, shape, owner);
        else if (!Number.isInteger(v) || v < shape.min || v > shape.max) this.typeError(v, shape, owner, `number ${v}`);
        return;
      case 'intstr':
        // IntOrString.UnmarshalJSON: a JSON string, else json.Unmarshal into an int32 (no struct context).
        if (typeof v === 'string') return;
        if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return;
        return this.decodeError(`json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : jsonKind(v)} into Go value of type int32`);
      case 'quantity': {
        const err = quantityError(v);
        if (err) this.decodeError(err);
        return;
      }
      case 'time': {
        if (typeof v !== 'string') return this.decodeError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
        const err = rfc3339Error(v);
        if (err) this.decodeError(err);
        return;
      }
      case 'bytes': {
        if (typeof v !== 'string') return this.typeError(v, shape, owner);
        const err = base64Error(v);
        if (err) this.decodeError(err);
        return;
      }
      case 'any':
        return;
    }
  }

  /** encoding/json's UnmarshalTypeError: the innermost struct, then the JSON field path from the root. */
  private typeError(v: unknown, shape: Shape, owner: string, value = jsonKind(v)): void {
    this.decodeError(`json: cannot unmarshal ${value} into Go struct field ${owner}.${this.goPath.join('.')} of type ${shape.go}`);
  }

  private decodeError(message: string): void {
    this.problems.push({ path: [...this.path], at: 'value', message });
  }
}
