import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';
import { useEditorSession } from './EditorSession';
import { applyStatus, problemLine, problemPosition } from './problems';

const ICONS = { applied: '✓', refused: '!', invalid: '✕' } as const;

/**
 * What the last Apply printed, as kubectl prints it (one line per object, the exit status) and,
 * when the input was refused, every problem with its line: click one to jump there.
 */
export function ApplyOutput() {
  const { t } = useTranslation('editor');
  const session = useEditorSession();
  const outcome = usePlayground((s) => s.lastApply);

  if (!outcome) {
    return (
      <section className="apply-output apply-output-empty" aria-label={t('result.title')}>
        <p>{t('result.hint')}</p>
      </section>
    );
  }

  const status = applyStatus(outcome);
  return (
    <section className={`apply-output apply-${status}`} aria-label={t('result.title')} data-testid="apply-result" data-exit-code={outcome.exitCode} aria-live="polite">
      <header className="apply-output-head">
        <span className="apply-status" data-status={status}>
          <span aria-hidden="true">{ICONS[status]}</span> {t(`result.${status}`)}
        </span>
        <span className="apply-exit">{t('result.exit', { code: outcome.exitCode })}</span>
      </header>
      {status === 'invalid' && <p className="apply-explain">{t('result.invalidExplain', { count: outcome.problems.length })}</p>}
      {outcome.lines.length > 0 && <pre className="apply-lines">{outcome.lines.join('\n')}</pre>}
      {outcome.problems.length > 0 && (
        <ul className="apply-errors" data-testid="apply-errors">
          {outcome.problems.map((p, i) => (
            <li key={i} className="apply-error" data-line={p.line} data-col={p.col}>
              <button type="button" className="apply-error-jump" onClick={() => session.reveal(p.line, p.col)} title={t('result.goTo', { line: p.line })}>
                {problemPosition(p)}
              </button>
              <code className="apply-error-text">{problemLine(p)}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
