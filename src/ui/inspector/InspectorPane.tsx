import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayground, usePlaygroundStore, useSnapshot } from '../StoreContext';
import { KindBadge } from '../canvas/parts/KindBadge';
import { DescribeTab } from './DescribeTab';
import { EventsTab } from './EventsTab';
import { OverviewTab } from './OverviewTab';
import { YamlTab } from './YamlTab';
import { findObject } from './inspect';
import './inspector.css';

const TABS = ['overview', 'yaml', 'events', 'describe'] as const;
type Tab = (typeof TABS)[number];

function kubeletStoppedLookup(cluster: unknown): (node: string) => boolean {
  const agents = (cluster as { controlPlane?: { nodes?: { isRunning?: (n: string) => boolean } } }).controlPlane?.nodes;
  return typeof agents?.isRunning === 'function' ? (n) => !agents.isRunning!(n) : () => false;
}

/** Whatever is selected on the canvas: Overview · YAML · Events · Describe, all live. */
export function InspectorPane() {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const snap = useSnapshot();
  const selected = usePlayground((s) => s.selected);
  const [tab, setTab] = useState<Tab>('overview');

  if (!selected) {
    return (
      <div className="inspector" data-testid="inspector">
        <p className="insp-empty">{t('inspector.empty')}</p>
      </div>
    );
  }
  const obj = findObject(snap, selected);
  const cluster = store.driver().cluster;
  return (
    <div className="inspector" data-testid="inspector" data-kind={selected.kind} data-name={selected.name}>
      <header className="insp-head">
        <KindBadge kind={selected.kind} />
        <div className="insp-title">
          <span className="insp-kind">{selected.kind}</span>
          <span className="insp-name" title={selected.name}>{selected.name}</span>
          {obj?.metadata.namespace && <span className="insp-ns">{obj.metadata.namespace}</span>}
        </div>
        <button type="button" className="insp-close" aria-label={t('inspector.close')} title={t('inspector.close')} onClick={() => store.getState().select(undefined)}>
          ✕
        </button>
      </header>
      {!obj ? (
        <p className="insp-empty">{t('inspector.gone', { kind: selected.kind, name: selected.name })}</p>
      ) : (
        <>
          <div className="insp-tabs" role="tablist" aria-label={t('inspector.label')}>
            {TABS.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                id={`insp-tab-${x}`}
                aria-selected={tab === x}
                aria-controls="insp-panel"
                data-testid={`inspector-tab-${x}`}
                className={tab === x ? 'active' : undefined}
                onClick={() => setTab(x)}
              >
                {t(`inspector.tabs.${x}`)}
              </button>
            ))}
          </div>
          <div className="insp-body" role="tabpanel" id="insp-panel" aria-labelledby={`insp-tab-${tab}`}>
            {tab === 'overview' && <OverviewTab obj={obj} snap={snap} kubeletStopped={kubeletStoppedLookup(cluster)} />}
            {tab === 'yaml' && <YamlTab obj={obj} />}
            {tab === 'events' && <EventsTab obj={obj} log={cluster.recorder.log} now={snap.time} />}
            {tab === 'describe' && <DescribeTab target={selected} version={snap.version} />}
          </div>
        </>
      )}
    </div>
  );
}
