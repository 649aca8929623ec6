import type { Tier } from './tier';

/** Sizes of one tier's node containers and the pods inside them (canvas units). */
export interface AreaGeometry {
  /** A pod's box (a card, or a cell). */
  readonly cellW: number;
  readonly cellH: number;
  readonly gap: number;
  /** Pods per row inside a node. */
  readonly cols: number;
  readonly pad: number;
  /** Height of a node's header (name, status, chaos buttons). */
  readonly header: number;
  readonly minRows: number;
}

export const GEOMETRY: Readonly<Record<Exclude<Tier, 'heat'>, AreaGeometry>> = {
  detailed: { cellW: 186, cellH: 66, gap: 10, cols: 3, pad: 12, header: 54, minRows: 1 },
  compact: { cellW: 14, cellH: 14, gap: 3, cols: 14, pad: 10, header: 46, minRows: 1 },
};

/** The heat map's node tiles: 11 × 10 pod pixels, the default maxPods of 110. */
export const HEAT = { tileW: 64, tileH: 72, gap: 6, label: 12, cell: 5, cellCols: 11, cellRows: 10, pad: 4 } as const;

export const COLUMN_GAP = 80;
export const ROW_GAP = 24;
export const WORKLOAD_W = 220;
export const WORKLOAD_H = 88;
export const CHILD_H = 60;
export const CHILD_INDENT = 20;
export const SIDE_W = 220;
export const SIDE_H = 84;
/** One more line of text on a side card. */
export const SIDE_LINE = 18;
export const ITEM_GAP = 12;
export const CLIENT_W = 220;
export const CLIENT_H = 96;
export const GROUP_GAP = 22;
export const UNSCHEDULED_HEADER = 40;

export function areaWidth(g: AreaGeometry, cols = g.cols): number {
  return g.pad * 2 + cols * g.cellW + (cols - 1) * g.gap;
}

export function areaHeight(g: AreaGeometry, capacity: number, cols = g.cols, header = g.header): number {
  const rows = Math.max(g.minRows, Math.ceil(capacity / cols));
  return header + g.pad + rows * g.cellH + (rows - 1) * g.gap + g.pad;
}

/** Top-left of slot `slot` inside an area, relative to the area. */
export function slotOffset(g: AreaGeometry, slot: number, cols = g.cols, header = g.header): { x: number; y: number } {
  const col = slot % cols;
  const row = Math.floor(slot / cols);
  return { x: g.pad + col * (g.cellW + g.gap), y: header + g.pad + row * (g.cellH + g.gap) };
}

/** The waiting area is never narrower than this. */
export const UNSCHEDULED_MIN_W = 500;

/**
 * Columns of node containers that let the whole picture fill the canvas best, for the canvas's
 * aspect ratio (width / height): a few nodes stack in one column on a narrow pane and spread
 * out on a wide one. Sized with one row of pods per node, so pods arriving never change it.
 */
export function gridColumns(tier: Tier, nodes: number, aspect = 16 / 9, sides = { left: true, right: true }): number {
  if (nodes <= 1) return 1;
  const g = tier === 'heat' ? undefined : GEOMETRY[tier];
  const nodeW = g ? areaWidth(g) : HEAT.tileW;
  const nodeH = g ? areaHeight(g, 0) : HEAT.tileH;
  const gap = g ? ROW_GAP : HEAT.gap;
  const extraW = (sides.left ? WORKLOAD_W + COLUMN_GAP : 0) + (sides.right ? SIDE_W + COLUMN_GAP : 0);
  const top = UNSCHEDULED_HEADER + 2 * GEOMETRY.compact.pad + GEOMETRY.compact.cellH + ROW_GAP;
  let best = 1;
  let bestFit = 0;
  for (let c = 1; c <= nodes; c++) {
    const rows = Math.ceil(nodes / c);
    const w = Math.max(c * nodeW + (c - 1) * gap, g ? UNSCHEDULED_MIN_W : 0) + extraW;
    const h = top + rows * nodeH + (rows - 1) * gap;
    const fit = Math.min(aspect / w, 1 / h);
    if (fit > bestFit * 1.0001) {
      best = c;
      bestFit = fit;
    }
  }
  return best;
}
