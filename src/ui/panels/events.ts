import type { EventRecord } from '../../engine/events/recorder';
import { LogCursor } from '../canvas/model/logCursor';

export interface EventFilter {
  /** Only events about this object (by uid when known, else kind/namespace/name). */
  object?: { uid?: string; kind: string; name: string; namespace?: string };
  /** Case-insensitive text anywhere in the row. */
  text?: string;
  warningsOnly?: boolean;
}

/** The OBJECT column of `kubectl get events`: "pod/web-7d4b9c-x2x9q". */
export function eventObject(ev: EventRecord): string {
  return `${ev.involvedObject.kind.toLowerCase()}/${ev.involvedObject.name}`;
}

export function eventMatches(ev: EventRecord, f: EventFilter): boolean {
  if (f.warningsOnly && ev.type !== 'Warning') return false;
  const o = f.object;
  if (o) {
    const io = ev.involvedObject;
    if (o.uid && io.uid) {
      if (o.uid !== io.uid) return false;
    } else if (io.kind !== o.kind || io.name !== o.name || (io.namespace ?? '') !== (o.namespace ?? '')) return false;
  }
  const text = f.text?.trim().toLowerCase();
  if (text) {
    const row = `${ev.type} ${ev.reason} ${eventObject(ev)} ${ev.involvedObject.namespace ?? ''} ${ev.message}`.toLowerCase();
    if (!row.includes(text)) return false;
  }
  return true;
}

/**
 * The positions in the recorder's log of the events a filter keeps, maintained incrementally:
 * each sync reads only the records added since the last one, so 60,000 events cost nothing
 * per frame. A new filter means a new instance.
 */
export class FilteredEvents {
  private readonly cursor = new LogCursor<EventRecord>();
  private indices: number[] = [];
  /** Bumped on every change, for React to notice. */
  version = 0;

  constructor(readonly filter: EventFilter) {}

  sync(log: readonly EventRecord[]): readonly number[] {
    const before = this.indices.length;
    let reset = false;
    this.cursor.read(
      log,
      (ev, i) => {
        if (eventMatches(ev, this.filter)) this.indices.push(i);
      },
      () => {
        this.indices = [];
        reset = true;
      },
    );
    if (reset || this.indices.length !== before) this.version++;
    return this.indices;
  }
}
