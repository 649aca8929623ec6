import { parseAllDocuments } from 'yaml';
import { Cluster, type ClusterOptions } from '../cluster';
import type { KObject } from '../api/object';
import { parseDuration } from '../time';
import { parseSelector, matches } from '../api/selectors';
import { kindInfo } from '../api/kinds';

/**
 * A chainable cluster for tests, reading like the behaviour under test:
 *   testCluster().apply(yaml).advance('30s').pods({ selector: 'app=web' })
 */
export class TestCluster {
  readonly cluster: Cluster;

  constructor(opts: ClusterOptions = {}) {
    this.cluster = new Cluster(opts);
  }

  get api() {
    return this.cluster.api;
  }

  get now(): number {
    return this.cluster.now();
  }

  /** Creates or replaces every document of a YAML text (a plain create-or-update, no apply merge). */
  apply(yamlText: string): this {
    for (const doc of parseAllDocuments(yamlText)) {
      const obj = doc.toJS() as KObject | null;
      if (!obj) continue;
      const items: KObject[] = obj.kind === 'List' ? obj.items : [obj];
      for (const item of items) this.createOrUpdate(item);
    }
    return this;
  }

  createOrUpdate(obj: KObject): KObject {
    const ns = kindInfo(obj.kind)?.namespaced === false ? undefined : (obj.metadata.namespace ?? 'default');
    const existing = this.api.get(obj.kind, ns, obj.metadata.name!);
    return existing ? this.api.update({ ...obj, metadata: { ...obj.metadata } }) : this.api.create(obj);
  }

  /** Advances simulated time by a duration ("30s", "5m") or milliseconds. */
  advance(d: string | number): this {
    this.cluster.runFor(typeof d === 'number' ? d : parseDuration(d));
    return this;
  }

  settle(max: string | number = '10m'): this {
    this.cluster.runUntilQuiet(typeof max === 'number' ? max : parseDuration(max));
    return this;
  }

  /** Runs until `pred` holds (checked after every timer) or `max` passes; returns whether it held. */
  until(pred: () => boolean, max: string | number = '10m'): boolean {
    const limit = this.now + (typeof max === 'number' ? max : parseDuration(max));
    while (!pred()) {
      const next = this.cluster.clock.nextDue();
      if (next === undefined || next > limit) return pred();
      this.cluster.clock.fireNext(next);
    }
    return true;
  }

  get<T extends KObject = KObject>(kind: string, name: string, namespace = 'default'): T | undefined {
    return this.api.get<T>(kind, namespace, name);
  }

  list<T extends KObject = KObject>(kind: string, opts: { namespace?: string; selector?: string } = {}): T[] {
    const sel = opts.selector ? parseSelector(opts.selector) : undefined;
    return this.api.list<T>(kind, opts.namespace).filter((o) => !sel || matches(sel, o.metadata.labels));
  }

  pods(opts: { namespace?: string; selector?: string } = {}): KObject[] {
    return this.list('Pod', opts);
  }

  /** Pods whose phase is Running and whose Ready condition is True. */
  readyPods(opts: { namespace?: string; selector?: string } = {}): KObject[] {
    return this.pods(opts).filter(isPodReady);
  }

  eventsFor(name: string): string[] {
    return this.cluster.recorder.log.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
  }

  eventMessages(reason?: string): string[] {
    return this.cluster.recorder.log.filter((e) => !reason || e.reason === reason).map((e) => e.message);
  }

  /** Throws if any component hit an unexpected exception. */
  expectNoInternalErrors(): this {
    if (this.cluster.internalErrors.length) throw new Error(`engine errors:\n${this.cluster.internalErrors.join('\n')}`);
    return this;
  }
}

export function isPodReady(p: KObject): boolean {
  return p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') && !p.metadata.deletionTimestamp;
}

export function testCluster(opts: ClusterOptions = {}): TestCluster {
  return new TestCluster(opts);
}
