import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from '@/locales/zh-CN';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'skillcert.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * zh-CN (the default and fallback) is part of the entry; English is its own chunk, fetched when chosen — the light
 * public pages stay under their JavaScript budget (e2e/bundle-size.test.ts).
 */
const LOADERS: Record<Language, () => Promise<typeof zhCN>> = {
  'zh-CN': async () => zhCN,
  'en-US': async () => (await import('@/locales/en-US')).enUS,
};

async function ensureLoaded(lang: Language): Promise<void> {
  if (!i18n.hasResourceBundle(lang, 'translation')) i18n.addResourceBundle(lang, 'translation', await LOADERS[lang]());
}

export const i18n = i18next.createInstance();

const initialLanguage = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

/** Resolves once the remembered language's texts are in (main.tsx renders after it). */
export const i18nReady: Promise<void> = (async () => {
  if (initialLanguage !== DEFAULT_LANGUAGE) {
    try {
      await ensureLoaded(initialLanguage);
      await i18n.changeLanguage(initialLanguage);
    } catch {
      // offline or a stale chunk: stay in Chinese
    }
  }
  document.documentElement.lang = i18n.language;
})();

/** The UI language; also sent to the server as `Accept-Language` so its error messages match. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Switches the UI language and remembers it in localStorage. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await ensureLoaded(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}
