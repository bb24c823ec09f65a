import { i18n, LANGUAGES, type Language } from '@/lib/i18n';
import { sanctionsEnUS } from '@/locales/sanctions.en-US';
import { sanctionsZhCN } from '@/locales/sanctions.zh-CN';

// The supervision screens' own strings (violations, inspections, signals), merged when the screens load.
const CATALOGS: Record<Language, typeof sanctionsZhCN> = { 'zh-CN': sanctionsZhCN, 'en-US': sanctionsEnUS };

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('sanctions.title', { lng, fallbackLng: false })) return;
  i18n.addResourceBundle(lng, 'translation', CATALOGS[lng as Language], true, false);
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
