import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApplyOutcome, PlaygroundStore } from '../../store/playgroundStore';
import { usePlaygroundStore } from '../StoreContext';
import { createEditorSync, type EditorSync } from './editorSync';

/** What the mounted editor (Monaco, once loaded) lets the rest of the page do to it. */
export interface EditorHandle {
  replaceText(text: string): void;
  reveal(line: number, col: number): void;
  focus(): void;
}

/**
 * The editor's buffer as the page sees it: the text being typed (ahead of the store by the
 * debounce), Apply, and replacing the text. The toolbar's buttons and the editor share it.
 */
export interface EditorSession {
  /** The buffer changed (Monaco calls this on every edit). */
  changed(text: string): void;
  /** The latest text, pending edits included. */
  text(): string;
  /** Hands pending edits to the store now. */
  flush(): void;
  /** kubectl apply -f of the whole buffer. */
  apply(): ApplyOutcome;
  /** The text of the last Apply that changed the cluster, if any in this visit. */
  lastAppliedText(): string | undefined;
  /** Replaces the buffer: undo-able in Monaco, straight to the store before Monaco has loaded. */
  replaceText(text: string): void;
  reveal(line: number, col: number): void;
  attach(handle: EditorHandle | undefined): void;
}

export function createEditorSession(store: PlaygroundStore, sync: EditorSync = createEditorSync((t) => store.getState().setEditorText(t))): EditorSession {
  let latest: string | undefined;
  let handle: EditorHandle | undefined;
  let lastApplied: string | undefined;
  const text = () => latest ?? store.getState().editorText;
  return {
    changed(t) {
      latest = t;
      sync.update(t);
    },
    text,
    flush: () => sync.flush(),
    apply() {
      sync.flush();
      const applied = text();
      const outcome = store.getState().applyEditor();
      if (outcome.exitCode !== 2) lastApplied = applied;
      return outcome;
    },
    lastAppliedText: () => lastApplied,
    replaceText(t) {
      if (handle) {
        // Monaco's change event brings the new text back through changed().
        handle.replaceText(t);
        sync.flush();
      } else {
        sync.flush();
        latest = t;
        store.getState().setEditorText(t);
      }
    },
    reveal: (line, col) => handle?.reveal(line, col),
    attach(h) {
      handle = h;
    },
  };
}

const SessionContext = createContext<EditorSession | null>(null);

export function useEditorSession(): EditorSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useEditorSession outside <EditorSessionProvider>');
  return s;
}

function isApplyShortcut(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

/**
 * Provides the session, and keeps typed text safe: flushed and the session saved whenever the
 * page is hidden or left. Ctrl/Cmd+Enter applies from anywhere on the page (Monaco handles it
 * itself when focused, and marks the event handled).
 */
export function EditorSessionProvider({ children }: { children: ReactNode }) {
  const store = usePlaygroundStore();
  const [session] = useState(() => createEditorSession(store));

  useEffect(() => {
    const save = () => {
      session.flush();
      store.getState().persistNow();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') save();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isApplyShortcut(e)) return;
      e.preventDefault();
      session.apply();
    };
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('keydown', onKey);
      session.flush();
    };
  }, [session, store]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
