import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleEntry } from '../../store/playgroundStore';
import { usePlayground, usePlaygroundStore } from '../StoreContext';
import { completeLine } from './consoleCompletion';
import { freshCursor, historyDown, historyUp, recallList, type HistoryCursor } from './consoleHistory';
import { commandSpecs, vocabularyFrom } from './consoleVocabulary';
import { isClearCommand, visibleEntries } from './consoleView';
import { ConsoleOutput } from './ConsoleOutput';

/**
 * The command console: kubectl's subset, chaos and traffic, run at the current simulated time
 * through the store (each command is a step of the scenario). Tab completes from the live
 * cluster, ↑/↓ recall earlier commands, `clear` empties the view.
 */
export function ConsolePanel() {
  const { t } = useTranslation();
  const store = usePlaygroundStore();
  const history = usePlayground((s) => s.consoleHistory);
  const [line, setLine] = useState('');
  const [clearedAfter, setClearedAfter] = useState<ConsoleEntry | undefined>();
  const [candidates, setCandidates] = useState<string[]>([]);
  const [typed, setTyped] = useState<string[]>(() => recallList(store.getState().consoleHistory.map((e) => e.command)));
  const [cursor, setCursor] = useState<HistoryCursor>(() => freshCursor(typed));
  const inputRef = useRef<HTMLInputElement>(null);
  const specsRef = useRef<ReturnType<typeof commandSpecs> | null>(null);

  const shown = visibleEntries(history, clearedAfter);

  useEffect(() => {
    setCursor(freshCursor(typed));
  }, [typed]);

  const run = () => {
    const text = line.trim();
    setCandidates([]);
    setLine('');
    if (!text) return;
    setTyped((prev) => recallList([...prev, text]));
    if (isClearCommand(text)) {
      const all = store.getState().consoleHistory;
      setClearedAfter(all[all.length - 1]);
      return;
    }
    store.getState().runCommand(text);
  };

  const complete = () => {
    const input = inputRef.current;
    const at = input?.selectionStart ?? line.length;
    specsRef.current ??= commandSpecs();
    const c = completeLine(line, at, vocabularyFrom(store.snapshot(), specsRef.current));
    if (!c) {
      setCandidates([]);
      return;
    }
    const next = line.slice(0, c.from) + c.insert + line.slice(c.to);
    setLine(next);
    setCandidates(c.candidates.length > 1 ? c.candidates : []);
    const caret = c.from + c.insert.length;
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(caret, caret));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      run();
    } else if (e.key === 'Tab' && !e.shiftKey && line.trim() !== '') {
      e.preventDefault();
      complete();
    } else if (e.key === 'ArrowUp') {
      const r = historyUp(typed, cursor, line);
      if (r) {
        e.preventDefault();
        setCursor(r.cursor);
        setLine(r.text);
      }
    } else if (e.key === 'ArrowDown') {
      const r = historyDown(typed, cursor);
      if (r) {
        e.preventDefault();
        setCursor(r.cursor);
        setLine(r.text);
      }
    } else if (e.key === 'Escape') {
      setCandidates([]);
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      const all = store.getState().consoleHistory;
      setClearedAfter(all[all.length - 1]);
    }
  };

  return (
    <div className="console" onClick={(e) => e.target === e.currentTarget && inputRef.current?.focus()}>
      <ConsoleOutput entries={shown} intro={t('console.intro')} />
      {candidates.length > 0 && (
        <ul className="console-candidates" aria-label={t('console.completions')} data-testid="console-completions">
          {candidates.slice(0, 60).map((c) => (
            <li key={c}>{c}</li>
          ))}
          {candidates.length > 60 && <li>…</li>}
        </ul>
      )}
      <form
        className="console-input-row nokey"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <span className="console-prompt" aria-hidden="true">
          $
        </span>
        <input
          ref={inputRef}
          className="console-input"
          data-testid="console"
          value={line}
          onChange={(e) => {
            setLine(e.target.value);
            if (candidates.length) setCandidates([]);
          }}
          onKeyDown={onKeyDown}
          placeholder={t('console.placeholder')}
          aria-label={t('console.inputLabel')}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
        />
        <button type="submit" className="btn btn-small">
          {t('console.run')}
        </button>
      </form>
    </div>
  );
}
