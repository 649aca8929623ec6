import { Toolbar } from './toolbar/Toolbar';
import { EditorPane } from './editor/EditorPane';
import { EditorSessionProvider } from './editor/EditorSession';
import { CanvasPane } from './canvas/CanvasPane';
import { InspectorPane } from './inspector/InspectorPane';
import { BottomPanel } from './panels/BottomPanel';
import { NoticeBanner } from './notice/NoticeBanner';
import { useLanguageSync } from './i18n/useLanguageSync';
import { PaneSplitters } from './layout/PaneSplitters';
import './app.css';

/** The page's layout: toolbar on top, editor | canvas | inspector, and the bottom panel. Wiring only. */
export function App() {
  useLanguageSync();
  return (
    <EditorSessionProvider>
      <div className="app">
        <header className="app-toolbar">
          <Toolbar />
        </header>
        <div className="app-notice">
          <NoticeBanner />
        </div>
        <section className="app-editor">
          <EditorPane />
        </section>
        <main className="app-canvas">
          <CanvasPane />
        </main>
        <aside className="app-inspector">
          <InspectorPane />
        </aside>
        <section className="app-bottom">
          <BottomPanel />
        </section>
        <PaneSplitters />
      </div>
    </EditorSessionProvider>
  );
}
