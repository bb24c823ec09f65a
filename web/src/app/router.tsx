import type { Action } from '@skillcert/shared/actions';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from '@/app/layout/app-layout';
import { RequireAuth, RequirePermission } from '@/app/require-auth';
import { NotFoundResult, RouteErrorResult } from '@/components/status-result';
import { AuditPage } from '@/features/audit/components/audit-page';
import { ChangePasswordPage } from '@/features/auth/components/change-password-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { BlueprintFormPage } from '@/features/blueprints/components/blueprint-form-page';
import { BlueprintsPage } from '@/features/blueprints/components/blueprints-page';
import { CurriculumPage } from '@/features/curriculum/components/curriculum-page';
import { FilingDetailPage } from '@/features/filings/components/filing-detail-page';
import { FilingFormPage } from '@/features/filings/components/filing-form-page';
import { FilingsPage } from '@/features/filings/components/filings-page';
import { HomePage } from '@/features/home/components/home-page';
import { InstitutionDetailPage } from '@/features/institutions/components/institution-detail-page';
import { InstitutionsPage } from '@/features/institutions/components/institutions-page';
import { PublicCatalogPage } from '@/features/institutions/components/public-catalog-page';
import { ItemsPage } from '@/features/items/components/items-page';
import { OccupationsPage } from '@/features/occupations/components/occupations-page';
import { OrganisationDetailPage } from '@/features/organisations/components/organisation-detail-page';
import { OrganisationsPage } from '@/features/organisations/components/organisations-page';
import { PaperDetailPage } from '@/features/papers/components/paper-detail-page';
import { PapersPage } from '@/features/papers/components/papers-page';
import { PlanDetailPage } from '@/features/plans/components/plan-detail-page';
import { PlanFormPage } from '@/features/plans/components/plan-form-page';
import { PlansPage } from '@/features/plans/components/plans-page';
import { PoliciesPage } from '@/features/policies/components/policies-page';
import { PolicyDetailPage } from '@/features/policies/components/policy-detail-page';
import { ProposalsPage } from '@/features/proposals/components/proposals-page';
import { SpecsPage } from '@/features/specs/components/specs-page';
import { UsersPage } from '@/features/users/components/users-page';
import { EnrolmentPage } from '@/features/enrolments/components/enrolment-page';
import { ActivatePage } from '@/features/candidate/components/activate-page';
import { MyCandidatePage } from '@/features/candidate/components/my-candidate-page';

/** A page behind a permission (the server refuses it anyway). */
const guarded = (action: Action, page: ReactNode) => <RequirePermission action={action}>{page}</RequirePermission>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorResult /> },
  // The free public catalog of filed institutions: no login, outside the authenticated layout.
  { path: '/public/institutions', element: <PublicCatalogPage />, errorElement: <RouteErrorResult /> },
  // A candidate's first login with the one-time activation code: no session yet.
  { path: '/activate', element: <ActivatePage />, errorElement: <RouteErrorResult /> },
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
      { path: 'organisations', element: guarded('org.read', <OrganisationsPage />) },
      { path: 'organisations/:id', element: guarded('org.read', <OrganisationDetailPage />) },
      { path: 'users', element: guarded('user.read', <UsersPage />) },
      { path: 'filings', element: guarded('filing.read', <FilingsPage />) },
      { path: 'filings/new', element: guarded('filing.apply', <FilingFormPage />) },
      { path: 'filings/:id', element: guarded('filing.read', <FilingDetailPage />) },
      { path: 'filings/:id/edit', element: guarded('filing.apply', <FilingFormPage />) },
      { path: 'institutions', element: guarded('institution.read', <InstitutionsPage />) },
      { path: 'institutions/:id', element: guarded('institution.read', <InstitutionDetailPage />) },
      { path: 'occupations', element: guarded('occupation.read', <OccupationsPage />) },
      { path: 'specs', element: guarded('spec.read', <SpecsPage />) },
      { path: 'proposals', element: guarded('special_item.read', <ProposalsPage />) },
      { path: 'blueprints', element: guarded('bank.read', <BlueprintsPage />) },
      { path: 'blueprints/new', element: guarded('bank.manage', <BlueprintFormPage />) },
      { path: 'blueprints/:id', element: guarded('bank.read', <BlueprintFormPage />) },
      { path: 'bank', element: guarded('bank.read', <ItemsPage />) },
      { path: 'papers', element: guarded('bank.read', <PapersPage />) },
      { path: 'papers/:id', element: guarded('bank.read', <PaperDetailPage />) },
      { path: 'curriculum', element: guarded('bank.read', <CurriculumPage />) },
      { path: 'plans', element: guarded('plan.read', <PlansPage />) },
      { path: 'plans/new', element: guarded('plan.manage', <PlanFormPage />) },
      { path: 'plans/:id', element: guarded('plan.read', <PlanDetailPage />) },
      { path: 'plans/:id/edit', element: guarded('plan.manage', <PlanFormPage />) },
      { path: 'plans/:id/enrolment', element: guarded('enrolment.read', <EnrolmentPage />) },
      { path: 'me', element: guarded('candidate.self', <MyCandidatePage />) },
      { path: 'policies', element: guarded('policy.read', <PoliciesPage />) },
      { path: 'policies/:id', element: guarded('policy.read', <PolicyDetailPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditPage />) },
      { path: 'password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
