import type { Cluster } from '../engine/cluster';
import { KINDS } from '../engine/api/kinds';
import type { KObject } from '../engine/api/object';
import type { TrafficSnapshot } from '../engine/network/index';

/**
 * What the UI reads: every stored object grouped by kind, at one simulated instant. The
 * objects are the engine's own frozen objects (no copies), so a snapshot is cheap and safe to
 * hand to React.
 */
export interface ClusterSnapshot {
  readonly version: number;
  /** Simulated milliseconds. */
  readonly time: number;
  readonly byKind: ReadonlyMap<string, readonly KObject[]>;
  /**
   * The network's traffic clients, per-pod counters, edge rates and recent request traces.
   * Computed on first read (it costs a few milliseconds with many clients): read it from the
   * current snapshot, and not on every animation frame when a few times a second will do.
   */
  readonly traffic?: TrafficSnapshot;
}

const SKIP = new Set(['Event']);

export function takeSnapshot(cluster: Cluster, version: number): ClusterSnapshot {
  const byKind = new Map<string, KObject[]>();
  for (const info of KINDS) {
    if (SKIP.has(info.kind)) continue;
    const list = cluster.api.list(info.kind);
    if (list.length) byKind.set(info.kind, list);
  }
  const network = cluster.controlPlane.network;
  let traffic: TrafficSnapshot | undefined;
  let read = false;
  return Object.freeze({
    version,
    time: cluster.now(),
    byKind,
    get traffic() {
      if (!read) {
        read = true;
        traffic = network?.snapshot();
      }
      return traffic;
    },
  });
}

export function objectsOf(s: ClusterSnapshot, kind: string): readonly KObject[] {
  return s.byKind.get(kind) ?? [];
}
