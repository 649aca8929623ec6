import type { Box } from '../model/placement';

export interface Pt {
  readonly x: number;
  readonly y: number;
}

/**
 * How a request passes an object on the canvas:
 * - `card`: into its middle and out again (a Service's virtual IP, kube-proxy's rules; an Ingress);
 * - `outline`: along its top edge without entering (ingress-nginx reads a Service's endpoints
 *   and connects to pod IPs itself, so the request never goes through the Service);
 * - `edge`: touches the side facing its neighbours at header height (a node's port);
 * - `end`: the side facing the previous stop (a pod card, a client);
 * - `point`: the middle of a small box (a pod cell, a heat-map tile).
 */
export type StopShape = 'card' | 'outline' | 'edge' | 'end' | 'point';

export interface Stop {
  /** Canvas id of the object (`svc:<uid>`, `pod:<uid>`, `client:3`), plus `~ep` for an outline pass. */
  readonly id: string;
  readonly box: Box;
  readonly shape: StopShape;
}

/** How far above a card's top edge the outline path runs: on its border, so it reads as that card's. */
export const OUTLINE_GAP = 3;
/** Where a node's ports are drawn: on its side at the meters line, clear of the header's buttons. */
export const NODE_PORT_Y = 40;
const SAMPLES_PER_CURVE = 20;
const CURVATURE = 0.25;

const center = (b: Box): Pt => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** Which side a path leaves or enters by (React Flow's Position). */
export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Port {
  readonly p: Pt;
  readonly side: Side;
}

/** React Flow's bezier control offset (@xyflow/system calculateControlOffset), so lanes lie on its edges. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

/** The side of a stop that faces another point: left or right, or top or bottom when the point is straight above or below a card. */
function facing(stop: Stop, other: Pt): Side {
  const b = stop.box;
  const c = center(b);
  const vertical = (stop.shape === 'card' || stop.shape === 'end') && Math.abs(other.x - c.x) < b.w / 2 && Math.abs(other.y - c.y) > b.h / 2;
  if (vertical) return other.y < c.y ? 'top' : 'bottom';
  return other.x >= c.x ? 'right' : 'left';
}

/** Where a path leaves (or enters) a stop towards `other`, and by which side. */
export function port(stop: Stop, other: Pt): Port {
  const b = stop.box;
  const side = facing(stop, other);
  if (side === 'top') return { p: { x: b.x + b.w / 2, y: b.y }, side };
  if (side === 'bottom') return { p: { x: b.x + b.w / 2, y: b.y + b.h }, side };
  const sideX = side === 'right' ? b.x + b.w : b.x;
  switch (stop.shape) {
    case 'outline':
      return { p: { x: sideX, y: b.y - OUTLINE_GAP }, side };
    case 'edge':
      return { p: { x: sideX, y: b.y + Math.min(NODE_PORT_Y, b.h / 2) }, side };
    case 'point':
      return { p: center(b), side };
    default:
      return { p: { x: sideX, y: b.y + b.h / 2 }, side };
  }
}

/** The points a path takes across a stop between arriving at `entry` and leaving from `exit`. */
function across(stop: Stop, entry: Pt, exit: Pt): Pt[] {
  const b = stop.box;
  if (stop.shape === 'card') return [entry, center(b), exit];
  if (stop.shape === 'outline') {
    if (entry.x === exit.x) return [entry, { x: b.x + b.w / 2, y: b.y - OUTLINE_GAP }, exit];
    return [entry, exit];
  }
  return entry.x === exit.x && entry.y === exit.y ? [entry] : [entry, exit];
}

/** The control point React Flow puts beyond a port (getControlWithCurvature). */
function control(a: Port, b: Pt): Pt {
  switch (a.side) {
    case 'left':
      return { x: a.p.x - controlOffset(a.p.x - b.x), y: a.p.y };
    case 'right':
      return { x: a.p.x + controlOffset(b.x - a.p.x), y: a.p.y };
    case 'top':
      return { x: a.p.x, y: a.p.y - controlOffset(a.p.y - b.y) };
    case 'bottom':
      return { x: a.p.x, y: a.p.y + controlOffset(b.y - a.p.y) };
  }
}

/** Samples the bezier React Flow draws between two ports. */
export function curve(a: Port, b: Port, samples = SAMPLES_PER_CURVE): Pt[] {
  const c1 = control(a, b.p);
  const c2 = control(b, a.p);
  const out: Pt[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    out.push({
      x: u * u * u * a.p.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.p.x,
      y: u * u * u * a.p.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.p.y,
    });
  }
  return out;
}

/** A polyline with its cumulative lengths, for moving a dot along it at an even pace. */
export interface Path {
  readonly points: readonly Pt[];
  readonly lengths: readonly number[];
  readonly total: number;
}

export function toPath(points: readonly Pt[]): Path {
  const clean: Pt[] = [];
  for (const p of points) {
    const last = clean[clean.length - 1];
    if (!last || Math.abs(last.x - p.x) > 1e-6 || Math.abs(last.y - p.y) > 1e-6) clean.push(p);
  }
  const lengths = [0];
  for (let i = 1; i < clean.length; i++) lengths.push(lengths[i - 1] + Math.hypot(clean[i].x - clean[i - 1].x, clean[i].y - clean[i - 1].y));
  return { points: clean, lengths, total: lengths[lengths.length - 1] ?? 0 };
}

/** The point a fraction `f` (0…1) of the way along a path. */
export function pointAt(path: Path, f: number): Pt {
  const pts = path.points;
  if (pts.length === 0) return { x: 0, y: 0 };
  if (pts.length === 1 || f <= 0) return pts[0];
  if (f >= 1) return pts[pts.length - 1];
  const d = f * path.total;
  let lo = 0;
  let hi = pts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (path.lengths[mid] <= d) lo = mid;
    else hi = mid;
  }
  const seg = path.lengths[hi] - path.lengths[lo];
  const k = seg > 0 ? (d - path.lengths[lo]) / seg : 0;
  return { x: pts[lo].x + (pts[hi].x - pts[lo].x) * k, y: pts[lo].y + (pts[hi].y - pts[lo].y) * k };
}

/**
 * The path a request takes through its stops: bezier curves between the sides the stops face
 * each other on (the same curves React Flow draws for its edges), and each stop crossed as its
 * shape says.
 */
export function routePath(stops: readonly Stop[]): Path {
  if (stops.length === 0) return toPath([]);
  if (stops.length === 1) return toPath([port(stops[0], center(stops[0].box)).p]);
  const pts: Pt[] = [];
  let entry: Port | undefined;
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i];
    const next = stops[i + 1];
    if (!next) {
      pts.push(entry!.p);
      break;
    }
    const exit = port(s, center(next.box));
    if (entry) pts.push(...across(s, entry.p, exit.p));
    else pts.push(exit.p);
    const arrive = port(next, center(s.box));
    pts.push(...curve(exit, arrive).slice(1, -1));
    entry = arrive;
  }
  return toPath(pts);
}

/** The curve between two neighbouring stops alone (a lane the rate label sits on). */
export function lanePoints(from: Stop, to: Stop): Pt[] {
  return curve(port(from, center(to.box)), port(to, center(from.box)));
}

/** An SVG path `d` for a polyline. */
export function svgPath(points: readonly Pt[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join('');
}
