import { useTranslation } from 'react-i18next';
import { formatRate } from './counters';
import { usePodRps, useTrafficActive } from './TrafficCountersContext';
import { ServedIcon } from './TrafficIcons';

/** A pod's served-request counter (requests from traffic clients), with its rate in the tooltip. */
export function ServedBadge({ pod, served }: { pod: string; served: number }) {
  const { t } = useTranslation('canvas');
  const active = useTrafficActive();
  const rps = usePodRps(pod);
  if (!active) return null;
  const title = t('traffic.served', { count: served, rate: formatRate(rps) });
  return (
    <span className={`pod-served${rps > 0 ? ' is-live' : ''}${served === 0 ? ' is-zero' : ''}`} title={title} aria-label={title}>
      <ServedIcon />
      {served}
    </span>
  );
}
