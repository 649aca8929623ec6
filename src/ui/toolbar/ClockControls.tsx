import { useTranslation } from 'react-i18next';
import { SPEEDS } from '../../store/playgroundStore';
import { usePlayground, usePlaygroundStore } from '../StoreContext';
import { useAnimationLoop } from '../useAnimationLoop';
import { PauseIcon, PlayIcon, SkipIcon, StepIcon } from './icons';
import { SimTimeDisplay } from './SimTimeDisplay';
import './clock.css';

/**
 * Play, pause, step, speed, simulated time and "skip until quiet". Mounting it also starts the
 * animation loop that drives the clock (and its Space / "." shortcuts).
 */
export function ClockControls() {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  useAnimationLoop(store);
  const playing = usePlayground((s) => s.playing);
  const speed = usePlayground((s) => s.speed);
  const quiet = usePlayground((s) => s.quiet);
  const a = store.getState();
  return (
    <div className="clock" role="group" aria-label={t('clock.label')}>
      <button type="button" className={`clock-btn icon-only${playing ? ' active' : ''}`} data-testid="play" aria-pressed={playing} title={t('clock.playTitle')} onClick={() => a.play()}>
        <PlayIcon />
        <span className="clock-btn-text">{t('clock.play')}</span>
      </button>
      <button type="button" className={`clock-btn icon-only${!playing ? ' active' : ''}`} data-testid="pause" aria-pressed={!playing} title={t('clock.pauseTitle')} onClick={() => a.pause()}>
        <PauseIcon />
        <span className="clock-btn-text">{t('clock.pause')}</span>
      </button>
      <button type="button" className="clock-btn icon-only" data-testid="step" title={t('clock.stepTitle')} onClick={() => a.step()}>
        <StepIcon />
        <span className="clock-btn-text">{t('clock.step')}</span>
      </button>
      <label className="clock-speed" title={t('clock.speed')}>
        <span className="sr-only">{t('clock.speed')}</span>
        <select data-testid="speed" value={String(speed)} onChange={(e) => a.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <SimTimeDisplay />
      <button type="button" className="clock-btn" data-testid="skip-quiet" title={t('clock.skipQuietTitle')} onClick={() => a.skipUntilQuiet()}>
        <SkipIcon />
        <span className="clock-btn-text">{t('clock.skipQuiet')}</span>
      </button>
      <span className={`clock-quiet ${quiet ? 'is-quiet' : 'is-busy'}`} data-testid="quiet" data-quiet={quiet} title={quiet ? t('clock.quietTitle') : t('clock.busyTitle')}>
        <span aria-hidden>{quiet ? '●' : '◌'}</span> {quiet ? t('clock.quiet') : t('clock.busy')}
      </span>
    </div>
  );
}
