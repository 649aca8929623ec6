import { describe, expect, it } from 'vitest';
import { labelBox } from './labelBox';

describe('labelBox', () => {
  it('is centred on the label point and grows with the text', () => {
    const short = labelBox('5');
    const long = labelBox('125/250');
    expect(short.x).toBeCloseTo(-short.width / 2);
    expect(short.y).toBeCloseTo(-short.height / 2);
    expect(long.width - short.width).toBeCloseTo(6 * 7.2);
    expect(long.height).toBe(short.height);
  });
});
