import { appEnUS } from '@/locales/app.en-US';
import { appZhCN } from '@/locales/app.zh-CN';
import { i18n, type Language, LANGUAGES } from '@/lib/i18n';

// The signed-in app's own texts (locales/app.*): merged into each language's `translation` bundle that is already
// there, and into a language bundle added later (a switch to English loads its catalog then).
const CATALOGS: Record<Language, typeof appZhCN> = { 'zh-CN': appZhCN, 'en-US': appEnUS };

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('plans.title', { lng, fallbackLng: false })) return;
  i18n.addResourceBundle(lng, 'translation', CATALOGS[lng as Language], true, false);
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
