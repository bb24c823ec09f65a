import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageButtons } from '@/components/light/language-buttons';
import { i18n, LANGUAGES } from '@/lib/i18n';
import { verifyZhCN } from '@/locales/verify.zh-CN';
import '@/components/light/light.css';
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
    <div className="lt-page">
      <header className="lt-bar">
        <Link to="/" className="lt-brand" style={{ color: 'inherit', textDecoration: 'none' }}>
          <span className="lt-logo" aria-hidden="true">
            ✓
          </span>
          {t('app.title')}
        </Link>
        <span className="lt-row">
          <LanguageButtons />
          <Link to="/login" className="lt-btn" data-testid="staff-login-link">
            {t('verify.staffLogin')}
          </Link>
        </span>
      </header>
      <main className="vf-main">{children}</main>
    </div>
  );
}
