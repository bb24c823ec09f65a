import { type ComponentType, lazy, Suspense } from 'react';
import { useLocation } from 'react-router';
import { PageFallback } from '@/app/page-fallback';
import { useMe } from '@/features/auth/api/get-me';

const AppShell = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await import('@/app/app-shell')).AppShell }));
const PublicHomePage = lazy(
  async (): Promise<{ default: ComponentType }> => ({
    default: (await import('@/features/certificates/components/public-home-page')).PublicHomePage,
  }),
);

/**
 * `/` decides between the public home page (no session: the free certificate query, not a login box) and the
 * signed-in app; every other path under `/` is the app (which sends a visitor without a session to /login).
 */
export function RootGate() {
  const location = useLocation();
  const me = useMe();
  if (location.pathname === '/') {
    if (me.isPending) return <PageFallback />;
    if (me.isSuccess && me.data === null) {
      return (
        <Suspense fallback={<PageFallback />}>
          <PublicHomePage />
        </Suspense>
      );
    }
  }
  return (
    <Suspense fallback={<PageFallback />}>
      <AppShell />
    </Suspense>
  );
}
