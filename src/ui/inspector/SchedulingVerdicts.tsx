import { useTranslation } from 'react-i18next';
import { sortVerdicts, type DecisionLike } from './inspect';

/** Why the scheduler put a pod where it did, or why it could not place it: one row per node. */
export function SchedulingVerdicts({ decision }: { decision: DecisionLike | undefined }) {
  const { t } = useTranslation('canvas');
  if (!decision) return <p className="insp-dim">{t('inspector.noDecision')}</p>;
  const rows = sortVerdicts(decision);
  return (
    <div className="insp-sched" data-testid="scheduler-verdicts" data-outcome={decision.outcome}>
      <p className={`sched-outcome ${decision.outcome === 'Scheduled' ? 'ok' : 'bad'}`}>
        <span aria-hidden>{decision.outcome === 'Scheduled' ? '✓' : '✕'}</span> {decision.outcome}
        {decision.node ? ` → ${decision.node}` : ''} · {t('inspector.nodesEvaluated', { count: decision.nodesEvaluated })}
      </p>
      {decision.message && <p className="sched-message">{decision.message}</p>}
      <table className="insp-table">
        <thead>
          <tr>
            <th>{t('inspector.columns.node')}</th>
            <th>{t('inspector.columns.filter')}</th>
            <th>{t('inspector.score')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.node} className={v.chosen ? 'chosen' : v.filter === 'passed' ? 'fits' : 'rejected'} data-node={v.node}>
              <td className="mono-cell">{v.node}</td>
              <td>
                {v.chosen ? (
                  <>
                    <span aria-hidden>★</span> {t('inspector.chosen')}
                  </>
                ) : v.filter === 'passed' ? (
                  <>
                    <span aria-hidden>✓</span> {t('inspector.fits')}
                  </>
                ) : (
                  <>
                    <span aria-hidden>✕</span> {v.filter}
                  </>
                )}
              </td>
              <td className="mono-cell" title={v.scores ? Object.entries(v.scores).map(([k, s]) => `${k}: ${s}`).join('\n') : undefined}>
                {v.total ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
