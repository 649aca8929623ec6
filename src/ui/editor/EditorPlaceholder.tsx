import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';

/** The text, read-only and light, while Monaco is on its way (or if it could not load). */
export function EditorPlaceholder({ failed }: { failed: boolean }) {
  const { t } = useTranslation('editor');
  const text = usePlayground((s) => s.editorText);
  const lines = text.split('\n');
  return (
    <div className="editor-placeholder" aria-busy={!failed}>
      <p className="editor-placeholder-note" role="status">
        {failed ? t('loadFailed') : t('loading')}
      </p>
      <pre className="editor-placeholder-text">
        {lines.map((line, i) => (
          <div key={i} className="editor-placeholder-line">
            <span className="editor-placeholder-gutter" aria-hidden="true">
              {i + 1}
            </span>
            {line || ' '}
          </div>
        ))}
      </pre>
    </div>
  );
}
