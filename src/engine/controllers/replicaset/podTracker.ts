import type { Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/apiServer';
import { BY_CONTROLLER } from '../../api/indexes';
import { controllerRef, type KObject } from '../../api/object';
import type { ObjectStore } from '../../api/store';
import { matches, type Selector } from '../../api/selectors';
import { isAvailable, podFacts, type PodFacts } from './podFacts';

interface Tracked {
  pod: Pod;
  facts: PodFacts;
  /** The owner's selector matches the pod's labels. */
  selected: boolean;
  /** The template's labels are all on the pod (fullyLabeledReplicas). */
  fullyLabeled: boolean;
}

/** The counts calculateStatus derives from the claimed pods. */
export interface PodCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
  terminating: number;
  /** How long until the next ready pod passes minReadySeconds, if one is waiting. */
  nextAvailableIn?: number;
}

/**
 * The pods one ReplicaSet (or ReplicationController) controls, kept up to date from the pod
 * watch instead of re-listed on every sync: upstream's sync lists the owner's pods
 * (FilterPodsByOwner), keeps the active ones the selector matches (claimPods) and counts them
 * (calculateStatus). Here those counts are maintained per event, so a sync of a ReplicaSet with
 * 10,000 pods costs what changed, not 10,000 pod reads. The results are the same.
 */
export class OwnedPods {
  private readonly pods = new Map<string, Tracked>();
  private active = 0;
  private ready = 0;
  private fullyLabeled = 0;
  private terminating = 0;
  /** Active pods we control but no longer select: claimPods releases them. */
  private readonly unselected = new Set<string>();

  constructor(
    private selector: Selector,
    private template: Selector,
  ) {}

  /** Re-evaluates every pod when the owner's selector or template labels changed. */
  retarget(selector: Selector, template: Selector): void {
    if (selector === this.selector && template === this.template) return;
    this.selector = selector;
    this.template = template;
    for (const t of [...this.pods.values()]) this.put(t.pod);
  }

  put(pod: Pod): void {
    const uid = pod.metadata!.uid!;
    const prev = this.pods.get(uid);
    if (prev) this.count(prev, -1);
    const labels = pod.metadata?.labels;
    const t: Tracked = { pod, facts: podFacts(pod), selected: matches(this.selector, labels), fullyLabeled: matches(this.template, labels) };
    this.pods.set(uid, t);
    this.count(t, 1);
  }

  remove(uid: string): void {
    const prev = this.pods.get(uid);
    if (!prev) return;
    this.count(prev, -1);
    this.pods.delete(uid);
  }

  private count(t: Tracked, sign: 1 | -1): void {
    const uid = t.pod.metadata!.uid!;
    if (t.facts.active) {
      if (!t.selected) {
        if (sign > 0) this.unselected.add(uid);
        else this.unselected.delete(uid);
        return;
      }
      this.active += sign;
      if (t.facts.ready) this.ready += sign;
      if (t.fullyLabeled) this.fullyLabeled += sign;
    } else if (t.facts.terminating && t.selected) this.terminating += sign;
  }

  /** The active pods the owner controls and selects, in the order they were first seen. */
  activePods(): Pod[] {
    const out: Pod[] = [];
    for (const t of this.pods.values()) if (t.facts.active && t.selected) out.push(t.pod);
    return out;
  }

  unselectedPods(): Pod[] {
    return [...this.unselected].map((uid) => this.pods.get(uid)!.pod);
  }

  counts(minReadySeconds: number, now: number): PodCounts {
    const c: PodCounts = { replicas: this.active, fullyLabeled: this.fullyLabeled, ready: this.ready, available: this.ready, terminating: this.terminating };
    if (minReadySeconds <= 0) return c;
    // Availability depends on the clock: count it when minReadySeconds asks for a wait.
    c.available = 0;
    for (const t of this.pods.values()) {
      if (!t.facts.active || !t.selected || !t.facts.ready) continue;
      if (isAvailable(t.facts, minReadySeconds, now)) c.available++;
      else if (t.facts.readySince !== undefined) {
        const wait = t.facts.readySince + minReadySeconds * 1000 - now;
        if (c.nextAvailableIn === undefined || wait < c.nextAvailableIn) c.nextAvailableIn = wait;
      }
    }
    return c;
  }
}

/** OwnedPods of every owner a controller has synced, fed by its pod watch. */
export class PodTracker {
  private readonly owners = new Map<string, OwnedPods>();

  constructor(private readonly store: ObjectStore) {}

  /** Call for every pod watch event. */
  observe(ev: WatchEvent): void {
    const oldUid = ev.old ? controllerRef(ev.old)?.uid : undefined;
    const uid = ev.type === 'DELETED' ? undefined : controllerRef(ev.object)?.uid;
    if (oldUid !== undefined && oldUid !== uid) this.owners.get(oldUid)?.remove(ev.object.metadata.uid!);
    if (ev.type === 'DELETED') {
      const gone = controllerRef(ev.object)?.uid;
      if (gone !== undefined) this.owners.get(gone)?.remove(ev.object.metadata.uid!);
      return;
    }
    if (uid !== undefined) this.owners.get(uid)?.put(ev.object as Pod);
  }

  /** The owner's pods, read from the store's controller index the first time. */
  ownedBy(ownerUid: string, selector: Selector, template: Selector): OwnedPods {
    let owned = this.owners.get(ownerUid);
    if (owned) {
      owned.retarget(selector, template);
      return owned;
    }
    owned = new OwnedPods(selector, template);
    for (const p of this.store.byIndex('Pod', BY_CONTROLLER, ownerUid) as KObject[]) owned.put(p as Pod);
    this.owners.set(ownerUid, owned);
    return owned;
  }

  forget(ownerUid: string): void {
    this.owners.delete(ownerUid);
  }
}
