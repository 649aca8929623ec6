import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { StoreContext } from './ui/StoreContext';
import { createPlaygroundStore } from './store/playgroundStore';
import { initI18n } from './ui/i18n';
import { STARTER_TEXT } from './ui/editor/starterText';

const shareHash = /^#v\d+\//.test(window.location.hash);

const store = createPlaygroundStore({
  storage: window.localStorage,
  hash: window.location.hash,
  defaultEditorText: STARTER_TEXT,
});

if (shareHash) {
  // The link has done its job: from now on a reload restores this session from local storage
  // (with whatever the user does next) instead of replaying the link again.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  if (!store.getState().notice) store.getState().persistNow();
}

initI18n(store.getState().language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
