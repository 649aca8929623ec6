import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsolePanel } from './ConsolePanel';
import { EventsPanel } from './EventsPanel';

const TABS = ['console', 'events'] as const;
type Tab = (typeof TABS)[number];

/** Console | Events, as tabs (←/→, Home/End move between them). Both stay mounted, so neither loses its state. */
export function BottomPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('console');
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ console: null, events: null });

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="bottom-panel">
      <div className="tabs" role="tablist" aria-label={t('panel.label')} onKeyDown={onKeyDown}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              refs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            className="tab"
            data-testid={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`tabpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {t(`panel.${id}`)}
          </button>
        ))}
      </div>
      {TABS.map((id) => (
        <div key={id} role="tabpanel" id={`tabpanel-${id}`} aria-labelledby={`tab-${id}`} className="tabpanel" hidden={tab !== id}>
          {id === 'console' ? <ConsolePanel /> : <EventsPanel />}
        </div>
      ))}
    </div>
  );
}
