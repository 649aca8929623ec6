import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';
import zhCommon from './locales/zh-CN/common.json';
import enEditor from './locales/en/editor.json';
import zhEditor from './locales/zh-CN/editor.json';
import enCanvas from './locales/en/canvas.json';
import zhCanvas from './locales/zh-CN/canvas.json';
import type { Language } from '../../store/playgroundStore';

/**
 * UI strings in English and Simplified Chinese, one namespace per area of the page. Kinds,
 * fields and kubectl output are never translated, as in real Kubernetes.
 */
export const resources = {
  en: { common: enCommon, editor: enEditor, canvas: enCanvas },
  'zh-CN': { common: zhCommon, editor: zhEditor, canvas: zhCanvas },
} as const;

/** The languages offered, each named in itself. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
];

export function initI18n(lng: Language) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng,
      fallbackLng: 'en',
      ns: ['common', 'editor', 'canvas'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  } else if (i18next.language !== lng) {
    void i18next.changeLanguage(lng);
  }
  setDocumentLanguage(lng);
  return i18next;
}

/** <html lang> follows the UI language, so screen readers and fonts pick the right voice and glyphs. */
export function setDocumentLanguage(lng: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
