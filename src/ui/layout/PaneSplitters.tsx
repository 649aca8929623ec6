import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANES, parseSizes, STORAGE_KEY, type PaneId } from './paneSizes';
import { Splitter } from './Splitter';

function applySizes(sizes: Partial<Record<PaneId, number>>): void {
  for (const id of Object.keys(PANES) as PaneId[]) {
    const v = sizes[id];
    if (v === undefined) document.documentElement.style.removeProperty(PANES[id].variable);
    else document.documentElement.style.setProperty(PANES[id].variable, `${v}px`);
  }
}

function loadSizes(): Partial<Record<PaneId, number>> {
  try {
    return parseSizes(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return {};
  }
}

/** The three splitters of the layout; sizes are a preference of this browser, kept across reloads. */
export function PaneSplitters() {
  const { t } = useTranslation();
  const [sizes, setSizes] = useState(loadSizes);

  useEffect(() => {
    applySizes(sizes);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(sizes));
    } catch {
      // Storage disabled: the sizes last until the page closes.
    }
  }, [sizes]);

  const resize = (id: PaneId) => (px: number) => setSizes((s) => ({ ...s, [id]: px }));
  return (
    <>
      <Splitter pane="editor" target=".app-editor" grow={1} label={t('layout.resizeEditor')} className="splitter-editor" size={() => sizes.editor} onResize={resize('editor')} />
      <Splitter pane="inspector" target=".app-inspector" grow={-1} label={t('layout.resizeInspector')} className="splitter-inspector" size={() => sizes.inspector} onResize={resize('inspector')} />
      <Splitter pane="bottom" target=".app-bottom" grow={-1} label={t('layout.resizeBottom')} className="splitter-bottom" size={() => sizes.bottom} onResize={resize('bottom')} />
    </>
  );
}
