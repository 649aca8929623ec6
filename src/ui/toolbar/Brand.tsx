import { useTranslation } from 'react-i18next';

/** The product's mark: three pods in a cluster's ring. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <div className="brand" title={t('tagline')}>
      <svg className="brand-logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
        <circle cx="16" cy="16" r="14" fill="none" stroke="#4c8dff" strokeWidth="2.5" />
        <rect x="8" y="9" width="7" height="7" rx="2" fill="#35c47c" />
        <rect x="17" y="9" width="7" height="7" rx="2" fill="#35c47c" />
        <rect x="12.5" y="17.5" width="7" height="7" rx="2" fill="#f0b429" />
      </svg>
      <span className="brand-name">{t('appName')}</span>
    </div>
  );
}
