import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  /** A destructive action gets the warning colour. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}

/**
 * A modal question in the page's own style and language (window.confirm can be neither). The
 * native <dialog> traps focus, and Escape cancels; the safe choice has the focus first.
 */
export function ConfirmDialog({ open, title, body, confirmLabel, danger, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      data-testid={testId}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={testId ? `${testId}-title` : undefined}>{title}</h2>
          <p>{body}</p>
          <div className="confirm-actions">
            <button type="button" className="btn" onClick={onCancel} autoFocus data-testid={testId ? `${testId}-cancel` : undefined}>
              {t('dialog.cancel')}
            </button>
            <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} data-testid={testId ? `${testId}-confirm` : undefined}>
              {confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
