import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';
import { LANGUAGES } from '../i18n';
import type { Language } from '../../store/playgroundStore';

/** English or 简体中文, switched at once and remembered. Each language is named in itself. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = usePlayground((s) => s.language);
  const setLanguage = usePlayground((s) => s.setLanguage);
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <span aria-hidden="true" className="language-icon">
        文A
      </span>
      <select className="select" data-testid="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('language.label')}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
