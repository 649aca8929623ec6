/** A rectangle in canvas units. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The box around every drawn object (undefined when nothing is drawn). */
export function contentBounds(nodes: readonly { position: { x: number; y: number }; width?: number; height?: number }[]): Rect | undefined {
  if (nodes.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** The part of the canvas on screen, in canvas units, less the margins the overlays cover. */
export function visibleRect(transform: readonly [number, number, number], width: number, height: number, margin: { top: number; right: number; bottom: number; left: number }): Rect {
  const [tx, ty, zoom] = transform;
  return {
    x: (margin.left - tx) / zoom,
    y: (margin.top - ty) / zoom,
    w: Math.max(0, width - margin.left - margin.right) / zoom,
    h: Math.max(0, height - margin.top - margin.bottom) / zoom,
  };
}

const contains = (outer: Rect, inner: Rect, slack: number) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.w <= outer.x + outer.w + slack && inner.y + inner.h <= outer.y + outer.h + slack;

/** How much the picture may grow or shrink before the view follows it on its own. */
export const BIG_CHANGE = 0.25;

/**
 * Whether the view should fit the picture again on its own: never once the person has panned or
 * zoomed (until they press fit), always for the first content, and otherwise when something
 * drawn is out of view or the picture changed size a lot (a Deployment deleted, many nodes added).
 */
export function shouldRefit(o: { prev?: Rect; next?: Rect; visible: Rect; userMoved: boolean }): boolean {
  if (o.userMoved || !o.next) return false;
  if (!o.prev) return true;
  // A hair of slack: a fitted picture touches the visible edges.
  if (!contains(o.visible, o.next, o.visible.w * 0.01)) return true;
  const dw = Math.abs(o.next.w - o.prev.w) / Math.max(1, o.prev.w);
  const dh = Math.abs(o.next.h - o.prev.h) / Math.max(1, o.prev.h);
  return dw > BIG_CHANGE || dh > BIG_CHANGE;
}
