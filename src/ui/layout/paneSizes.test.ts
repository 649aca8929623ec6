import { describe, expect, it } from 'vitest';
import { clampSize, parseSizes } from './paneSizes';

describe('pane sizes', () => {
  it('keeps each pane between its minimum and its share of the window', () => {
    expect(clampSize('editor', 100, 1366)).toBe(260);
    expect(clampSize('editor', 500.4, 1366)).toBe(500);
    expect(clampSize('editor', 2000, 1366)).toBe(820);
    expect(clampSize('bottom', 50, 768)).toBe(96);
    // A window too small for the share still gets the minimum.
    expect(clampSize('inspector', 400, 300)).toBe(200);
  });

  it('reads saved sizes defensively', () => {
    expect(parseSizes(null)).toEqual({});
    expect(parseSizes('not json')).toEqual({});
    expect(parseSizes('{"editor":420,"bottom":"tall","inspector":-3,"x":5}')).toEqual({ editor: 420 });
  });
});
