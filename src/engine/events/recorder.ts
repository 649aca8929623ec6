import type { ApiServer } from '../api/apiServer';
import { EventStore } from './eventStore';
import type { KObject } from '../api/object';
import { EPOCH_MS, rfc3339 } from '../time';

export type EventType = 'Normal' | 'Warning';

/** One emitted event as the CLI and the UI stream report it. */
export interface EventRecord {
  time: number;
  type: EventType;
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string; fieldPath?: string };
  source: { component: string; host?: string };
  count: number;
  /** The name of the stored Event object this occurrence was written to. */
  eventName: string;
}

export type EventListener = (ev: EventRecord) => void;

const MAX_LOG = 200_000;

/**
 * client-go's EventRecorder with its aggregation: an identical event (same object, reason,
 * message and source) within the series updates the stored Event's count and lastTimestamp
 * instead of writing a new one.
 */
export class EventRecorder {
  readonly log: EventRecord[] = [];
  private readonly listeners: EventListener[] = [];
  /**
   * The aggregation series by involved object (uid), then by message: cheaper than building and
   * hashing one long key string of every field for every event. Series of one object and message
   * differ at most in reason, source or field path, so the last list is short.
   */
  private readonly series = new Map<string | undefined, Map<string, Series[]>>();
  private seq = 0;
  private uidSeq = 0;

  readonly events = new EventStore();

  constructor(private readonly api: ApiServer) {
    api.registerVirtualKind('Event', this.events);
    api.watch('Namespace', (ev) => {
      if (ev.type === 'DELETED') this.events.dropNamespace(ev.object.metadata.name!);
    });
  }

  private refuseIn(namespace: string): boolean {
    const ns = this.api.store.get('Namespace', undefined, namespace);
    return !ns || ns.metadata.deletionTimestamp !== undefined;
  }

  onEvent(l: EventListener): () => void {
    this.listeners.push(l);
    return () => this.listeners.splice(this.listeners.indexOf(l), 1);
  }

  /**
   * Records an event about `obj`. `fieldPath` names a container ("spec.containers{nginx}") for
   * kubelet events, as upstream does.
   */
  event(obj: KObject, type: EventType, reason: string, message: string, component: string, opts: { host?: string; fieldPath?: string } = {}): void {
    const now = this.api.clock.now();
    const namespace = obj.metadata.namespace ?? 'default';
    const involved = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name!,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
    };
    const fieldPath = opts.fieldPath ?? '';
    const host = opts.host ?? '';
    let ofObject = this.series.get(obj.metadata.uid);
    if (!ofObject) this.series.set(obj.metadata.uid, (ofObject = new Map()));
    let candidates = ofObject.get(message);
    if (!candidates) ofObject.set(message, (candidates = []));
    let series: Series | undefined;
    for (const s of candidates) {
      if (s.reason === reason && s.component === component && s.fieldPath === fieldPath && s.host === host) {
        series = s;
        break;
      }
    }
    const existingName = series?.eventName;
    const existing = existingName ? this.events.get(namespace, existingName) : undefined;
    let count = 1;
    let eventName: string;
    this.events.expire(now);
    if (existing) {
      count = (existing.count ?? 1) + 1;
      eventName = existingName!;
      const updated = Object.freeze({
        ...existing,
        count,
        lastTimestamp: rfc3339(now),
        metadata: Object.freeze({ ...existing.metadata, resourceVersion: this.api.nextResourceVersion() }),
      });
      this.events.put(updated, now);
    } else if (this.refuseIn(namespace)) {
      // Upstream refuses new content in a namespace being deleted; the occurrence is still logged.
      eventName = '';
    } else {
      eventName = `${obj.metadata.name}.${this.nanoHex(now)}`;
      const created = rfc3339(now);
      const event: KObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: eventName, namespace, uid: uidFromSeq(++this.uidSeq), resourceVersion: this.api.nextResourceVersion(), creationTimestamp: created },
        involvedObject: Object.freeze(involved),
        reason,
        message,
        source: Object.freeze(opts.host ? { component, host: opts.host } : { component }),
        firstTimestamp: created,
        lastTimestamp: created,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: opts.host ?? '',
      };
      Object.freeze(event.metadata);
      this.events.put(Object.freeze(event), now);
      if (series) series.eventName = eventName;
      else candidates.push({ reason, component, fieldPath, host, eventName });
    }
    const rec: EventRecord = {
      time: now,
      type,
      reason,
      message,
      involvedObject: { kind: obj.kind, name: obj.metadata.name!, namespace: obj.metadata.namespace, uid: obj.metadata.uid, ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}) },
      source: opts.host ? { component, host: opts.host } : { component },
      count,
      eventName,
    };
    if (this.log.length >= MAX_LOG) this.log.splice(0, MAX_LOG / 10);
    this.log.push(rec);
    for (const l of this.listeners) l(rec);
  }

  /** Event names end in the hex UnixNano of their time; a sequence keeps same-instant names apart. */
  private nanoHex(now: number): string {
    const nanos = BigInt(EPOCH_MS + now) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return nanos.toString(16);
  }
}

/** One aggregation series: identical events about one object, and the Event that counts them. */
interface Series {
  readonly reason: string;
  readonly component: string;
  readonly fieldPath: string;
  readonly host: string;
  eventName: string;
}

/** A uuid-shaped uid from the event's sequence number, so reads never consume randomness. */
function uidFromSeq(seq: number): string {
  return `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
}
