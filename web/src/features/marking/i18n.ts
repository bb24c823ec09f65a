import { markingEnUS } from '@/locales/marking.en-US';
import { markingZhCN } from '@/locales/marking.zh-CN';
import { i18n, LANGUAGES, type Language } from '@/lib/i18n';

// The marking screens bring their own strings (kept out of the entry bundle): merged into each
// language's `translation` bundle when it is there, and into a language bundle loaded later (a language switch).
const CATALOGS: Record<Language, typeof markingZhCN> = { 'zh-CN': markingZhCN, 'en-US': markingEnUS };

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('marking.queueTitle', { lng, fallbackLng: false })) return;
  i18n.addResourceBundle(lng, 'translation', CATALOGS[lng as Language], true, false);
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
