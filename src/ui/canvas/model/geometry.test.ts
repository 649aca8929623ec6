import { describe, expect, it } from 'vitest';
import { areaHeight, GEOMETRY, gridColumns, slotOffset } from './geometry';

describe('gridColumns', () => {
  it('stacks a small cluster in one column on a narrow pane and spreads it on a wide one', () => {
    expect(gridColumns('detailed', 4, 1.3)).toBe(1);
    expect(gridColumns('detailed', 4, 4)).toBeGreaterThan(1);
  });
  it('keeps a thousand heat tiles roughly in the pane\'s shape', () => {
    const cols = gridColumns('heat', 1000, 16 / 9);
    const rows = Math.ceil(1000 / cols);
    expect(cols).toBeGreaterThan(rows);
  });
  it('is one column for one node', () => expect(gridColumns('compact', 1, 2)).toBe(1));
});

describe('slots inside a node', () => {
  const g = GEOMETRY.detailed;
  it('fill rows left to right, and a node grows by whole rows', () => {
    expect(slotOffset(g, 0)).toEqual({ x: g.pad, y: g.header + g.pad });
    expect(slotOffset(g, g.cols).y).toBe(g.header + g.pad + g.cellH + g.gap);
    expect(areaHeight(g, 0)).toBe(areaHeight(g, g.cols));
    expect(areaHeight(g, g.cols + 1)).toBe(areaHeight(g, g.cols) + g.cellH + g.gap);
  });
});
