import { memo } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { formatRate } from './counters';
import { svgPath } from './geometry';
import type { Lane } from './lanes';

/**
 * The tracks requests run along, and their rates over the last simulated second, in the
 * canvas's own coordinates (they pan and zoom with it). Rates are text, so they read without
 * motion too.
 */
function TrafficLanesImpl({ lanes }: { lanes: readonly Lane[] }) {
  const { t } = useTranslation('canvas');
  if (lanes.length === 0) return null;
  return (
    <ViewportPortal>
      <svg className="traffic-lanes" aria-hidden>
        {lanes.map((l) => (
          <path key={l.key} d={svgPath(l.points)} className={`traffic-lane via-${l.via}`} />
        ))}
      </svg>
      {lanes.map((l) =>
        l.label ? (
          <div
            key={l.key}
            className={`traffic-rate via-${l.via}`}
            data-testid="traffic-rate"
            data-lane={l.key}
            data-rps={l.rps}
            style={{ transform: `translate(${l.label.x}px, ${l.label.y}px) translate(-50%, -50%)` }}
          >
            {t('traffic.rate', { rate: formatRate(l.rps) })}
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}

export const TrafficLanes = memo(TrafficLanesImpl);
