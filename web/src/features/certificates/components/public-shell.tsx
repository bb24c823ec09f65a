import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LightShell } from '@/components/light/light-shell';
import { i18n, LANGUAGES } from '@/lib/i18n';
import { verifyZhCN } from '@/locales/verify.zh-CN';
import '@/features/certificates/components/verify.css';

// The public certificate pages bring their own strings (kept out of the entry bundle), merged like enrolment's. Only
// zh-CN comes with the page; en-US is fetched when that language is on (the /verify first view's budget).
function add(lng: string, catalog: typeof verifyZhCN): void {
  if (i18n.hasResourceBundle(lng, 'translation') && !i18n.exists('verify.homeTitle', { lng, fallbackLng: false })) {
    i18n.addResourceBundle(lng, 'translation', catalog, true, false);
  }
}

function merge(lng: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lng) || !i18n.hasResourceBundle(lng, 'translation')) return;
  if (i18n.exists('verify.homeTitle', { lng, fallbackLng: false })) return;
  if (lng === 'zh-CN') add(lng, verifyZhCN);
  else void import('@/locales/verify.en-US').then((m) => add(lng, m.verifyEnUS));
}

for (const lng of LANGUAGES) merge(lng);
i18n.store.on('added', (lng: string) => merge(lng));
/** The light frame of the public certificate pages (no antd): brand, language, staff login one click away. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <LightShell loginLabel={t('verify.staffLogin')} loginTestId="staff-login-link" mainClassName="vf-main">
      {children}
    </LightShell>
  );
}
