import { describe, expect, it } from 'vitest';
import { replaceNeedsConfirm } from './replacePolicy';

const starters = ['kind: A\n', 'kind: B\n'];

describe('replacing the editor text', () => {
  it('goes ahead without asking over an empty buffer, a starter, or the last applied text', () => {
    expect(replaceNeedsConfirm('  \n', starters, undefined)).toBe(false);
    expect(replaceNeedsConfirm('kind: B\r\n\n', starters, undefined)).toBe(false);
    expect(replaceNeedsConfirm('kind: Mine\n', starters, 'kind: Mine')).toBe(false);
  });

  it('asks before replacing the user’s own edits', () => {
    expect(replaceNeedsConfirm('kind: A\n# my note\n', starters, undefined)).toBe(true);
    expect(replaceNeedsConfirm('kind: Mine\n', starters, 'kind: Older\n')).toBe(true);
  });
});
