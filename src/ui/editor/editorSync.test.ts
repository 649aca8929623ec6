import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditorSync } from './editorSync';

describe('editor text sync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves the latest text once typing pauses', () => {
    const saved: string[] = [];
    const sync = createEditorSync((t) => saved.push(t), 400);
    sync.update('a');
    vi.advanceTimersByTime(300);
    sync.update('ab');
    vi.advanceTimersByTime(300);
    expect(saved).toEqual([]);
    expect(sync.pending()).toBe(true);
    vi.advanceTimersByTime(100);
    expect(saved).toEqual(['ab']);
    expect(sync.pending()).toBe(false);
  });

  it('flushes pending text at once, and only once', () => {
    const saved: string[] = [];
    const sync = createEditorSync((t) => saved.push(t), 400);
    sync.update('abc');
    sync.flush();
    sync.flush();
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual(['abc']);
  });

  it('saves what is pending when disposed', () => {
    const saved: string[] = [];
    const sync = createEditorSync((t) => saved.push(t), 400);
    sync.update('last words');
    sync.dispose();
    expect(saved).toEqual(['last words']);
  });
});
