import { roomEnUS } from '@/locales/room.en-US';
import { roomZhCN } from '@/locales/room.zh-CN';
import { i18n, LANGUAGES, type Language } from '@/lib/i18n';

// The room screen brings its own strings (kept out of the entry bundle): merged into each language's `translation`
// bundle when it is there, and into a language bundle loaded later (a language switch).
const CATALOGS: Record<Language, typeof roomZhCN> = { 'zh-CN': roomZhCN, 'en-US': roomEnUS };

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('room.title', { lng, fallbackLng: false })) return;
  i18n.addResourceBundle(lng, 'translation', CATALOGS[lng as Language], true, false);
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
