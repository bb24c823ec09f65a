import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageButtons } from '@/components/light/language-buttons';
import '@/components/light/light.css';

/**
 * The light frame of every public page (no antd, so they load fast): the brand back to the public portal, the
 * language buttons and the staff login one click away. Each page passes its own login label from its lazy catalog.
 */
export function LightShell({
  loginLabel,
  loginTestId,
  mainClassName = 'lt-content',
  children,
}: {
  loginLabel: string;
  loginTestId?: string;
  mainClassName?: string;
  children: ReactNode;
}) {
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
          <Link to="/login" className="lt-btn" data-testid={loginTestId}>
            {loginLabel}
          </Link>
        </span>
      </header>
      <main className={mainClassName}>{children}</main>
    </div>
  );
}
