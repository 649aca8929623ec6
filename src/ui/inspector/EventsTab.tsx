import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KObject } from '../../engine/api/object';
import type { EventRecord } from '../../engine/events/recorder';
import { humanDuration } from '../../engine/time';
import { FilteredEvents } from '../panels/events';

/** Events about this object (newest last), as the bottom of `kubectl describe` lists them. */
export function EventsTab({ obj, log, now }: { obj: KObject; log: readonly EventRecord[]; now: number }) {
  const { t } = useTranslation('canvas');
  const uid = obj.metadata.uid;
  const filtered = useMemo(
    () => new FilteredEvents({ object: { uid, kind: obj.kind, name: obj.metadata.name!, namespace: obj.metadata.namespace } }),
    [uid, obj.kind, obj.metadata.name, obj.metadata.namespace],
  );
  const rows = filtered.sync(log);
  if (rows.length === 0) return <p className="insp-dim">{t('inspector.noEvents')}</p>;
  const shown = rows.slice(-300);
  return (
    <ol className="insp-events" data-testid="inspector-events">
      {shown.map((i) => {
        const ev = log[i];
        const warn = ev.type === 'Warning';
        return (
          <li key={i} className={warn ? 'warn' : undefined} data-reason={ev.reason}>
            <div className="insp-ev-head">
              <span className="insp-ev-type">
                <span aria-hidden>{warn ? '⚠' : '·'}</span> {ev.type}
              </span>
              <span className="mono-cell insp-ev-reason">{ev.reason}</span>
              <span className="insp-dim">{humanDuration(now - ev.time)}</span>
              <span className="insp-dim insp-ev-from">{ev.source.component}</span>
            </div>
            <div className="insp-ev-msg">
              {ev.message}
              {ev.count > 1 ? ` (x${ev.count})` : ''}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
