import type { App } from 'antd';
import { errorText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';
import { i18n } from '@/lib/i18n';

/**
 * antd's message/notification API bound to the app's ConfigProvider (locale, theme); set by <ErrorReporterBridge />
 * (app/error-reporter-bridge.tsx) — this file imports no antd code, so the light public pages stay light.
 */
type AppApi = ReturnType<typeof App.useApp>;
let appApi: AppApi | undefined;

export function setAppApi(api: AppApi | undefined): void {
  appApi = api;
}
export function currentAppApi(): AppApi | undefined {
  return appApi;
}

export const LOGIN_PATH = '/login';

/** `/login?next=/filings/12` — where the login page returns to; `expired=1` says the session ended. */
export function loginPath(next: string, expired = false): string {
  const params = new URLSearchParams();
  if (next && next !== '/' && next.startsWith('/') && !next.startsWith(LOGIN_PATH)) params.set('next', next);
  if (expired) params.set('expired', '1');
  const query = params.toString();
  return query ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}

/** A session that ends while the app is open: to the login page, saying so, and back here after logging in. */
export function redirectToLogin(): void {
  if (window.location.pathname === LOGIN_PATH) return;
  window.location.assign(loginPath(window.location.pathname + window.location.search, true));
}

function stripLocation(path: string): string {
  return path.replace(/^(body|query|params)\.?/, '');
}

/**
 * The global handler for failed queries and mutations: a 401 sends the user to the login page;
 * `VALIDATION.FAILED` lists the server's field issues; anything else shows the error in words (lib/api-errors).
 */
export function reportError(error: unknown): void {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  if (error instanceof ApiError) {
    if (error.status === 401) {
      redirectToLogin();
      return;
    }
    const issues = error.issues;
    if (error.code === 'VALIDATION.FAILED' && issues.length > 0) {
      appApi?.notification.error({
        title: error.message,
        description: (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((issue, i) => (
              <li key={i}>
                {stripLocation(issue.path) ? <code>{stripLocation(issue.path)}</code> : null}
                {stripLocation(issue.path) ? ': ' : null}
                {issue.message}
              </li>
            ))}
          </ul>
        ),
        duration: 8,
      });
      return;
    }
    if (appApi) appApi.message.error(errorText(error));
    else console.error(error);
    return;
  }
  console.error(error);
  appApi?.message.error(i18n.t('errors.unknown'));
}
