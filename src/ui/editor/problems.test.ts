import { describe, expect, it } from 'vitest';
import { applyStatus, problemLine, problemPosition, problemRanges } from './problems';

const p = (line: number, col: number, message = 'bad', file = 'editor.yaml') => ({ file, line, col, message });

describe('apply problems', () => {
  it('reads the exit status as kubectl sets it', () => {
    expect(applyStatus({ exitCode: 0 })).toBe('applied');
    expect(applyStatus({ exitCode: 1 })).toBe('refused');
    expect(applyStatus({ exitCode: 2 })).toBe('invalid');
  });

  it('prints a problem as kubectl does, with its line visible', () => {
    const prob = p(8, 5, 'unknown field "spec.containers[0].imagee"');
    expect(problemLine(prob)).toBe('editor.yaml:8:5: unknown field "spec.containers[0].imagee"');
    expect(problemPosition(prob)).toContain('line 8');
  });

  it('marks from the column to the end of the line, clamped to the buffer', () => {
    const lengths = [10, 20, 1];
    const maxCol = (line: number) => lengths[line - 1] + 1;
    expect(problemRanges([p(2, 3)], 3, maxCol)).toEqual([{ startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 21, message: 'bad' }]);
    // A problem past the end (the text changed since) lands on the last line; an empty line still shows a mark.
    expect(problemRanges([p(9, 1)], 3, maxCol)[0]).toMatchObject({ startLineNumber: 3, startColumn: 1, endColumn: 2 });
    expect(problemRanges([p(1, 99)], 3, maxCol)[0]).toMatchObject({ startColumn: 11, endColumn: 12 });
  });

  it('ignores problems of other files and an empty buffer', () => {
    expect(problemRanges([p(1, 1, 'x', 'other.yaml')], 3, () => 5)).toEqual([]);
    expect(problemRanges([p(1, 1)], 0, () => 1)).toEqual([]);
  });
});
