import '@/lib/i18n-app';
import { AntdProvider } from '@/app/antd-provider';
import { AppLayout } from '@/app/layout/app-layout';
import { RequireAuth } from '@/app/require-auth';

/** The signed-in application: Ant Design, the session check and the layout (one chunk, loaded after the entry). */
export function AppShell() {
  return (
    <AntdProvider>
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    </AntdProvider>
  );
}

/** Route errors and "not found" in the signed-in look. */
export { NotFoundResult, RouteErrorResult } from '@/components/status-result';
