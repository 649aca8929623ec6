import type { ApiServer } from '../api/apiServer';
import { COMBINED_PREFIX, EventCorrelator } from './correlator';
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
 * client-go's EventRecorder with its EventCorrelator (correlator.ts): an identical event (same
 * object, type, reason, message and source) updates the stored Event's count and lastTimestamp
 * instead of writing a new one; similar events with many messages are combined, and a source
 * that floods one object is throttled.
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
  private readonly correlator = new EventCorrelator();

  constructor(private readonly api: ApiServer) {
    api.registerVirtualKind('Event', this.events);
    // A deleted object gets no more events: its series and correlator records go with it.
    api.watchAll((ev) => {
      if (ev.type !== 'DELETED' || !ev.object.metadata.uid) return;
      this.series.delete(ev.object.metadata.uid);
      this.correlator.forget(ev.object.metadata.uid);
    });
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
    // The scheduler records through events.k8s.io, which has no correlator; the others do.
    const correlated = component !== 'default-scheduler';
    const source = `${component}\u0000${host}`;
    const combined = correlated && this.correlator.aggregate(obj.metadata.uid, source, type, reason, message, now);
    const shown = combined ? COMBINED_PREFIX + message : message;
    let ofObject = this.series.get(obj.metadata.uid);
    if (!ofObject) this.series.set(obj.metadata.uid, (ofObject = new Map()));
    // A combined event is one series per source, type and reason, whatever the message or field.
    const seriesKey = combined ? COMBINED_SERIES : message;
    const seriesField = combined ? '' : fieldPath;
    let candidates = ofObject.get(seriesKey);
    if (!candidates) ofObject.set(seriesKey, (candidates = []));
    let series: Series | undefined;
    for (const s of candidates) {
      if (s.reason === reason && s.type === type && s.component === component && s.fieldPath === seriesField && s.host === host) {
        series = s;
        break;
      }
    }
    // The correlator's log counts an occurrence before its spam filter looks at it.
    if (!series) candidates.push((series = { reason, type, component, fieldPath: seriesField, host, eventName: `${obj.metadata.name}.${this.nanoHex(now)}`, count: 0, first: now }));
    series.count++;
    if (correlated && this.correlator.filtered(obj.metadata.uid, source, now)) return;
    this.events.expire(now);
    const existing = this.events.get(namespace, series.eventName);
    const count = series.count;
    let eventName: string;
    if (existing) {
      eventName = series.eventName;
      const updated = Object.freeze({
        ...existing,
        count,
        message: shown,
        lastTimestamp: rfc3339(now),
        metadata: Object.freeze({ ...existing.metadata, resourceVersion: this.api.nextResourceVersion() }),
      });
      this.events.put(updated, now);
    } else if (this.refuseIn(namespace)) {
      // Upstream refuses new content in a namespace being deleted; the occurrence is still logged.
      eventName = '';
    } else {
      // A new series, or one whose Event expired or was never written: created under the series'
      // name with its count so far, as the recorder's failed patch falls back to a create.
      eventName = series.eventName;
      const created = rfc3339(now);
      const event: KObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: eventName, namespace, uid: uidFromSeq(++this.uidSeq), resourceVersion: this.api.nextResourceVersion(), creationTimestamp: created },
        involvedObject: Object.freeze(involved),
        reason,
        message: shown,
        source: Object.freeze(opts.host ? { component, host: opts.host } : { component }),
        firstTimestamp: rfc3339(series.first),
        lastTimestamp: created,
        count,
        type,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: opts.host ?? '',
      };
      Object.freeze(event.metadata);
      this.events.put(Object.freeze(event), now);
    }
    const rec: EventRecord = {
      time: now,
      type,
      reason,
      message: shown,
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
  readonly type: EventType;
  readonly component: string;
  readonly fieldPath: string;
  readonly host: string;
  /** The name of the series' Event (the first occurrence's object name and time). */
  readonly eventName: string;
  /** Occurrences so far, those the spam filter dropped included. */
  count: number;
  readonly first: number;
}

/** The series key of combined events, which cannot collide with a message. */
const COMBINED_SERIES = '\u0000combined';

/** A uuid-shaped uid from the event's sequence number, so reads never consume randomness. */
function uidFromSeq(seq: number): string {
  return `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
}
