import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface PopoverProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The button's content and accessible name. */
  label: ReactNode;
  ariaLabel?: string;
  title?: string;
  testId?: string;
  panelLabel: string;
  align?: 'start' | 'end';
  buttonClass?: string;
  /** Runs when the button opens the panel (before it shows). */
  onOpen?(): void;
  children: ReactNode;
}

/**
 * A toolbar button with a panel under it. Escape closes it and gives the focus back to the
 * button; a click outside closes it too.
 */
export function Popover({ open, onOpenChange, label, ariaLabel, title, testId, panelLabel, align = 'start', buttonClass = 'btn', onOpen, children }: PopoverProps) {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) onOpenChange(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      onOpenChange(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onOpenChange]);

  return (
    <div className="popover" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={buttonClass}
        aria-expanded={open}
        aria-controls={id}
        aria-label={ariaLabel}
        title={title}
        data-testid={testId}
        onClick={() => {
          if (!open) onOpen?.();
          onOpenChange(!open);
        }}
      >
        {label}
      </button>
      {open && (
        <div id={id} className={`popover-panel popover-${align}`} role="dialog" aria-label={panelLabel}>
          {children}
        </div>
      )}
    </div>
  );
}
