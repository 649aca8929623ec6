import { freeze, produce, type Draft } from 'immer';
import { deepFreeze, mutableCopy } from './freeze';
import type { SimClock } from '../clock/simClock';
import type { Rng } from '../random';
import { rfc3339 } from '../time';
import { deepEqual } from './equal';
import { apiErr, ApiError, type FieldError } from './errors';
import { groupResource, kindInfo, type KindInfo } from './kinds';
import { keyOf, type KObject } from './object';
import { ObjectStore } from './store';
import { validateObjectMeta } from './validation/meta';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchType;
  object: KObject;
  /** The previous stored version, for MODIFIED and DELETED. */
  old?: KObject;
}

export type WatchHandler = (ev: WatchEvent) => void;

export type Operation = 'CREATE' | 'UPDATE';

export interface ApiContext {
  readonly api: ApiServer;
  readonly now: number;
  readonly rng: Rng;
  /** Namespaces a multi-document dry run will create before this object (kubectl apply -f of a file with both). */
  readonly pendingNamespaces?: ReadonlySet<string>;
}

/** Per-kind behaviour of the registry, as pkg/registry/<group>/<kind>/strategy.go holds it upstream. */
export interface KindStrategy {
  /** SetDefaults_* of pkg/apis/<group>/v1/defaults.go: applied to every write. */
  defaults?(obj: Draft<KObject>, ctx: ApiContext): void;
  /** PrepareForCreate: reset status, fill system fields. */
  prepareForCreate?(obj: Draft<KObject>, ctx: ApiContext): void;
  /** PrepareForUpdate: carry over what the client may not change through this path. */
  prepareForUpdate?(obj: Draft<KObject>, old: KObject, ctx: ApiContext): void;
  validate?(obj: KObject, ctx: ApiContext): FieldError[];
  validateUpdate?(obj: KObject, old: KObject, ctx: ApiContext): FieldError[];
  /** Status writes: what the status path may change beyond .status (e.g. nothing). */
  prepareForStatusUpdate?(obj: Draft<KObject>, old: KObject, ctx: ApiContext): void;
}

/** An admission plugin, mutating and/or validating, as in the API server's admission chain. */
export interface AdmissionPlugin {
  name: string;
  kinds?: readonly string[];
  mutate?(op: Operation, obj: Draft<KObject>, old: KObject | undefined, ctx: ApiContext): void;
  /** Throws an ApiError to refuse. */
  validate?(op: Operation, obj: KObject, old: KObject | undefined, ctx: ApiContext): void;
}

/** A kind whose objects another component keeps (Events): the API server serves reads and deletes from it. */
export interface VirtualKind {
  get(namespace: string | undefined, name: string): KObject | undefined;
  list(namespace?: string): KObject[];
  delete(namespace: string | undefined, name: string): KObject | undefined;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  pendingNamespaces?: ReadonlySet<string>;
}

/** Kinds whose metadata.generation is tracked (their strategies set it to 1 on create). */
const GENERATION_KINDS = new Set([
  'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress', 'Pod', 'CustomResourceDefinition',
  'ValidatingAdmissionPolicy', 'MutatingAdmissionPolicy', 'ResourceClaim', 'Service', 'EndpointSlice',
]);

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/**
 * The API server: the only writer of the object store. Every write goes through defaulting,
 * admission and validation, gets a new cluster-wide resourceVersion, and is announced to
 * watchers as ADDED / MODIFIED / DELETED, synchronously and in order.
 */
export class ApiServer {
  readonly store = new ObjectStore();
  private rv = 0;
  private readonly strategies = new Map<string, KindStrategy[]>();
  private readonly admission: AdmissionPlugin[] = [];
  private readonly admissionByKind = new Map<string, AdmissionPlugin[]>();
  private readonly watchers = new Map<string, WatchHandler[]>();
  private readonly allWatchers: WatchHandler[] = [];
  private readonly virtualKinds = new Map<string, VirtualKind>();

  constructor(
    readonly clock: SimClock,
    readonly rng: Rng,
  ) {}

  registerStrategy(kind: string, s: KindStrategy): void {
    const list = this.strategies.get(kind) ?? [];
    list.push(s);
    this.strategies.set(kind, list);
  }

  registerVirtualKind(kind: string, v: VirtualKind): void {
    this.virtualKinds.set(kind, v);
  }

  /** Hands out the next cluster-wide resourceVersion (for objects kept outside the store). */
  nextResourceVersion(): string {
    this.rv++;
    return String(this.rv);
  }

  registerAdmission(p: AdmissionPlugin): void {
    this.admission.push(p);
    this.admissionByKind.clear();
  }

  /** Watches one kind. Handlers run synchronously after each write; they should only enqueue work. */
  watch(kind: string, handler: WatchHandler): () => void {
    const list = this.watchers.get(kind) ?? [];
    list.push(handler);
    this.watchers.set(kind, list);
    return () => {
      const l = this.watchers.get(kind)!;
      l.splice(l.indexOf(handler), 1);
    };
  }

  watchAll(handler: WatchHandler): () => void {
    this.allWatchers.push(handler);
    return () => this.allWatchers.splice(this.allWatchers.indexOf(handler), 1);
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv;
  }

  context(opts: WriteOptions = {}): ApiContext {
    return { api: this, now: this.clock.now(), rng: this.rng, pendingNamespaces: opts.pendingNamespaces };
  }

  // ---- reads -------------------------------------------------------------------------------

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const v = this.virtualKinds.get(kind);
    if (v) return v.get(namespace, name) as T | undefined;
    return this.store.get(kind, namespace, name) as T | undefined;
  }

  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const v = this.virtualKinds.get(kind);
    if (v) return v.list(namespace) as T[];
    return this.store.list(kind, namespace) as T[];
  }

  getByUid(uid: string): KObject | undefined {
    return this.store.getByUid(uid);
  }

  // ---- writes ------------------------------------------------------------------------------

  create<T extends KObject = KObject>(input: KObject, opts: WriteOptions = {}): T {
    const info = this.info(input.kind);
    const ctx = this.context(opts);
    const ns = info.namespaced ? input.metadata?.namespace || 'default' : undefined;
    if (info.namespaced) this.checkNamespace(ns!, ctx, input);

    let name = input.metadata?.name;
    const generateName = input.metadata?.generateName;
    if (!name && generateName) name = this.generateName(info, ns, generateName);
    if (!name) {
      throw new ApiError('Invalid', `${qualifiedKind(info)} "" is invalid: metadata.name: Required value: name or generateName is required`);
    }
    if (!opts.dryRun && this.store.get(info.kind, ns, name)) throw apiErr.alreadyExists(groupResource(info), name);
    if (input.metadata?.resourceVersion) throw apiErr.badRequest('resourceVersion should not be set on objects to be created');

    // Creates build a fresh mutable copy (templates handed in are often frozen parts of other
    // objects), run the recipes on it directly, and freeze it once: no proxies on the hottest path.
    const d = mutableCopy(input) as Draft<KObject>;
    d.metadata ??= {};
    d.metadata.name = name;
    if (ns !== undefined) d.metadata.namespace = ns;
    else delete d.metadata.namespace;
    d.metadata.uid = opts.dryRun ? 'dry-run' : this.rng.uuid();
    d.metadata.creationTimestamp = rfc3339(ctx.now);
    delete d.metadata.resourceVersion;
    delete d.metadata.deletionTimestamp;
    delete d.metadata.deletionGracePeriodSeconds;
    delete d.metadata.managedFields;
    delete d.metadata.selfLink;
    if (GENERATION_KINDS.has(info.kind)) d.metadata.generation = 1;
    else delete d.metadata.generation;
    // Status is the controllers' to write, except a Node's: the kubelet registers with its capacity.
    if (info.hasStatus && info.kind !== 'Node') delete d.status;
    for (const s of this.strategiesOf(info.kind)) s.defaults?.(d, ctx);
    for (const p of this.admissionFor(info.kind)) p.mutate?.('CREATE', d, undefined, ctx);
    for (const s of this.strategiesOf(info.kind)) s.prepareForCreate?.(d, ctx);
    const obj = d as KObject;

    this.validateOrThrow(info, obj, undefined, ctx);
    for (const p of this.admissionFor(info.kind)) p.validate?.('CREATE', obj, undefined, ctx);
    if (opts.dryRun) return deepFreeze(obj) as T;

    this.rv++;
    d.metadata.resourceVersion = String(this.rv);
    deepFreeze(obj);
    this.store.put(obj, undefined);
    this.emit({ type: 'ADDED', object: obj });
    return obj as T;
  }

  /**
   * A system write of a fully formed object whose kind has no defaults or admission to run
   * (the event recorder's Events): identity and resourceVersion are assigned as for any create.
   */
  createTrusted<T extends KObject = KObject>(input: KObject): T {
    const info = this.info(input.kind);
    const ns = info.namespaced ? input.metadata.namespace || 'default' : undefined;
    if (info.namespaced) this.checkNamespace(ns!, this.context(), input);
    const name = input.metadata.name!;
    if (this.store.get(info.kind, ns, name)) throw apiErr.alreadyExists(groupResource(info), name);
    this.rv++;
    const obj = deepFreeze({
      ...input,
      metadata: { ...input.metadata, namespace: ns, uid: this.rng.uuid(), creationTimestamp: rfc3339(this.clock.now()), resourceVersion: String(this.rv) },
    }) as KObject;
    this.store.put(obj, undefined);
    this.emit({ type: 'ADDED', object: obj });
    return obj as T;
  }

  /** A system write replacing top-level fields of an object (an Event's count and lastTimestamp). */
  updateTrusted<T extends KObject = KObject>(old: KObject, fields: Record<string, unknown>): T {
    this.rv++;
    const obj = deepFreeze({ ...old, ...fields, metadata: { ...old.metadata, resourceVersion: String(this.rv) } }) as KObject;
    this.store.put(obj, old);
    this.emit({ type: 'MODIFIED', object: obj, old });
    return obj as T;
  }

  /**
   * Replaces an object through its main path (PUT): metadata identity and, for kinds with a
   * status subresource, the status are carried over; generation bumps when the spec changed.
   */
  update<T extends KObject = KObject>(input: KObject, opts: WriteOptions = {}): T {
    const info = this.info(input.kind);
    const old = this.mustGet(info, input.metadata.namespace, input.metadata.name!);
    this.checkResourceVersion(info, input, old);
    const ctx = this.context(opts);
    let obj = produce(input, (d) => {
      this.keepIdentity(d, old, info);
      if (info.hasStatus) {
        if (old.status === undefined) delete d.status;
        else d.status = old.status;
      }
      for (const s of this.strategiesOf(info.kind)) s.defaults?.(d, ctx);
      for (const p of this.admissionFor(info.kind)) p.mutate?.('UPDATE', d, old, ctx);
      for (const s of this.strategiesOf(info.kind)) s.prepareForUpdate?.(d, old, ctx);
    });
    if (deepEqual(obj, old)) return old as T;
    obj = produce(obj, (d) => {
      if (GENERATION_KINDS.has(info.kind) && specChanged(d as KObject, old)) d.metadata.generation = (old.metadata.generation ?? 0) + 1;
    });
    this.validateOrThrow(info, obj, old, ctx);
    for (const p of this.admissionFor(info.kind)) p.validate?.('UPDATE', obj, old, ctx);
    if (opts.dryRun) return freeze(obj, true) as T;
    return this.commitUpdate(obj, old) as T;
  }

  /** Writes only .status (the /status subresource); everything else is kept from the stored object. */
  updateStatus<T extends KObject = KObject>(input: KObject): T {
    const info = this.info(input.kind);
    const old = this.mustGet(info, input.metadata.namespace, input.metadata.name!);
    this.checkResourceVersion(info, input, old);
    if (input.status === old.status || deepEqual(input.status, old.status)) return old as T;
    const ctx = this.context();
    // Everything but .status is kept from the stored object; the status strategies only touch
    // top-level status fields, so a shallow copy of the new status is enough for them to edit.
    const next: KObject = { ...old, status: input.status === undefined ? undefined : { ...input.status } };
    if (next.status === undefined) delete next.status;
    for (const s of this.strategiesOf(info.kind)) s.prepareForStatusUpdate?.(next as Draft<KObject>, old, ctx);
    if (deepEqual(next.status, old.status)) return old as T;
    return this.commitUpdate(next, old) as T;
  }

  /** Read-modify-write of the main path through an immer recipe (what a client's Update does). */
  patch<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string, recipe: (d: Draft<T>) => void): T {
    const info = this.info(kind);
    const old = this.mustGet(info, namespace, name) as T;
    const next = produce(old, recipe);
    if (next === old) return old;
    return this.update<T>(next as T);
  }

  /** Read-modify-write of the status subresource. */
  patchStatus<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string, recipe: (d: Draft<T>) => void): T {
    const info = this.info(kind);
    const old = this.mustGet(info, namespace, name) as T;
    const next = produce(old, recipe);
    if (next === old) return old;
    return this.updateStatus<T>(next as T);
  }

  /**
   * Writes metadata that the main path would refuse or that controllers own (ownerReferences,
   * finalizers, labels) without bumping generation: the equivalent of a metadata patch.
   */
  patchMetadata<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string, recipe: (m: Draft<KObject['metadata']>) => void): T {
    const info = this.info(kind);
    const old = this.mustGet(info, namespace, name);
    const next = produce(old, (d) => {
      recipe(d.metadata);
    });
    if (next === old || deepEqual(next.metadata, old.metadata)) return old as T;
    const errs = validateObjectMeta(next.metadata, info.namespaced, '', info.kind);
    if (errs.length) throw apiErr.invalid(qualifiedKind(info), old.metadata.name!, errs);
    return this.commitUpdate(next, old) as T;
  }

  /** The pods/binding subresource: sets spec.nodeName once and marks PodScheduled. */
  bind(namespace: string, name: string, nodeName: string): KObject {
    const info = this.info('Pod');
    const old = this.mustGet(info, namespace, name);
    if (old.spec?.nodeName) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"`);
    }
    if (old.metadata.deletionTimestamp) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`);
    }
    const now = rfc3339(this.clock.now());
    const conds = [...(old.status?.conditions ?? [])];
    const i = conds.findIndex((x: any) => x.type === 'PodScheduled');
    if (i >= 0) {
      const { reason: _r, message: _m, ...rest } = conds[i];
      conds[i] = { ...rest, status: 'True', lastTransitionTime: now };
    } else conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now, observedGeneration: old.metadata.generation });
    const obj: KObject = { ...old, spec: { ...old.spec, nodeName }, status: { ...(old.status ?? {}), conditions: conds } };
    return this.commitUpdate(obj, old);
  }

  /**
   * DELETE. Pods bound to a node are deleted gracefully (deletionTimestamp now + grace; the
   * kubelet finishes the job). Objects with finalizers wait for them. Foreground and Orphan
   * propagation add their finalizer for the garbage collector.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject | undefined {
    const info = this.info(kind);
    const virtual = this.virtualKinds.get(info.kind);
    if (virtual) {
      const ns = namespace || 'default';
      const o = virtual.get(ns, name);
      if (!o) throw apiErr.notFound(groupResource(info), name);
      return opts.dryRun ? o : virtual.delete(ns, name);
    }
    const old = this.mustGet(info, info.namespaced ? namespace : undefined, name);
    if (info.kind === 'Namespace' && IMMORTAL_NAMESPACES.has(name)) {
      throw apiErr.forbidden('namespaces', name, 'this namespace may not be deleted');
    }
    if (opts.dryRun) return old;
    const now = this.clock.now();
    const policy = opts.propagationPolicy ?? 'Background';

    let grace = 0;
    if (info.kind === 'Pod') {
      const phase = old.status?.phase;
      const requested = opts.gracePeriodSeconds ?? old.spec?.terminationGracePeriodSeconds ?? 30;
      grace = !old.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed' ? 0 : Math.max(0, requested);
      if (opts.gracePeriodSeconds === 0) grace = 0;
    }

    const finalizers = [...(old.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const isNamespace = info.kind === 'Namespace';

    if (old.metadata.deletionTimestamp) {
      // Already terminating: a second delete may only shorten a pod's grace period or add a propagation finalizer.
      const shorter = info.kind === 'Pod' && grace < (old.metadata.deletionGracePeriodSeconds ?? 0);
      const more = finalizers.length !== (old.metadata.finalizers ?? []).length;
      if (info.kind === 'Pod' && grace === 0 && finalizers.length === 0) return this.remove(old);
      if (!shorter && !more) return old;
      const obj = produce(old, (d) => {
        d.metadata.finalizers = finalizers;
        if (shorter) {
          d.metadata.deletionGracePeriodSeconds = grace;
          d.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
        }
      });
      return this.commitUpdate(obj, old);
    }

    if (grace === 0 && finalizers.length === 0 && !isNamespace) return this.remove(old);

    const obj = produce(old, (d) => {
      d.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
      d.metadata.deletionGracePeriodSeconds = grace;
      if (finalizers.length) d.metadata.finalizers = finalizers;
      if (isNamespace) {
        d.status ??= {};
        d.status.phase = 'Terminating';
      }
    });
    return this.commitUpdate(obj, old);
  }

  /**
   * A heartbeat (node Lease renewal): sets fields of an existing object's spec with no defaulting,
   * admission or validation, which a renewal never needs. A thousand kubelets renew every 10 s,
   * so this path skips the immer round trips of update(); everything else about the write (a new
   * resourceVersion, the MODIFIED event) is as usual.
   */
  heartbeat(kind: string, namespace: string | undefined, name: string, spec: Record<string, unknown>): KObject {
    const info = this.info(kind);
    const old = this.mustGet(info, namespace, name);
    this.rv++;
    const obj = Object.freeze({
      ...old,
      metadata: Object.freeze({ ...old.metadata, resourceVersion: String(this.rv) }),
      spec: Object.freeze({ ...old.spec, ...spec }),
    }) as KObject;
    this.store.put(obj, old);
    this.emit({ type: 'MODIFIED', object: obj, old });
    return obj;
  }

  /** The namespace controller's /finalize call: drops spec.finalizers, and the namespace goes once nothing holds it. */
  finalizeNamespace(name: string): void {
    const old = this.store.get('Namespace', undefined, name);
    if (!old) return;
    const obj = produce(old, (d) => {
      if (d.spec) d.spec.finalizers = [];
    });
    if (obj !== old) this.commitUpdate(obj, old);
  }

  // ---- internals ---------------------------------------------------------------------------

  private commitUpdate(obj: KObject, old: KObject): KObject {
    if (obj.metadata.deletionTimestamp && this.readyToRemove(obj)) {
      return this.remove(obj, old);
    }
    const stamped = this.stamp(obj);
    this.store.put(stamped, old);
    this.emit({ type: 'MODIFIED', object: stamped, old });
    return stamped;
  }

  /** A terminating object goes away once no finalizer holds it (and, for a pod, the kubelet let go). */
  private readyToRemove(obj: KObject): boolean {
    if ((obj.metadata.finalizers ?? []).length > 0) return false;
    if (obj.kind === 'Namespace') return (obj.spec?.finalizers ?? []).length === 0;
    if (obj.kind === 'Pod') return (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0;
    return true;
  }

  private remove(obj: KObject, old: KObject = obj): KObject {
    const gone = this.stamp(obj);
    this.store.remove(old);
    this.emit({ type: 'DELETED', object: gone, old });
    return gone;
  }

  private stamp(obj: KObject): KObject {
    this.rv++;
    return deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.rv) } });
  }

  private emit(ev: WatchEvent): void {
    const list = this.watchers.get(ev.object.kind);
    if (list) for (const h of list) h(ev);
    for (const h of this.allWatchers) h(ev);
  }

  private keepIdentity(d: Draft<KObject>, old: KObject, info: KindInfo): void {
    d.metadata.name = old.metadata.name;
    if (info.namespaced) d.metadata.namespace = old.metadata.namespace;
    else delete d.metadata.namespace;
    d.metadata.uid = old.metadata.uid;
    d.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.generation !== undefined) d.metadata.generation = old.metadata.generation;
    else delete d.metadata.generation;
    d.metadata.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.deletionTimestamp) {
      d.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
      d.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete d.metadata.deletionTimestamp;
      delete d.metadata.deletionGracePeriodSeconds;
    }
    if (old.metadata.generateName !== undefined && d.metadata.generateName === undefined) d.metadata.generateName = old.metadata.generateName;
    delete d.metadata.managedFields;
  }

  private checkResourceVersion(info: KindInfo, input: KObject, old: KObject): void {
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      throw apiErr.conflict(groupResource(info), old.metadata.name!);
    }
  }

  private checkNamespace(ns: string, ctx: ApiContext, input: KObject): void {
    const nsObj = this.store.get('Namespace', undefined, ns);
    if (!nsObj) {
      if (ctx.pendingNamespaces?.has(ns)) return;
      throw apiErr.notFound('namespaces', ns);
    }
    if (nsObj.metadata.deletionTimestamp) {
      throw apiErr.forbiddenRaw(
        `${groupResource(this.info(input.kind))} "${input.metadata?.name ?? input.metadata?.generateName ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  private generateName(info: KindInfo, ns: string | undefined, base: string): string {
    const prefix = base.length > 58 ? base.slice(0, 58) : base;
    for (let attempt = 0; attempt < 8; attempt++) {
      const candidate = prefix + this.rng.string(5);
      if (!this.store.get(info.kind, ns, candidate)) return candidate;
    }
    throw new ApiError('AlreadyExists', `${groupResource(info)} "${prefix}" already exists`);
  }

  private validateOrThrow(info: KindInfo, obj: KObject, old: KObject | undefined, ctx: ApiContext): void {
    const errs: FieldError[] = [...validateObjectMeta(obj.metadata, info.namespaced, '', info.kind)];
    for (const s of this.strategiesOf(info.kind)) {
      if (old) errs.push(...(s.validateUpdate?.(obj, old, ctx) ?? s.validate?.(obj, ctx) ?? []));
      else errs.push(...(s.validate?.(obj, ctx) ?? []));
    }
    if (errs.length) throw apiErr.invalid(qualifiedKind(info), obj.metadata.name!, errs);
  }

  private mustGet(info: KindInfo, namespace: string | undefined, name: string): KObject {
    const ns = info.namespaced ? namespace || 'default' : undefined;
    const obj = this.store.get(info.kind, ns, name);
    if (!obj) throw apiErr.notFound(groupResource(info), name);
    return obj;
  }

  private info(kind: string): KindInfo {
    const info = kindInfo(kind);
    if (!info) throw apiErr.badRequest(`no kind "${kind}" is registered`);
    return info;
  }

  private strategiesOf(kind: string): KindStrategy[] {
    return this.strategies.get(kind) ?? [];
  }

  private admissionFor(kind: string): AdmissionPlugin[] {
    let list = this.admissionByKind.get(kind);
    if (!list) this.admissionByKind.set(kind, (list = this.admission.filter((p) => !p.kinds || p.kinds.includes(kind))));
    return list;
  }

  /** For kubectl and tests: the key of an object of this kind. */
  keyFor(kind: string, namespace: string | undefined, name: string): string {
    const info = this.info(kind);
    return keyOf(info.namespaced ? namespace || 'default' : undefined, name);
  }
}

/** "Deployment.apps", "Pod": how Invalid errors name the kind. */
export function qualifiedKind(info: KindInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/** Did anything outside metadata and status change? (what bumps metadata.generation) */
function specChanged(a: KObject, b: KObject): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (!deepEqual(a[key], b[key])) return true;
  }
  return false;
}
