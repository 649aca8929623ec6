import { describe, it, expect } from 'vitest';
import { Rng } from './random';

describe('Rng.uuid', () => {
  it('is an RFC 4122 version-4 UUID with the variant bits set', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 1000; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lays out the four words of the stream in order (the same uids for the same seed as before)', () => {
    const words = new Rng(42);
    const w = [words.uint32(), words.uint32(), words.uint32(), words.uint32()];
    w[1] = ((w[1] & 0xffff0fff) | 0x4000) >>> 0;
    w[2] = ((w[2] & 0x3fffffff) | 0x80000000) >>> 0;
    const hex = w.map((v) => v.toString(16).padStart(8, '0')).join('');
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(new Rng(42).uuid()).toBe(expected);
  });
});
