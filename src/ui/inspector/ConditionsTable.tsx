import { useTranslation } from 'react-i18next';
import { parseTimestamp, humanDuration } from '../../engine/time';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

const GLYPH: Record<string, string> = { True: '✓', False: '✕', Unknown: '?' };

/** status.conditions as a table, with the status as glyph and word. */
export function ConditionsTable({ conditions, now }: { conditions: readonly Condition[] | undefined; now: number }) {
  const { t } = useTranslation('canvas');
  if (!conditions?.length) return <p className="insp-dim">{t('inspector.noConditions')}</p>;
  return (
    <table className="insp-table" data-testid="conditions">
      <thead>
        <tr>
          <th>{t('inspector.columns.type')}</th>
          <th>{t('inspector.columns.status')}</th>
          <th>{t('inspector.columns.reason')}</th>
          <th>{t('inspector.columns.lastTransition')}</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => {
          const at = parseTimestamp(c.lastTransitionTime);
          return (
            <tr key={c.type} title={c.message}>
              <td className="mono-cell">{c.type}</td>
              <td className={`cond-${c.status}`}>
                <span aria-hidden>{GLYPH[c.status] ?? '·'}</span> {c.status}
              </td>
              <td>{c.reason ?? ''}</td>
              <td className="insp-dim">{at === undefined ? '' : humanDuration(now - at)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
