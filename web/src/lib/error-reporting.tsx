import { App } from 'antd';
import { useEffect } from 'react';
import { errorText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';
import { i18n } from '@/lib/i18n';

type AppApi = ReturnType<typeof App.useApp>;

/** antd's message/notification API bound to the app's ConfigProvider (locale, theme); set by <ErrorReporterBridge />. */
let appApi: AppApi | undefined;

/** Mount once inside antd's <App>: lets the global error handler use the themed, localised message API. */
export function ErrorReporterBridge(): null {
  const api = App.useApp();
  useEffect(() => {
    appApi = api;
    return () => {
      if (appApi === api) appApi = undefined;
    };
  }, [api]);
  return null;
}

export const LOGIN_PATH = '/login';

/** Sends the browser to the login page, unless it is there already. */
export function redirectToLogin(): void {
  if (window.location.pathname !== LOGIN_PATH) window.location.assign(LOGIN_PATH);
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
