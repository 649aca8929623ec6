import type { HopRef, RequestTrace, TrafficSnapshot } from '../../../engine/network/index';
import type { Box } from '../model/placement';
import { lanePoints, pointAt, toPath, type Pt, type Stop } from './geometry';
import { routeOf, type Locator, type Route } from './route';

/**
 * A track requests run along between two objects, with their rate over the last simulated second:
 * `client` from a traffic client to where it connects, `proxy` through kube-proxy's rules,
 * `endpoints` ingress-nginx's own connections to the pods of a Service's endpoints.
 */
export interface Lane {
  readonly key: string;
  readonly from: Stop;
  readonly to: Stop;
  readonly rps: number;
  readonly via: 'client' | 'proxy' | 'endpoints';
  readonly points: readonly Pt[];
  /** Where its rate label goes (the middle of the curve); absent when the label is left out. */
  readonly label?: Pt;
}

export interface LaneOptions {
  /** Draw lanes to a pod's node instead of to each pod (tiles and heat map, or many pods). */
  aggregatePods: boolean;
  /** The node a pod is drawn in, for aggregated lanes. */
  podNode(ref: HopRef): Stop | undefined;
  /** Rate labels drawn at most; lanes past it show no label (rates stay on the pods). */
  maxLabels?: number;
  /** Width of a rate's label in canvas units (its text depends on the language). */
  labelWidth?: (rps: number) => number;
  /** Cards the labels should not cover. */
  obstacles?: readonly Box[];
}

/** A rate label's height in canvas units. */
export const LABEL_H = 20;
/** Where along its lane a label may go, best first. */
const LABEL_SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
/** Lanes whose labels go first: what a client sends, then what reaches a Service, then the pods. */
const VIA_ORDER = { client: 0, endpoints: 1, proxy: 2 } as const;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Puts each lane's rate label on its lane where it covers no other label and no card, trying the
 * middle first; a label with no free spot is left out (the pods still show their counts). At most
 * `max` labels.
 */
export function placeLabels<L extends { points: readonly Pt[]; width: number }>(lanes: readonly L[], obstacles: readonly Box[], max: number): (Pt | undefined)[] {
  const taken: Box[] = [];
  return lanes.map((l) => {
    if (taken.length >= max) return undefined;
    const path = toPath(l.points);
    for (const f of LABEL_SPOTS) {
      const c = pointAt(path, f);
      const box = { x: c.x - l.width / 2, y: c.y - LABEL_H / 2, w: l.width, h: LABEL_H };
      if (taken.some((b) => overlaps(b, box)) || obstacles.some((b) => overlaps(b, box))) continue;
      taken.push(box);
      return c;
    }
    return undefined;
  });
}

const isDns = (r: { kind: string; namespace?: string; name: string }) => r.kind === 'Service' && r.namespace === 'kube-system' && r.name === 'kube-dns';

/** Each running client's most recent trace, drawn as a route. */
export function latestRoutes(traffic: TrafficSnapshot, locate: Locator): Map<number, Route> {
  const out = new Map<number, Route>();
  const running = new Set(traffic.clients.filter((c) => c.stoppedAt === undefined).map((c) => c.id));
  for (let i = traffic.traces.length - 1; i >= 0 && out.size < running.size; i--) {
    const t: RequestTrace = traffic.traces[i];
    if (!running.has(t.client) || out.has(t.client)) continue;
    const r = routeOf(t, locate);
    if (r) out.set(t.client, r);
  }
  return out;
}

/**
 * The lanes of the last second of traffic. A client's own lane (to the first object it reaches)
 * carries its measured rate; the rest come from the engine's per-edge rates, with DNS lookups
 * left out (a lookup is not a hop on the data path) and edges out of client pods covered by the
 * clients' lanes. After an Ingress, a Service's lanes to its pods start on its outline, as
 * ingress-nginx's dots do; kube-proxy's start at its side.
 */
export function buildLanes(traffic: TrafficSnapshot | undefined, locate: Locator, clientRps: Readonly<Record<number, number>>, opts: LaneOptions): Lane[] {
  if (!traffic) return [];
  const acc = new Map<string, { from: Stop; to: Stop; rps: number; via: Lane['via']; quiet: boolean }>();
  const add = (from: Stop | undefined, to: Stop | undefined, rps: number, via: Lane['via'], quiet = false) => {
    if (!from || !to || from.id === to.id || rps <= 0) return;
    const key = `${from.id}>${to.id}`;
    const a = acc.get(key);
    if (a) a.rps += rps;
    else acc.set(key, { from, to, rps, via, quiet });
  };
  const outline = (s: Stop): Stop => ({ ...s, id: `${s.id}~ep`, shape: 'outline' });

  for (const [id, r] of latestRoutes(traffic, locate)) if (r.stops.length > 1) add(r.stops[0], r.stops[1], clientRps[id] ?? 0, 'client');

  // Which Services ingress-nginx reaches (by their endpoints) and which kube-proxy reaches (by their addresses).
  const fromIngress = new Set<string>();
  const proxied = new Set<string>();
  for (const e of traffic.edges) {
    if (e.to.kind !== 'Service' || isDns(e.to)) continue;
    (e.from.kind === 'Ingress' ? fromIngress : proxied).add(`${e.to.namespace}/${e.to.name}`);
  }
  const target = (ref: HopRef) => (ref.kind === 'Pod' && opts.aggregatePods ? opts.podNode(ref) : locate.object(ref));
  for (const e of traffic.edges) {
    if (e.from.kind === 'Outside' || e.from.kind === 'Pod' || isDns(e.from) || isDns(e.to)) continue;
    const from = locate.object(e.from as HopRef);
    const to = target(e.to);
    if (!from || !to) continue;
    if (e.from.kind === 'Ingress' && e.to.kind === 'Service') add(from, outline(to), e.rps, 'endpoints');
    else if (e.from.kind === 'Service') {
      // The engine counts a Service's requests to a pod together, whoever routed them: with both
      // kinds of traffic the rate is labelled once, on kube-proxy's lane.
      const key = `${e.from.namespace}/${e.from.name}`;
      const viaIngress = fromIngress.has(key);
      const viaProxy = proxied.has(key) || !viaIngress;
      if (viaProxy) add(from, to, e.rps, 'proxy');
      if (viaIngress) add(outline(from), to, e.rps, 'endpoints', viaProxy);
    } else add(from, to, e.rps, 'proxy');
  }

  const drawn = [...acc].map(([key, a]) => ({ key, ...a, rps: Math.round(a.rps * 100) / 100, points: lanePoints(a.from, a.to) }));
  drawn.sort((a, b) => VIA_ORDER[a.via] - VIA_ORDER[b.via] || (a.key < b.key ? -1 : 1));
  const width = opts.labelWidth ?? ((rps: number) => 14 + 7.5 * `${rps} req/s`.length);
  const labelled = drawn.filter((l) => !l.quiet).map((l) => ({ ...l, width: width(l.rps) }));
  const spots = placeLabels(labelled, opts.obstacles ?? [], opts.maxLabels ?? 40);
  const at = new Map(labelled.map((l, i) => [l.key, spots[i]]));
  return drawn.map(({ key, from, to, rps, via, points }) => {
    const label = at.get(key);
    return { key, from, to, rps, via, points, ...(label ? { label } : {}) };
  });
}
