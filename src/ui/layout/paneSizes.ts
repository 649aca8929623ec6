/**
 * The three resizable panes: the editor's width, the inspector's width and the bottom panel's
 * height, as CSS variables on <html> (app.css lays the grid out from them).
 */
export type PaneId = 'editor' | 'inspector' | 'bottom';

export interface PaneSpec {
  variable: string;
  /** Smallest size in px. */
  min: number;
  /** Largest share of the window (width for columns, height for the bottom panel). */
  maxShare: number;
}

export const PANES: Record<PaneId, PaneSpec> = {
  editor: { variable: '--editor-width', min: 260, maxShare: 0.6 },
  inspector: { variable: '--inspector-width', min: 200, maxShare: 0.45 },
  bottom: { variable: '--bottom-height', min: 96, maxShare: 0.7 },
};

export const STORAGE_KEY = 'podscape.layout.v1';

/** Keyboard steps: an arrow key moves a splitter this far, Shift+arrow further. */
export const STEP = 24;
export const BIG_STEP = 96;

export function clampSize(pane: PaneId, px: number, windowPx: number): number {
  const spec = PANES[pane];
  const max = Math.max(spec.min, Math.round(windowPx * spec.maxShare));
  return Math.round(Math.min(max, Math.max(spec.min, px)));
}

/** Saved sizes, ignoring anything that is not a positive number for a known pane. */
export function parseSizes(raw: string | null): Partial<Record<PaneId, number>> {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const out: Partial<Record<PaneId, number>> = {};
    for (const id of Object.keys(PANES) as PaneId[]) {
      const n = v?.[id];
      if (typeof n === 'number' && Number.isFinite(n) && n > 0) out[id] = n;
    }
    return out;
  } catch {
    return {};
  }
}
