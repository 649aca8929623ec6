import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { humanDuration } from '../../engine/time';
import { usePlayground, usePlaygroundStore, useSnapshot } from '../StoreContext';
import { eventObject, FilteredEvents } from './events';
import './events.css';

const ROW_H = 26;
const OVERSCAN = 8;

/**
 * The live event stream, as `kubectl get events -w` shows it (LAST SEEN, TYPE, REASON, OBJECT,
 * MESSAGE), newest at the bottom. Filters by the selected object, by text and by type. Only the
 * rows in view are in the DOM, so 60,000 events scroll as easily as 60.
 */
export function EventsPanel() {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const snap = useSnapshot();
  const selected = usePlayground((s) => s.selected);
  const [text, setText] = useState('');
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [follow, setFollow] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(200);
  const scroller = useRef<HTMLDivElement>(null);

  const log = store.driver().cluster.recorder.log;
  const object = selectionOnly && selected ? selected : undefined;
  const filtered = useMemo(
    () => new FilteredEvents({ text, warningsOnly, object: object && { kind: object.kind, name: object.name, namespace: object.namespace } }),
    [text, warningsOnly, object?.kind, object?.name, object?.namespace], // eslint-disable-line react-hooks/exhaustive-deps
  );
  // Reading the log follows the snapshot: a new snapshot is the cue that events may have arrived.
  void snap.version;
  const rows = filtered.sync(log);
  const total = rows.length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    setViewH(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
    // viewH: a hidden tab has no height; when it is shown, follow the newest events again.
  }, [follow, total, viewH]);

  // A hidden tab (no height) draws no rows: it catches up incrementally when shown.
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = viewH === 0 ? first : Math.min(total, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const now = snap.time;

  const visible = [];
  for (let i = first; i < last; i++) {
    const ev = log[rows[i]];
    if (!ev) continue;
    const warn = ev.type === 'Warning';
    const io = ev.involvedObject;
    visible.push(
      <div key={rows[i]} className={`ev-row${warn ? ' warn' : ''}`} role="row" style={{ top: i * ROW_H }} data-type={ev.type} data-reason={ev.reason}>
        <span role="cell" className="ev-age">{humanDuration(now - ev.time)}</span>
        <span role="cell" className="ev-type">
          <span aria-hidden>{warn ? '⚠' : '·'}</span> {ev.type}
        </span>
        <span role="cell" className="ev-reason">{ev.reason}</span>
        <span role="cell" className="ev-object">
          <button type="button" className="ev-link" onClick={() => store.getState().select({ kind: io.kind, name: io.name, namespace: io.namespace })} title={io.namespace ? `${io.namespace}/${io.name}` : io.name}>
            {eventObject(ev)}
          </button>
        </span>
        <span role="cell" className="ev-message" title={ev.message}>
          {ev.message}
          {ev.count > 1 ? ` (x${ev.count})` : ''}
        </span>
      </div>,
    );
  }

  return (
    <div className="events-panel" data-testid="events-panel">
      <div className="ev-toolbar" role="group" aria-label={t('events.filter')}>
        <input
          type="search"
          className="ev-filter"
          data-testid="events-filter"
          value={text}
          placeholder={t('events.filterPlaceholder')}
          aria-label={t('events.filter')}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="ev-check">
          <input type="checkbox" checked={selectionOnly} disabled={!selected} onChange={(e) => setSelectionOnly(e.target.checked)} />
          {t('events.selectionOnly')}
          {selected && selectionOnly ? <span className="ev-sel">{`${selected.kind.toLowerCase()}/${selected.name}`}</span> : null}
        </label>
        <label className="ev-check">
          <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} />
          <span aria-hidden>⚠</span> {t('events.warningsOnly')}
        </label>
        <label className="ev-check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          {t('events.follow')}
        </label>
        <span className="ev-count" data-testid="events-count" data-count={total}>
          {t('events.shown', { shown: total, total: log.length })}
        </span>
      </div>
      <div className="ev-table" role="table" aria-label={t('events.title')} aria-rowcount={total}>
        <div className="ev-head" role="row">
          <span role="columnheader">LAST SEEN</span>
          <span role="columnheader">TYPE</span>
          <span role="columnheader">REASON</span>
          <span role="columnheader">OBJECT</span>
          <span role="columnheader">MESSAGE</span>
        </div>
        <div
          className="ev-scroll"
          ref={scroller}
          onScroll={(e) => {
            const el = e.currentTarget;
            setScrollTop(el.scrollTop);
            const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_H;
            if (atBottom !== follow) setFollow(atBottom);
          }}
        >
          <div className="ev-spacer" style={{ height: total * ROW_H }}>
            {visible}
          </div>
          {total === 0 && <div className="ev-empty">{log.length ? t('events.emptyFiltered') : t('events.empty')}</div>}
        </div>
      </div>
    </div>
  );
}
