import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, ClientData } from '../model/flowTypes';
import { Handles } from '../parts/Handles';
import { formatRate, outcomeList } from '../traffic/counters';
import { outcomeKind } from '../traffic/route';
import { GlobeIcon } from '../traffic/TrafficIcons';
import { useClientRps, useClientStats } from '../traffic/TrafficCountersContext';

type Props = NodeProps<Extract<CanvasNode, { type: 'client' }>>;

const GLYPH = { ok: '✓', redirect: '↪', 'client-error': '!', 'server-error': '!', failure: '✕' } as const;
/** Outcomes listed on the node; the rest are summed as "+n more". */
const SHOWN = 3;

/** A traffic client outside the cluster (`traffic <url> <rps>`): its URL, its rate and what came back. */
function ClientNodeImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as ClientData;
  const stats = useClientStats(d.id);
  const rps = useClientRps(d.id);
  const outcomes = stats ? outcomeList(stats) : [];
  const rest = outcomes.slice(SHOWN).reduce((n, o) => n + o.count, 0);
  return (
    <div className="k-card k-client" data-testid="traffic-client" data-client={d.id} data-url={d.url} data-sent={stats?.sent ?? 0}>
      <Handles />
      <div className="k-card-top">
        <span className="client-icon"><GlobeIcon size={16} /></span>
        <span className="k-card-name">{t('traffic.outside')}</span>
        <span className="k-card-type" title={t('traffic.clientId', { id: d.id })}>#{d.id}</span>
      </div>
      <div className="k-card-line mono" title={d.url}>{d.url}</div>
      <div className="k-card-line client-rate">
        {t('traffic.rate', { rate: formatRate(rps) })} · {t('traffic.sent', { count: stats?.sent ?? 0 })}
      </div>
      <ul className="client-outcomes" aria-label={t('traffic.outcomes')}>
        {outcomes.slice(0, SHOWN).map((o) => {
          const kind = outcomeKind(o.outcome);
          return (
            <li key={o.outcome} className={`outcome outcome-${kind}`} data-outcome={o.outcome} data-count={o.count}>
              <span aria-hidden>{GLYPH[kind]}</span> {o.outcome} ×{o.count}
            </li>
          );
        })}
        {rest > 0 && <li className="outcome">{t('traffic.more', { count: rest })}</li>}
      </ul>
    </div>
  );
}

export const ClientNode = memo(ClientNodeImpl);
