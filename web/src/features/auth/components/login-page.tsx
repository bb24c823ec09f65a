import type { LoginBody } from '@skillcert/shared/api/auth';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageButtons } from '@/components/light/language-buttons';
import { useMe } from '@/features/auth/api/get-me';
import { useLogin } from '@/features/auth/api/login';
import { ApiError } from '@/lib/http';
import '@/components/light/light.css';

function loginErrorText(error: Error | null, t: TFunction): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return t('errors.unknown');
  switch (error.code) {
    case 'AUTH.INVALID_CREDENTIALS':
      return t('login.invalidCredentials');
    case 'AUTH.THROTTLED': {
      const seconds = error.details?.retryAfterSeconds;
      return typeof seconds === 'number' ? t('login.throttledFor', { seconds }) : t('login.throttled');
    }
    default:
      return error.message;
  }
}

/** Where to go after logging in: the page asked for (`?next=`, same-site paths only), else home. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/**
 * The login page — plain HTML and a small stylesheet, no antd, so it shows fast on a slow phone. After logging in the
 * user lands on the page they asked for; `?expired=1` (set when a session ends while the app is open) says so.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [values, setValues] = useState<LoginBody>({ username: '', password: '' });
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const errorText = loginErrorText(login.error, t);
  const expired = params.get('expired') === '1' && !login.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const nowMissing = { username: values.username.trim() === '', password: values.password === '' };
    setMissing(nowMissing);
    if (nowMissing.username || nowMissing.password) return;
    login.mutate(values, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  return (
    <div className="lt-page">
      <div className="lt-bar lt-bar-plain">
        <LanguageButtons />
      </div>
      <main className="lt-center">
        <div className="lt-hero">
          <span className="lt-logo lt-logo-big" aria-hidden="true">
            ✓
          </span>
          <h1 data-testid="product-title">{t('app.title')}</h1>
          <span className="lt-muted">{t('app.tagline')}</span>
        </div>
        <section className="lt-card" style={{ maxWidth: 400 }}>
          <div className="lt-card-title">{t('login.title')}</div>
          <div className="lt-card-body">
            {expired ? (
              <div className="lt-alert lt-alert-warning" role="status" data-testid="session-expired">
                {t('usability.sessionExpired')}
              </div>
            ) : null}
            {errorText ? (
              <div className="lt-alert lt-alert-error" role="alert" data-testid="login-error">
                {errorText}
              </div>
            ) : null}
            <form onSubmit={submit} noValidate>
              <fieldset disabled={login.isPending} style={{ border: 0, padding: 0, margin: 0 }}>
                <div className="lt-field">
                  <label htmlFor="login-username">{t('login.username')}</label>
                  <input
                    id="login-username"
                    className="lt-input"
                    autoComplete="username"
                    // biome-ignore lint/a11y/noAutofocus: the login form's only purpose is this field
                    autoFocus
                    aria-invalid={missing.username ? true : undefined}
                    value={values.username}
                    onChange={(e) => setValues((v) => ({ ...v, username: e.target.value }))}
                    data-testid="login-username"
                  />
                  {missing.username ? <span className="lt-field-error">{t('login.usernameRequired')}</span> : null}
                </div>
                <div className="lt-field">
                  <label htmlFor="login-password">{t('login.password')}</label>
                  <input
                    id="login-password"
                    className="lt-input"
                    type="password"
                    autoComplete="current-password"
                    aria-invalid={missing.password ? true : undefined}
                    value={values.password}
                    onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))}
                    data-testid="login-password"
                  />
                  {missing.password ? <span className="lt-field-error">{t('login.passwordRequired')}</span> : null}
                </div>
                <button type="submit" className="lt-btn lt-btn-primary lt-btn-block" data-testid="login-submit">
                  {login.isPending ? t('common.loading') : t('login.submit')}
                </button>
              </fieldset>
            </form>
          </div>
        </section>
        <Link to="/public/institutions" className="lt-link" style={{ marginTop: 16 }} data-testid="public-catalog-link">
          {t('publicCatalog.link')}
        </Link>
        <Link to="/activate" className="lt-link" style={{ marginTop: 8 }} data-testid="activate-link">
          {t('candidatePage.activateLink')}
        </Link>
      </main>
    </div>
  );
}
