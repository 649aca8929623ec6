import { describe, expect, it } from 'vitest';
import { HEAT } from './geometry';
import { heatHit } from './heat';

describe('heatHit', () => {
  const step = HEAT.tileW + HEAT.gap;
  it('finds the tile under a point', () => {
    expect(heatHit(1, 1, 10, 100)).toBe(0);
    expect(heatHit(step * 3 + 5, step * 0 + 5, 10, 100)).toBe(3);
    expect(heatHit(step + 5, HEAT.tileH + HEAT.gap + 5, 10, 100)).toBe(11);
  });
  it('misses gaps, the outside and tiles past the last node', () => {
    expect(heatHit(HEAT.tileW + 1, 5, 10, 100)).toBe(-1);
    expect(heatHit(-1, 5, 10, 100)).toBe(-1);
    expect(heatHit(step * 10 + 1, 5, 10, 100)).toBe(-1);
    expect(heatHit(5, (HEAT.tileH + HEAT.gap) * 2 + 5, 10, 15)).toBe(-1);
  });
});
