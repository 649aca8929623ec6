import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';
import { useEditorSession } from './EditorSession';
import type { YamlEditor } from './monaco/createYamlEditor';
import { EditorPlaceholder } from './EditorPlaceholder';

type LoadState = 'waiting' | 'loading' | 'ready' | 'failed';

/** Waits for the canvas to paint and the browser to be idle before fetching Monaco's ~4 MB. */
function whenIdle(fn: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 1500 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 200);
  return () => window.clearTimeout(id);
}

/**
 * The YAML editor. Shows the text at once in a lightweight placeholder, then swaps in Monaco
 * (loaded with a dynamic import, schemas after it) without losing a keystroke.
 */
export function MonacoYamlEditor() {
  const { t } = useTranslation('editor');
  const session = useEditorSession();
  const problems = usePlayground((s) => s.lastApply?.problems);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<YamlEditor | null>(null);
  const [state, setState] = useState<LoadState>('waiting');
  const ariaLabel = t('ariaLabel');
  const ariaRef = useRef(ariaLabel);

  useEffect(() => {
    let disposed = false;
    const cancel = whenIdle(() => {
      setState('loading');
      import('./monaco/createYamlEditor')
        .then(({ createYamlEditor }) => {
          if (disposed || !hostRef.current) return;
          const editor = createYamlEditor(hostRef.current, {
            text: session.text(),
            ariaLabel: ariaRef.current,
            onChange: (text) => session.changed(text),
            onApply: () => session.apply(),
          });
          editorRef.current = editor;
          session.attach(editor);
          setState('ready');
        })
        .catch((e: unknown) => {
          console.error('The editor could not be loaded', e);
          if (!disposed) setState('failed');
        });
    });
    return () => {
      disposed = true;
      cancel();
      session.attach(undefined);
      session.flush();
      editorRef.current?.dispose();
      editorRef.current = null;
    };
  }, [session]);

  useEffect(() => {
    editorRef.current?.setProblems(problems ?? []);
  }, [problems, state]);

  useEffect(() => {
    ariaRef.current = ariaLabel;
    editorRef.current?.setAriaLabel(ariaLabel);
  }, [ariaLabel, state]);

  return (
    <div className="yaml-editor" data-state={state}>
      <div ref={hostRef} className="yaml-editor-host" hidden={state !== 'ready'} />
      {state !== 'ready' && <EditorPlaceholder failed={state === 'failed'} />}
    </div>
  );
}
