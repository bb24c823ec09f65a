import type { Action } from '@skillcert/shared/actions';
import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ForbiddenResult, LoadErrorResult } from '@/components/status-result';
import { useMe } from '@/features/auth/api/get-me';
import { CurrentUserProvider, useCurrentUser } from '@/features/auth/components/current-user';
import { can } from '@/lib/authorization';
import { loginPath } from '@/lib/error-reporting';

/** Renders its children only with a session; without one (GET /api/auth/me → 401) goes to /login?next=<this page>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description={t('common.loading')} />
      </Flex>
    );
  }
  if (me.isError) return <LoadErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return <CurrentUserProvider me={me.data}>{children}</CurrentUserProvider>;
}

/** Hides a page the user has no permission for (the server refuses it anyway). */
export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const me = useCurrentUser();
  return can(me, action) ? children : <ForbiddenResult />;
}
