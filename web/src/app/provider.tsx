import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { reportError } from '@/lib/error-reporting';
import { isApiError } from '@/lib/http';
import { i18n } from '@/lib/i18n';

/** The one QueryClient. Failed queries and mutations go to the global error handler unless they opt out via `meta`. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.meta?.silent) return;
      reportError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (mutation.meta?.silent) return;
      if (isApiError(error) && mutation.meta?.handledCodes?.includes(error.code)) return;
      reportError(error);
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; network and 5xx errors get two more tries.
      retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

/**
 * What every page needs: translations and the query client. No antd here — the public pages (login, catalog) are
 * light; the signed-in app adds Ant Design's provider in its own chunk (app/antd-provider.tsx).
 */
export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </I18nextProvider>
  );
}
