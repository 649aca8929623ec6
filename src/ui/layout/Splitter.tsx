import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { BIG_STEP, clampSize, PANES, STEP, type PaneId } from './paneSizes';

export interface SplitterProps {
  pane: PaneId;
  /** The pane's element, to measure its size when a drag starts. */
  target: string;
  /** +1 when moving the pointer right/down grows the pane, -1 when it shrinks it. */
  grow: 1 | -1;
  label: string;
  className: string;
  size(): number | undefined;
  onResize(px: number): void;
}

/** A drag handle between two panes; also a keyboard-operable separator (arrows, Shift for bigger steps). */
export function Splitter({ pane, target, grow, label, className, size, onResize }: SplitterProps) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const vertical = pane !== 'bottom';
  const windowPx = () => (vertical ? window.innerWidth : window.innerHeight);
  const current = () => size() ?? (document.querySelector<HTMLElement>(target)?.getBoundingClientRect()[vertical ? 'width' : 'height'] ?? PANES[pane].min);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: vertical ? e.clientX : e.clientY, size: current() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const delta = (vertical ? e.clientX : e.clientY) - drag.current.start;
    onResize(clampSize(pane, drag.current.size + grow * delta, windowPx()));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = vertical ? 'ArrowLeft' : 'ArrowUp';
    const forward = vertical ? 'ArrowRight' : 'ArrowDown';
    if (e.key !== back && e.key !== forward) return;
    e.preventDefault();
    const step = (e.shiftKey ? BIG_STEP : STEP) * (e.key === forward ? 1 : -1) * grow;
    onResize(clampSize(pane, current() + step, windowPx()));
  };

  return (
    <div
      className={`splitter ${vertical ? 'splitter-x' : 'splitter-y'} ${className}`}
      role="separator"
      aria-orientation={vertical ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={Math.round(current())}
      aria-valuemin={PANES[pane].min}
      tabIndex={0}
      data-testid={`splitter-${pane}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
