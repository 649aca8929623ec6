import { useTranslation } from 'react-i18next';
import { TIERS, type Tier, type TierChoice } from './model/tier';

/** How much detail to draw (auto by size, or forced) and whether to show the system namespaces. */
export function CanvasOptions({ choice, tier, onChoice, showSystem, onShowSystem }: { choice: TierChoice; tier: Tier; onChoice: (c: TierChoice) => void; showSystem: boolean; onShowSystem: (v: boolean) => void }) {
  const { t } = useTranslation('canvas');
  return (
    <div className="canvas-options" role="group" aria-label={t('canvas.options')}>
      <label className="canvas-chip">
        <span>{t('canvas.detail')}</span>
        <select data-testid="canvas-tier" data-tier={tier} value={choice} onChange={(e) => onChoice(e.target.value as TierChoice)}>
          <option value="auto">
            {t('canvas.tier.auto')}
            {choice === 'auto' ? ` (${t(`canvas.tier.${tier}`)})` : ''}
          </option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {t(`canvas.tier.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="canvas-chip">
        <input type="checkbox" data-testid="show-system" checked={showSystem} onChange={(e) => onShowSystem(e.target.checked)} />
        <span>{t('canvas.showSystem')}</span>
      </label>
    </div>
  );
}
