import { useTranslation } from 'react-i18next';
import { ApplyOutput } from './ApplyOutput';
import { MonacoYamlEditor } from './MonacoYamlEditor';
import { EDITOR_FILE } from './problems';

/**
 * The manifest editor and what Apply said. `nokey` keeps React Flow's keyboard shortcuts
 * (Space pans, Backspace deletes) away from text typed here.
 */
export function EditorPane() {
  const { t } = useTranslation('editor');
  return (
    <div className="editor-pane">
      <div className="pane-title">
        <h2>{t('title')}</h2>
        <span className="pane-file">{EDITOR_FILE}</span>
      </div>
      <div className="editor-frame nokey" data-testid="editor">
        <MonacoYamlEditor />
      </div>
      <ApplyOutput />
    </div>
  );
}
