// The public pages' strings (verify.*) come with the public shell module.
import '@/features/certificates/components/public-shell';
import { certificatesEnUS } from '@/locales/certificates.en-US';
import { certificatesZhCN } from '@/locales/certificates.zh-CN';
import { i18n, LANGUAGES, type Language } from '@/lib/i18n';

// The signed-in certificate screens' own strings (kept out of the public pages' bundle), merged like enrolment's.
const CATALOGS: Record<Language, typeof certificatesZhCN> = { 'zh-CN': certificatesZhCN, 'en-US': certificatesEnUS };

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('certificates.title', { lng, fallbackLng: false })) return;
  i18n.addResourceBundle(lng, 'translation', CATALOGS[lng as Language], true, false);
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
