import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleEntry } from '../../store/playgroundStore';

/** What the commands printed, exactly as the engine returned it, newest at the bottom. */
export function ConsoleOutput({ entries, intro }: { entries: readonly ConsoleEntry[]; intro: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  return (
    <div ref={ref} className="console-output" data-testid="console-output" role="log" aria-label={t('console.outputLabel')} tabIndex={0}>
      {entries.length === 0 && <p className="console-intro">{intro}</p>}
      {entries.map((e, i) => (
        <div key={`${e.time}-${i}-${e.command}`} className="console-entry" data-exit-code={e.exitCode}>
          <div className="console-command">
            <span className="console-prompt" aria-hidden="true">
              $
            </span>{' '}
            {e.command}
            {e.exitCode !== 0 && <span className="console-exit">{t('console.exit', { code: e.exitCode })}</span>}
          </div>
          {e.output && <pre className={e.exitCode === 0 ? 'console-text' : 'console-text console-text-error'}>{e.output}</pre>}
        </div>
      ))}
    </div>
  );
}
