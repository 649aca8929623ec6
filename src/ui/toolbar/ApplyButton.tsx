import { useTranslation } from 'react-i18next';
import { useEditorSession } from '../editor/EditorSession';
import { ApplyIcon } from './icons';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** kubectl apply -f of the editor's whole buffer; Ctrl/Cmd+Enter anywhere does the same. */
export function ApplyButton() {
  const { t } = useTranslation();
  const session = useEditorSession();
  const shortcut = isMac ? '⌘↵' : 'Ctrl+↵';
  return (
    <button type="button" className="btn btn-primary btn-apply" data-testid="apply" onClick={() => session.apply()} title={t('toolbar.applyHint', { shortcut })} aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}>
      <ApplyIcon /> {t('toolbar.apply')}
      <kbd className="btn-kbd" aria-hidden="true">
        {shortcut}
      </kbd>
    </button>
  );
}
