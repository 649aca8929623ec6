import { describe, expect, it } from 'vitest';
import { has, intervalsToString, merge, parseIndexes, total, withIndexes } from './intervals';

describe('completion index intervals (.status.completedIndexes)', () => {
  it('prints runs as a-b, pairs as a,b and singles alone', () => {
    expect(intervalsToString(withIndexes([], [0, 1, 2, 4, 6, 7]))).toBe('0-2,4,6,7');
    expect(intervalsToString(withIndexes([], [3, 4]))).toBe('3,4');
    expect(intervalsToString([])).toBe('');
  });

  it('parses what it prints, joining adjacent runs and dropping indexes beyond completions', () => {
    expect(parseIndexes('1,3-5,7', 10)).toEqual([{ first: 1, last: 1 }, { first: 3, last: 5 }, { first: 7, last: 7 }]);
    expect(parseIndexes('1,2,3-4', 10)).toEqual([{ first: 1, last: 4 }]);
    expect(parseIndexes('2-8,9', 5)).toEqual([{ first: 2, last: 4 }]);
    expect(parseIndexes('x,2', 5)).toEqual([{ first: 2, last: 2 }]);
  });

  it('merges, counts and looks up', () => {
    const a = parseIndexes('0-2,8', 10);
    const b = parseIndexes('3,5-6', 10);
    const m = merge(a, b);
    expect(intervalsToString(m)).toBe('0-3,5,6,8');
    expect(total(m)).toBe(7);
    expect(has(m, 4)).toBe(false);
    expect(has(m, 6)).toBe(true);
  });
});
