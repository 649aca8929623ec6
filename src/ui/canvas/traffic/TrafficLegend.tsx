import { useTranslation } from 'react-i18next';
import { OUTCOME_COLORS } from './drawDots';

const DOT = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true } as const;

/** The traffic part of the legend: dot shapes by outcome, the kinds of lanes, what the numbers mean. */
export function TrafficLegend({ reduced }: { reduced: boolean }) {
  const { t } = useTranslation('canvas');
  return (
    <ul className="legend-traffic">
      <li className="legend-head">{t('traffic.legend.title')}</li>
      <li>
        <svg {...DOT}><circle cx="8" cy="8" r="5" fill={OUTCOME_COLORS.ok} stroke="#0b0f18" strokeWidth="1.5" /></svg>
        {t('traffic.legend.ok')}
      </li>
      <li>
        <svg {...DOT}><rect x="3" y="3" width="10" height="10" fill={OUTCOME_COLORS['server-error']} stroke="#0b0f18" strokeWidth="1.5" /></svg>
        {t('traffic.legend.error')}
      </li>
      <li>
        <svg {...DOT}>
          <circle cx="8" cy="8" r="6.5" fill="#0b0f18" stroke={OUTCOME_COLORS.failure} strokeWidth="2" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke={OUTCOME_COLORS.failure} strokeWidth="2" />
        </svg>
        {t('traffic.legend.failed')}
      </li>
      <li>
        <svg {...DOT}>
          <circle cx="8" cy="8" r="6.5" fill="#0b0f18" stroke={OUTCOME_COLORS.failure} strokeWidth="2" />
          <path d="M3.5 12.5l9-9" stroke={OUTCOME_COLORS.failure} strokeWidth="2" />
        </svg>
        {t('traffic.legend.policy')}
      </li>
      <li>
        <svg width="34" height="10" aria-hidden><line x1="2" y1="5" x2="32" y2="5" className="traffic-lane via-proxy legend" /></svg>
        {t('traffic.legend.proxy')}
      </li>
      <li>
        <svg width="34" height="10" aria-hidden><line x1="2" y1="5" x2="32" y2="5" className="traffic-lane via-endpoints legend" /></svg>
        {t('traffic.legend.endpoints')}
      </li>
      <li>
        <svg width="34" height="10" aria-hidden><line x1="2" y1="5" x2="32" y2="5" className="traffic-lane via-client legend" /></svg>
        {t('traffic.legend.client')}
      </li>
      <li className="legend-note">{t('traffic.legend.rates')}</li>
      {reduced && <li className="legend-note">{t('traffic.legend.reduced')}</li>}
    </ul>
  );
}
