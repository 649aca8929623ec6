import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';

export const THEME = 'podscape-dark';

/** Monaco's dark theme on the page's own panel colours, with YAML keys and values easy to tell apart on a projector. */
export function defineTheme(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'type', foreground: '7cb7ff' },
      { token: 'string', foreground: 'a5e08c' },
      { token: 'number', foreground: 'f7c36b' },
      { token: 'keyword', foreground: 'f59ad0' },
      { token: 'comment', foreground: '8693ad', fontStyle: 'italic' },
      { token: 'operators', foreground: 'c7d0e0' },
    ],
    colors: {
      'editor.background': '#111827',
      'editor.foreground': '#e6ebf5',
      'editorLineNumber.foreground': '#5d6a85',
      'editorLineNumber.activeForeground': '#c7d0e0',
      'editor.lineHighlightBackground': '#1a2335',
      'editorCursor.foreground': '#ffd166',
      'editor.selectionBackground': '#2d4a7a',
      'editorIndentGuide.background1': '#222c40',
      'editorError.foreground': '#ff6b6b',
      'editorWarning.foreground': '#f0b429',
      'editorWidget.background': '#1d2638',
      'editorSuggestWidget.background': '#1d2638',
      'editorSuggestWidget.selectedBackground': '#2d4a7a',
      'editorHoverWidget.background': '#1d2638',
    },
  });
}
