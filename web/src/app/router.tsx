import { createBrowserRouter } from 'react-router';
import { AppLayout } from '@/app/layout/app-layout';
import { RequireAuth, RequirePermission } from '@/app/require-auth';
import { NotFoundResult, RouteErrorResult } from '@/components/status-result';
import { AuditPage } from '@/features/audit/components/audit-page';
import { ChangePasswordPage } from '@/features/auth/components/change-password-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { HomePage } from '@/features/home/components/home-page';
import { OrganisationDetailPage } from '@/features/organisations/components/organisation-detail-page';
import { OrganisationsPage } from '@/features/organisations/components/organisations-page';
import { UsersPage } from '@/features/users/components/users-page';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorResult /> },
  {
    path: '/',
    errorElement: <RouteErrorResult />,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'organisations',
        element: (
          <RequirePermission action="org.read">
            <OrganisationsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'organisations/:id',
        element: (
          <RequirePermission action="org.read">
            <OrganisationDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePermission action="user.read">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission action="audit.read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: 'password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
