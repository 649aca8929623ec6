import type { EventRecord } from '../../../engine/events/recorder';
import { lookupImage } from '../../../engine/kubelet/images/catalog';
import { parseImageRef } from '../../../engine/kubelet/images/reference';
import { PULL_BANDWIDTH_BYTES_PER_S, PULL_LATENCY_MS } from '../../../engine/kubelet/timings';
import { LogCursor } from './logCursor';

/** Progress never reaches the end before the kubelet says "Pulled". */
const MAX_ESTIMATE = 0.95;

/** How long the simulated registry takes for an image: round trips plus its bytes. */
export function expectedPullMs(image: string): number | undefined {
  try {
    const info = lookupImage(parseImageRef(image)).info;
    if (!info) return undefined;
    return PULL_LATENCY_MS * 1.5 + (info.size / PULL_BANDWIDTH_BYTES_PER_S) * 1000;
  } catch {
    return undefined;
  }
}

const QUOTED = /"([^"]+)"/;

/**
 * Follows the kubelet's Pulling / Pulled events per pod, so a ContainerCreating pod can show
 * how far its image pull is: elapsed time over the time the image's size needs.
 */
export class PullTracker {
  private readonly cursor = new LogCursor<EventRecord>();
  private readonly active = new Map<string, { image: string; start: number; expected?: number }>();

  sync(log: readonly EventRecord[]): void {
    this.cursor.read(log, (ev) => this.record(ev), () => this.active.clear());
  }

  private record(ev: EventRecord): void {
    if (ev.involvedObject.kind !== 'Pod' || !ev.involvedObject.uid) return;
    const uid = ev.involvedObject.uid;
    if (ev.reason === 'Pulling') {
      const image = QUOTED.exec(ev.message)?.[1] ?? '';
      this.active.set(uid, { image, start: ev.time, expected: image ? expectedPullMs(image) : undefined });
    } else if (ev.reason === 'Pulled' || ev.reason === 'Failed' || ev.reason === 'ErrImagePull' || ev.reason === 'Killing') {
      this.active.delete(uid);
    }
  }

  /** 0..1 while a pull with a known size runs; null while one runs with no estimate; undefined when none. */
  progress(podUid: string, now: number): number | null | undefined {
    const p = this.active.get(podUid);
    if (!p) return undefined;
    if (!p.expected) return null;
    return Math.min(MAX_ESTIMATE, Math.max(0, (now - p.start) / p.expected));
  }
}
