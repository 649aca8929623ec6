import { describe, expect, it } from 'vitest';
import { clampWorkers, MAX_WORKERS, parseSeed } from './clusterSettings';

describe('cluster settings', () => {
  it('keeps the worker count whole and in range', () => {
    expect(clampWorkers('5', 3)).toBe(5);
    expect(clampWorkers('0', 3)).toBe(1);
    expect(clampWorkers('2.6', 3)).toBe(3);
    expect(clampWorkers('999', 3)).toBe(MAX_WORKERS);
    expect(clampWorkers('', 3)).toBe(3);
    expect(clampWorkers('many', 3)).toBe(3);
  });

  it('accepts any whole seed', () => {
    expect(parseSeed('42', 1)).toBe(42);
    expect(parseSeed('-7', 1)).toBe(-7);
    expect(parseSeed('1.5', 1)).toBe(1);
    expect(parseSeed(' ', 1)).toBe(1);
  });
});
