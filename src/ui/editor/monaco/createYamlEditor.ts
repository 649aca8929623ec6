// The lazily loaded part of the editor: Monaco's core with its editor features, the YAML
// language and monaco-yaml. Only imported with `import()`, so none of it is in the first bundle.
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { loadKubernetesSchema, SCHEMA_URI } from './kubernetesSchema';
import { defineTheme, THEME } from './theme';
import { problemRanges, EDITOR_FILE } from '../problems';
import type { ManifestProblem } from '../../../engine/manifests/types';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

defineTheme(monaco);

const yaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  isKubernetes: true,
  schemas: [],
});

// The schemas arrive after the editor: typing works at once, completion and hovers a moment later.
void loadKubernetesSchema().then((schema) =>
  yaml.update({ schemas: [{ fileMatch: [`**/${EDITOR_FILE}`], uri: SCHEMA_URI, schema: schema as never }] }),
);

const APPLY_OWNER = 'podscape-apply';

export interface YamlEditorOptions {
  text: string;
  ariaLabel: string;
  onChange(text: string): void;
  onApply(): void;
}

export interface YamlEditor {
  getText(): string;
  /** Replaces the whole buffer as one edit, so Ctrl+Z brings the old text back. */
  replaceText(text: string): void;
  /** Shows the engine's problems from the last Apply as error markers. */
  setProblems(problems: readonly ManifestProblem[]): void;
  reveal(line: number, col: number): void;
  focus(): void;
  setAriaLabel(label: string): void;
  dispose(): void;
}

export function createYamlEditor(host: HTMLElement, opts: YamlEditorOptions): YamlEditor {
  const uri = monaco.Uri.parse(`file:///${EDITOR_FILE}`);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(opts.text, 'yaml', uri);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  const editor = monaco.editor.create(host, {
    model,
    theme: THEME,
    automaticLayout: true,
    fontSize: 14,
    lineHeight: 21,
    fontFamily: "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    renderWhitespace: 'boundary',
    tabSize: 2,
    wordWrap: 'off',
    quickSuggestions: { other: true, comments: false, strings: true },
    fixedOverflowWidgets: true,
    ariaLabel: opts.ariaLabel,
    padding: { top: 8 },
  });
  const sub = model.onDidChangeContent(() => opts.onChange(model.getValue()));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onApply());

  return {
    getText: () => model.getValue(),
    replaceText(text) {
      editor.pushUndoStop();
      editor.executeEdits('starter', [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
      editor.pushUndoStop();
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.revealLine(1);
    },
    setProblems(problems) {
      const ranges = problemRanges(problems, model.getLineCount(), (l) => model.getLineMaxColumn(l));
      monaco.editor.setModelMarkers(
        model,
        APPLY_OWNER,
        ranges.map((r) => ({ ...r, severity: monaco.MarkerSeverity.Error, source: 'kubectl apply' })),
      );
    },
    reveal(line, col) {
      editor.setPosition({ lineNumber: line, column: col });
      editor.revealLineInCenter(line);
      editor.focus();
    },
    focus: () => editor.focus(),
    setAriaLabel: (label) => editor.updateOptions({ ariaLabel: label }),
    dispose() {
      sub.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
