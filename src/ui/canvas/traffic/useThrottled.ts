import { useEffect, useRef, useState } from 'react';

/** How long to wait before passing on a new value, when the last went out at `last` (ms). */
export function throttleDelay(last: number, now: number, interval: number): number {
  return interval <= 0 ? 0 : Math.max(0, last + interval - now);
}

/**
 * The value, passed on at most once per `interval` ms (the latest one always arrives, on the
 * trailing edge); at once when `interval` is 0. Traffic counters change every frame while the
 * clock runs: text that changes sixty times a second cannot be read, and redrawing it costs frames.
 */
export function useThrottled<T>(value: T, interval: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = throttleDelay(last.current, performance.now(), interval);
    const emit = () => {
      last.current = performance.now();
      setShown(() => value);
    };
    if (wait === 0) {
      emit();
      return;
    }
    const id = setTimeout(emit, wait);
    return () => clearTimeout(id);
  }, [value, interval]);
  return interval <= 0 ? value : shown;
}
