import { i18n, LANGUAGES, type Language } from '@/lib/i18n';
import { verifyEnUS } from '@/locales/verify.en-US';
import { verifyZhCN } from '@/locales/verify.zh-CN';

// The public certificate pages bring their own strings (kept out of the entry bundle), merged like enrolment's.
const CATALOGS: Record<Language, typeof verifyZhCN> = { 'zh-CN': verifyZhCN, 'en-US': verifyEnUS };

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('verify.homeTitle', { lng, fallbackLng: false })) return;
  i18n.addResourceBundle(lng, 'translation', CATALOGS[lng as Language], true, false);
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
