import { useEffect } from 'react';
import { usePlayground } from '../StoreContext';
import { initI18n } from './index';

/** Follows the store's language: switches i18next at run time (no reload) and updates <html lang>. */
export function useLanguageSync(): void {
  const language = usePlayground((s) => s.language);
  useEffect(() => {
    initI18n(language);
  }, [language]);
}
