import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';
import { formatSimTime, simSeconds } from '../canvas/model/simTime';
import { ClockIcon } from './icons';

/**
 * The simulated time, in its own component: it changes every frame while the clock runs, and
 * only this element needs to follow it (the rest of the clock changes on a click).
 */
export function SimTimeDisplay() {
  const { t } = useTranslation('canvas');
  const simTime = usePlayground((s) => s.simTime);
  const label = t('clock.simTime');
  return (
    <output className="clock-time" data-testid="sim-time" data-seconds={simSeconds(simTime)} aria-label={label} title={label}>
      <ClockIcon /> {formatSimTime(simTime)}
    </output>
  );
}
