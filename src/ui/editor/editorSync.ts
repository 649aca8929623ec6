/**
 * Carries the editor's text to the store as the user types: debounced (a keystroke must not
 * serialise the buffer to storage), flushed at once before anything reads the store's text
 * (Apply, Share, a starter) and when the page is hidden, so nothing typed is lost.
 */
export interface EditorSync {
  /** The buffer changed. */
  update(text: string): void;
  /** Hands any pending text to the store now. */
  flush(): void;
  /** Whether text is waiting for the debounce. */
  pending(): boolean;
  dispose(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createEditorSync(save: (text: string) => void, delayMs = 400, timers: Timers = browserTimers): EditorSync {
  let waiting: string | undefined;
  let handle: unknown;

  const flush = () => {
    if (handle !== undefined) timers.clear(handle);
    handle = undefined;
    if (waiting === undefined) return;
    const text = waiting;
    waiting = undefined;
    save(text);
  };

  return {
    update(text) {
      waiting = text;
      if (handle !== undefined) timers.clear(handle);
      handle = timers.set(flush, delayMs);
    },
    flush,
    pending: () => waiting !== undefined,
    dispose: flush,
  };
}
