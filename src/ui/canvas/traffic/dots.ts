import { pointAt, routePath, type Path, type Pt } from './geometry';
import type { OutcomeKind, Route } from './route';

/** Canvas units a dot covers per second of wall time, and the bounds of one journey. */
export const DOT_PACE = 650;
export const MIN_TRAVEL_MS = 450;
export const MAX_TRAVEL_MS = 1600;
/** How long the end of a journey shows: a short pulse for an answer, longer for a failure to be read. */
export const PULSE_MS = 240;
export const MARK_MS = 1500;
/** Dots alive at once; the oldest give way. */
export const MAX_DOTS = 400;

/** One request on its way across the canvas. */
export interface Dot {
  readonly id: number;
  readonly route: Route;
  /** From the client to where it ended (the marked stop). */
  readonly path: Path;
  readonly start: number;
  readonly travel: number;
}

export type DotFrame =
  | { readonly phase: 'travel'; readonly at: Pt }
  | { readonly phase: 'end'; readonly at: Pt; /** 0 → just arrived, 1 → gone. */ readonly age: number }
  | { readonly phase: 'done' };

/**
 * How long a journey takes on screen: even pace over its length, a little quicker when the
 * clock runs fast (so dots keep up with a busier picture), within bounds that stay readable.
 */
export function travelMs(length: number, speed: number): number {
  const quick = speed >= 8 ? 0.7 : speed >= 2 ? 0.85 : 1;
  return Math.round(Math.min(MAX_TRAVEL_MS, Math.max(MIN_TRAVEL_MS, (length / DOT_PACE) * 1000)) * quick);
}

export function makeDot(id: number, route: Route, start: number, speed: number): Dot {
  const path = routePath(route.stops.slice(0, route.markAt + 1));
  return { id, route, path, start, travel: path.total > 0 ? travelMs(path.total, speed) : 0 };
}

export function endMs(kind: OutcomeKind): number {
  return kind === 'ok' ? PULSE_MS : MARK_MS;
}

/** Where a dot is at wall time `now`, or whether its end mark still shows. */
export function dotAt(dot: Dot, now: number): DotFrame {
  const t = now - dot.start;
  if (t < 0) return { phase: 'travel', at: pointAt(dot.path, 0) };
  if (t < dot.travel) return { phase: 'travel', at: pointAt(dot.path, t / dot.travel) };
  const age = (t - dot.travel) / endMs(dot.route.kind);
  if (age >= 1) return { phase: 'done' };
  return { phase: 'end', at: pointAt(dot.path, 1), age };
}

/** Adds dots and drops the finished (and, past the cap, the oldest). */
export function advanceDots(dots: readonly Dot[], added: readonly Dot[], now: number): Dot[] {
  const live = [...dots, ...added].filter((d) => now - d.start < d.travel + endMs(d.route.kind));
  return live.length > MAX_DOTS ? live.slice(live.length - MAX_DOTS) : live;
}
