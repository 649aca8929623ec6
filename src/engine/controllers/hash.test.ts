import { describe, expect, it } from 'vitest';
import { computeHash, safeEncodeString } from './hash';

describe('pod-template-hash', () => {
  it('maps each decimal digit to upstream\'s fixed character (0→4 … 9→f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('uses only the ten characters a real hash can contain', () => {
    for (let i = 0; i < 200; i++) expect(computeHash({ spec: { n: i } })).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('ignores key order and changes with the collision count', () => {
    expect(computeHash({ a: 1, b: 2 })).toBe(computeHash({ b: 2, a: 1 }));
    expect(computeHash({ a: 1 }, 1)).not.toBe(computeHash({ a: 1 }));
  });
});
