/** Edge count labels are set in the monospace font at 12px: every glyph is 0.6em wide. */
const GLYPH_W = 7.2;
const TEXT_H = 14;
/** As React Flow's own edge labels: 2px of background left and right, 4px above and below. */
const PAD_X = 2;
const PAD_Y = 4;

/**
 * The background box of an edge label, centred on (0, 0), from its text alone. React Flow's own
 * label measures its text in the DOM (getBBox, a forced layout) every time the text changes,
 * which a count on a running cluster does every frame; a monospace label need not.
 */
export function labelBox(text: string): { x: number; y: number; width: number; height: number } {
  const width = text.length * GLYPH_W + 2 * PAD_X;
  const height = TEXT_H + 2 * PAD_Y;
  return { x: -width / 2, y: -height / 2, width, height };
}
