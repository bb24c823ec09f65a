import { examZhCN } from '@/locales/exam.zh-CN';
import { i18n, LANGUAGES, type Language } from '@/lib/i18n';

// The exam page brings its own strings (kept out of the entry bundle). Chinese comes with the page; English is fetched
// when that language is in use (the page is public: its first view stays within the JavaScript budget).
const LOADERS: Record<Language, () => Promise<typeof examZhCN>> = {
  'zh-CN': async () => examZhCN,
  'en-US': async () => (await import('@/locales/exam.en-US')).examEnUS,
};

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('exam.title', { lng, fallbackLng: false })) return;
  if (lng === 'zh-CN') {
    i18n.addResourceBundle(lng, 'translation', examZhCN, true, false);
    return;
  }
  void LOADERS[lng as Language]().then(
    (catalog) => {
      i18n.addResourceBundle(lng, 'translation', catalog, true, false);
      // Re-render with the new strings when they arrive after the language switch.
      if (i18n.language === lng) void i18n.changeLanguage(lng);
    },
    () => undefined,
  );
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
