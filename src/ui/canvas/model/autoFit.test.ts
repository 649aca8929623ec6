import { describe, expect, it } from 'vitest';
import { contentBounds, shouldRefit, visibleRect } from './autoFit';

const node = (x: number, y: number, w = 100, h = 50) => ({ position: { x, y }, width: w, height: h });

describe('auto fit', () => {
  it('bounds every drawn object, the workload column at negative x included', () => {
    expect(contentBounds([node(-300, 0, 220, 88), node(0, 0, 600, 400), node(680, 10)])).toEqual({ x: -300, y: 0, w: 1080, h: 400 });
    expect(contentBounds([])).toBeUndefined();
  });

  it('reads the visible part of the canvas from the viewport, less the overlays\' margins', () => {
    expect(visibleRect([100, 50, 0.5], 1000, 600, { top: 64, right: 24, bottom: 20, left: 56 })).toEqual({ x: -88, y: 28, w: 1840, h: 1032 });
  });

  const visible = { x: 0, y: 0, w: 1000, h: 600 };
  it('fits the first content, and again when something lands out of view', () => {
    expect(shouldRefit({ next: { x: 0, y: 0, w: 500, h: 300 }, visible, userMoved: false })).toBe(true);
    const prev = { x: 0, y: 0, w: 900, h: 500 };
    expect(shouldRefit({ prev, next: { x: -320, y: 0, w: 1220, h: 500 }, visible, userMoved: false })).toBe(true);
  });

  it('leaves the view alone for small changes inside it', () => {
    const prev = { x: 0, y: 0, w: 900, h: 500 };
    expect(shouldRefit({ prev, next: { x: 0, y: 0, w: 900, h: 560 }, visible, userMoved: false })).toBe(false);
  });

  it('follows a picture that shrank a lot (a workload deleted)', () => {
    expect(shouldRefit({ prev: { x: 0, y: 0, w: 900, h: 500 }, next: { x: 0, y: 0, w: 400, h: 300 }, visible, userMoved: false })).toBe(true);
  });

  it('never moves the view once the person panned or zoomed', () => {
    expect(shouldRefit({ prev: { x: 0, y: 0, w: 100, h: 100 }, next: { x: -5000, y: 0, w: 9000, h: 100 }, visible, userMoved: true })).toBe(false);
    expect(shouldRefit({ next: { x: 0, y: 0, w: 10, h: 10 }, visible, userMoved: true })).toBe(false);
  });
});
