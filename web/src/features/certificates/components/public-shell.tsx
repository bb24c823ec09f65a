import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageButtons } from '@/components/light/language-buttons';
import '@/features/certificates/i18n';
import '@/components/light/light.css';
import '@/features/certificates/components/verify.css';

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
