import { describe, expect, it } from 'vitest';
import { sortIfNeeded } from './clusterModel';

describe('sortIfNeeded', () => {
  const cmp = (a: number, b: number) => a - b;
  it('leaves a list in order as it is', () => {
    const list = [1, 2, 2, 5];
    expect(sortIfNeeded(list, cmp)).toBe(list);
    expect(list).toEqual([1, 2, 2, 5]);
  });
  it('sorts a list out of order, in place', () => {
    const list = [3, 1, 2];
    expect(sortIfNeeded(list, cmp)).toBe(list);
    expect(list).toEqual([1, 2, 3]);
  });
});
