import { describe, expect, it } from 'vitest';
import { freshCursor, historyDown, historyUp, recallList } from './consoleHistory';

describe('console history', () => {
  const entries = ['get pods', 'get nodes', 'describe deploy web'];

  it('walks back through earlier commands and forward to the draft', () => {
    let cursor = freshCursor(entries);
    let r = historyUp(entries, cursor, 'get sv')!;
    expect(r.text).toBe('describe deploy web');
    cursor = r.cursor;
    r = historyUp(entries, cursor, r.text)!;
    expect(r.text).toBe('get nodes');
    cursor = r.cursor;
    r = historyUp(entries, cursor, r.text)!;
    expect(r.text).toBe('get pods');
    cursor = r.cursor;
    expect(historyUp(entries, cursor, r.text)).toBeUndefined();
    r = historyDown(entries, cursor)!;
    expect(r.text).toBe('get nodes');
    r = historyDown(entries, r.cursor)!;
    r = historyDown(entries, r.cursor)!;
    expect(r.text).toBe('get sv');
    expect(historyDown(entries, r.cursor)).toBeUndefined();
  });

  it('has nothing to recall when empty', () => {
    expect(historyUp([], freshCursor([]), 'x')).toBeUndefined();
    expect(historyDown([], freshCursor([]))).toBeUndefined();
  });

  it('keeps repeated commands once and drops blank ones', () => {
    expect(recallList(['get pods', 'get pods', '', 'get nodes', 'get pods'])).toEqual(['get pods', 'get nodes', 'get pods']);
  });
});
