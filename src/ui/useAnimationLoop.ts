import { useEffect } from 'react';
import type { PlaygroundStore } from '../store/playgroundStore';

/** Elements where Space and "." belong to the element (typing, pressing a button), not to the clock. */
const OWN_KEYS = 'input, textarea, select, button, a[href], [contenteditable=""], [contenteditable="true"], [role="textbox"], .monaco-editor, .nokey, [data-testid="console"]';

/** Whether a keydown should drive the clock: no modifier, and focus not in an editor, field or button. */
export function isClockKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key !== ' ' && e.key !== '.') return false;
  const el = e.target as Element | null;
  if (!el || typeof el.closest !== 'function') return true;
  // The clock's own buttons: Space means play/pause there too, not "press this button again".
  if (el.tagName === 'BUTTON' && el.closest('.clock')) return true;
  return !el.closest(OWN_KEYS);
}

/**
 * The clock's heartbeat: every animation frame hands the wall time since the last one to the
 * store (which advances the simulation by it times the speed, when playing). Space toggles
 * play/pause and "." steps one event, unless focus is somewhere typing happens.
 */
export function useAnimationLoop(store: PlaygroundStore): void {
  useEffect(() => {
    let raf = 0;
    let last: number | undefined;
    const frame = (t: number) => {
      if (last !== undefined) store.getState().tick(t - last);
      last = t;
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isClockKey(e)) return;
      e.preventDefault();
      if (e.key === ' ') store.getState().togglePlay();
      else store.getState().step();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      cancelAnimationFrame(raf);
      window.removeEventListener('keydown', onKey);
    };
  }, [store]);
}
