import type { ApiServer } from '../api/apiServer';
import { apiErr, ApiError } from '../api/errors';
import { groupResource, KINDS, lookupResource, type KindInfo } from '../api/kinds';
import type { KObject } from '../api/object';
import { matches, parseSelector, type Selector } from '../api/selectors';
import { fail } from './errors';

/** One thing a command acts on: every object of a kind (name undefined) or one named object. */
export interface Target {
  info: KindInfo;
  name?: string;
}

/** Resolves a resource type as typed ("po", "deploy", "deployments.apps"), or fails as kubectl does. */
export function resolveType(text: string): KindInfo {
  const info = lookupResource(text);
  if (!info) throw fail(`the server doesn't have a resource type "${text}"`);
  return info;
}

/** kubectl's "all" category: the kinds marked inAll, in discovery order. */
export function allCategory(): KindInfo[] {
  return KINDS.filter((k) => k.inAll);
}

function resolveTypes(list: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const t of list.split(',')) {
    if (t === '') continue;
    if (t.toLowerCase() === 'all') out.push(...allCategory());
    else out.push(resolveType(t));
  }
  return out;
}

/**
 * resource.Builder's ResourceTypeOrNameArgs: either "TYPE[,TYPE...] [NAME...]" or
 * "TYPE/NAME [TYPE/NAME...]". Names given after a type list apply to every type.
 */
export function parseTargets(args: readonly string[]): Target[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw fail(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    return args.map((a) => {
      const parts = a.split('/');
      if (parts.length > 2) throw fail('arguments in resource/name form may not have more than one slash');
      if (!parts[0] || !parts[1]) throw fail('arguments in resource/name form must have a single resource and name');
      return { info: resolveType(parts[0]), name: parts[1] };
    });
  }
  const types = resolveTypes(args[0]);
  const names = args.slice(1);
  if (names.length === 0) return types.map((info) => ({ info }));
  const out: Target[] = [];
  for (const info of types) for (const name of names) out.push({ info, name });
  return out;
}

/** Fields each kind's field selectors support (besides metadata.name and metadata.namespace). */
const FIELD_LABELS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Node: ['spec.unschedulable'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Secret: ['type'],
  Namespace: ['status.phase'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
  Service: ['spec.clusterIP', 'spec.type'],
};

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

export function parseFieldSelector(text: string | undefined): FieldRequirement[] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const m = part.match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) throw fail(`invalid field selector: '${part}'`);
    return { field: m[1].trim(), value: m[3].trim(), negate: m[2] === '!=' };
  });
}

function fieldValue(obj: KObject, field: string): string {
  if (obj.kind === 'Event' && field === 'source') return obj.source?.component ?? '';
  if (obj.kind === 'Job' && field === 'status.successful') return String(obj.status?.succeeded ?? 0);
  let cur: any = obj;
  for (const p of field.split('.')) cur = cur?.[p];
  if (cur === undefined || cur === null) return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  return String(cur);
}

export interface ListOptions {
  /** undefined: every namespace (-A); ignored for cluster-scoped kinds. */
  namespace?: string;
  selector?: Selector;
  fields?: FieldRequirement[];
}

/** Checks a field selector against what the kind supports, with the API server's wording. */
export function checkFieldSelector(info: KindInfo, fields: FieldRequirement[], text: string): void {
  for (const f of fields) {
    if (f.field === 'metadata.name' || f.field === 'metadata.namespace') continue;
    if ((FIELD_LABELS[info.kind] ?? []).includes(f.field)) continue;
    const gvr = `${info.group}/${info.versions[0]}, Resource=${info.plural}`;
    throw new ApiError('BadRequest', `Unable to find "${gvr}" that match label selector "", field selector "${text}": field label not supported: ${f.field}`);
  }
}

/** The objects of a kind as a list request returns them: by namespace, then name. */
export function listObjects(api: ApiServer, info: KindInfo, opts: ListOptions = {}): KObject[] {
  const ns = info.namespaced ? opts.namespace : undefined;
  const objs = api.list(info.kind, ns).filter((o) => (!opts.selector || matches(opts.selector, o.metadata.labels)) && (opts.fields ?? []).every((f) => (fieldValue(o, f.field) === f.value) !== f.negate));
  return sortByNamespaceName(objs);
}

export function sortByNamespaceName(objs: KObject[]): KObject[] {
  return objs.sort((a, b) => {
    const na = a.metadata.namespace ?? '';
    const nb = b.metadata.namespace ?? '';
    if (na !== nb) return na < nb ? -1 : 1;
    const ma = a.metadata.name!;
    const mb = b.metadata.name!;
    return ma < mb ? -1 : ma > mb ? 1 : 0;
  });
}

/** GET of one object, or the API server's NotFound error. */
export function getObject(api: ApiServer, info: KindInfo, namespace: string, name: string): KObject {
  const obj = api.get(info.kind, info.namespaced ? namespace : undefined, name);
  if (!obj) throw apiErr.notFound(groupResource(info), name);
  return obj;
}

export function selectorFrom(text: string | undefined): Selector | undefined {
  if (!text) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    throw fail((e as Error).message);
  }
}

/** "deployment.apps/web": how kubectl names an object in its one-line messages. */
export function kindSlashName(info: KindInfo, name: string): string {
  return `${info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase()}/${name}`;
}
