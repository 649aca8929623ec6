import { describe, expect, it } from 'vitest';
import { throttleDelay } from './useThrottled';

describe('throttleDelay', () => {
  it('passes a value on at once when the last went out long enough ago, or when not throttling', () => {
    expect(throttleDelay(0, 500, 200)).toBe(0);
    expect(throttleDelay(400, 450, 0)).toBe(0);
  });

  it('holds a value until the interval since the last one has passed', () => {
    expect(throttleDelay(400, 450, 200)).toBe(150);
  });
});
