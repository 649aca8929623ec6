import { keyOf, type KObject } from './object';

/** A secondary index over one kind: index value → keys of the objects that carry it. */
export interface IndexDef {
  kind: string;
  name: string;
  values: (obj: KObject) => readonly string[];
}

class KindIndex {
  readonly buckets = new Map<string, Set<string>>();
  constructor(readonly def: IndexDef) {}

  add(key: string, obj: KObject): void {
    const values = this.def.values(obj);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let b = this.buckets.get(v);
      if (!b) this.buckets.set(v, (b = new Set()));
      b.add(key);
    }
  }

  remove(key: string, obj: KObject): void {
    const values = this.def.values(obj);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const b = this.buckets.get(v);
      if (!b) continue;
      b.delete(key);
      if (b.size === 0) this.buckets.delete(v);
    }
  }
}

/**
 * The objects of the cluster (our etcd): one map per kind keyed by "namespace/name", a uid map,
 * a per-namespace map, and secondary indexes that controllers register (pods by node, objects
 * by owner uid). Stored objects are frozen; the store only swaps references.
 */
export class ObjectStore {
  private readonly kinds = new Map<string, Map<string, KObject>>();
  private readonly byNamespace = new Map<string, Map<string, Map<string, KObject>>>();
  private readonly uids = new Map<string, KObject>();
  private readonly indexes = new Map<string, Map<string, KindIndex>>();
  /** The same indexes as plain arrays per kind, for the write path (no iterator per write). */
  private readonly indexLists = new Map<string, KindIndex[]>();

  addIndex(def: IndexDef): void {
    let perKind = this.indexes.get(def.kind);
    if (!perKind) this.indexes.set(def.kind, (perKind = new Map()));
    if (perKind.has(def.name)) return;
    const idx = new KindIndex(def);
    for (const [key, obj] of this.kindMap(def.kind)) idx.add(key, obj);
    perKind.set(def.name, idx);
    this.indexLists.set(def.kind, [...perKind.values()]);
  }

  /** Objects of `kind` whose index `name` contains `value`, in insertion order of the keys. */
  byIndex(kind: string, name: string, value: string): KObject[] {
    const idx = this.indexes.get(kind)?.get(name);
    if (!idx) throw new Error(`no index ${name} on ${kind}`);
    const keys = idx.buckets.get(value);
    if (!keys) return [];
    const map = this.kindMap(kind);
    const out: KObject[] = [];
    for (const k of keys) {
      const o = map.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  countByIndex(kind: string, name: string, value: string): number {
    return this.indexes.get(kind)?.get(name)?.buckets.get(value)?.size ?? 0;
  }

  indexValues(kind: string, name: string): IterableIterator<string> {
    const idx = this.indexes.get(kind)?.get(name);
    if (!idx) throw new Error(`no index ${name} on ${kind}`);
    return idx.buckets.keys();
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    // Namespaced reads go through the per-namespace maps (kept in step with the kind maps):
    // no "namespace/name" key string is built and hashed for each of the many reads.
    if (namespace) return this.byNamespace.get(kind)?.get(namespace)?.get(name);
    return this.kinds.get(kind)?.get(name);
  }

  getByKey(kind: string, key: string): KObject | undefined {
    return this.kinds.get(kind)?.get(key);
  }

  getByUid(uid: string): KObject | undefined {
    return this.uids.get(uid);
  }

  /** Every object of a kind, or of a kind in one namespace. The result is a fresh array. */
  list(kind: string, namespace?: string): KObject[] {
    if (namespace === undefined) return [...this.kindMap(kind).values()];
    const m = this.byNamespace.get(kind)?.get(namespace);
    return m ? [...m.values()] : [];
  }

  count(kind: string, namespace?: string): number {
    if (namespace === undefined) return this.kinds.get(kind)?.size ?? 0;
    return this.byNamespace.get(kind)?.get(namespace)?.size ?? 0;
  }

  /** Iterates without copying; callers must not write to the store while iterating. */
  each(kind: string): IterableIterator<KObject> {
    return this.kindMap(kind).values();
  }

  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  namespacesWith(kind: string): string[] {
    return [...(this.byNamespace.get(kind)?.keys() ?? [])];
  }

  put(obj: KObject, old: KObject | undefined): void {
    const kind = obj.kind;
    const ns = obj.metadata.namespace;
    const key = keyOf(ns, obj.metadata.name!);
    const idx = this.indexLists.get(kind);
    if (old && idx) for (let i = 0; i < idx.length; i++) idx[i].remove(key, old);
    this.kindMap(kind).set(key, obj);
    if (ns !== undefined) {
      let perKind = this.byNamespace.get(kind);
      if (!perKind) this.byNamespace.set(kind, (perKind = new Map()));
      let m = perKind.get(ns);
      if (!m) perKind.set(ns, (m = new Map()));
      m.set(obj.metadata.name!, obj);
    }
    this.uids.set(obj.metadata.uid!, obj);
    if (idx) for (let i = 0; i < idx.length; i++) idx[i].add(key, obj);
  }

  remove(obj: KObject): void {
    const kind = obj.kind;
    const ns = obj.metadata.namespace;
    const key = keyOf(ns, obj.metadata.name!);
    const current = this.kindMap(kind).get(key);
    if (!current) return;
    const idx = this.indexLists.get(kind);
    if (idx) for (let i = 0; i < idx.length; i++) idx[i].remove(key, current);
    this.kindMap(kind).delete(key);
    if (ns !== undefined) {
      const m = this.byNamespace.get(kind)?.get(ns);
      m?.delete(obj.metadata.name!);
      if (m && m.size === 0) this.byNamespace.get(kind)!.delete(ns);
    }
    this.uids.delete(current.metadata.uid!);
  }

  private kindMap(kind: string): Map<string, KObject> {
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new Map()));
    return m;
  }
}
