import type { Action } from '@skillcert/shared/actions';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageFallback } from '@/app/page-fallback';

/**
 * Route-level code splitting: every page is its own chunk, loaded when its route is first shown.
 * To add a page: `const XPage = page(() => import('@/features/x/components/x-page'), 'XPage');`
 * then use `<XPage />` in a route below (inside `guarded(…)` when it needs a permission).
 * The entry holds no Ant Design code: the login page and the public catalog are light; the signed-in app (AppShell:
 * antd's provider, the session check, the layout) is a chunk of its own. e2e/bundle-size.test.ts keeps the budget.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

const RequirePermission = lazy(() => import('@/app/require-auth').then((m) => ({ default: m.RequirePermission })));
const RouteErrorResult = page(() => import('@/app/app-shell'), 'RouteErrorResult');
const NotFoundResult = page(() => import('@/app/app-shell'), 'NotFoundResult');
const AuditPage = page(() => import('@/features/audit/components/audit-page'), 'AuditPage');
const ChangePasswordPage = page(() => import('@/features/auth/components/change-password-page'), 'ChangePasswordPage');
const LoginPage = page(() => import('@/features/auth/components/login-page'), 'LoginPage');
const BlueprintFormPage = page(() => import('@/features/blueprints/components/blueprint-form-page'), 'BlueprintFormPage');
const BlueprintsPage = page(() => import('@/features/blueprints/components/blueprints-page'), 'BlueprintsPage');
const CurriculumPage = page(() => import('@/features/curriculum/components/curriculum-page'), 'CurriculumPage');
const FilingDetailPage = page(() => import('@/features/filings/components/filing-detail-page'), 'FilingDetailPage');
const FilingFormPage = page(() => import('@/features/filings/components/filing-form-page'), 'FilingFormPage');
const FilingsPage = page(() => import('@/features/filings/components/filings-page'), 'FilingsPage');
const HomePage = page(() => import('@/features/home/components/home-page'), 'HomePage');
const InstitutionDetailPage = page(() => import('@/features/institutions/components/institution-detail-page'), 'InstitutionDetailPage');
const InstitutionsPage = page(() => import('@/features/institutions/components/institutions-page'), 'InstitutionsPage');
const PublicCatalogPage = page(() => import('@/features/institutions/components/public-catalog-page'), 'PublicCatalogPage');
const ExamPage = page(() => import('@/features/exam/components/exam-page'), 'ExamPage');
const ItemsPage = page(() => import('@/features/items/components/items-page'), 'ItemsPage');
const OccupationsPage = page(() => import('@/features/occupations/components/occupations-page'), 'OccupationsPage');
const OrganisationDetailPage = page(() => import('@/features/organisations/components/organisation-detail-page'), 'OrganisationDetailPage');
const OrganisationsPage = page(() => import('@/features/organisations/components/organisations-page'), 'OrganisationsPage');
const PaperDetailPage = page(() => import('@/features/papers/components/paper-detail-page'), 'PaperDetailPage');
const PapersPage = page(() => import('@/features/papers/components/papers-page'), 'PapersPage');
const PlanDetailPage = page(() => import('@/features/plans/components/plan-detail-page'), 'PlanDetailPage');
const PlanFormPage = page(() => import('@/features/plans/components/plan-form-page'), 'PlanFormPage');
const PlansPage = page(() => import('@/features/plans/components/plans-page'), 'PlansPage');
const EnrolmentPage = page(() => import('@/features/enrolments/components/enrolment-page'), 'EnrolmentPage');
const MarkingQueuePage = page(() => import('@/features/marking/components/marking-queue-page'), 'MarkingQueuePage');
const DisputesPage = page(() => import('@/features/marking/components/disputes-page'), 'DisputesPage');
const MarkingProgressPage = page(() => import('@/features/marking/components/marking-progress-page'), 'MarkingProgressPage');
const MyCandidatePage = page(() => import('@/features/candidate/components/my-candidate-page'), 'MyCandidatePage');
const ActivatePage = page(() => import('@/features/candidate/components/activate-page'), 'ActivatePage');
const PoliciesPage = page(() => import('@/features/policies/components/policies-page'), 'PoliciesPage');
const PolicyDetailPage = page(() => import('@/features/policies/components/policy-detail-page'), 'PolicyDetailPage');
const ProposalsPage = page(() => import('@/features/proposals/components/proposals-page'), 'ProposalsPage');
const RoomPage = page(() => import('@/features/room/components/room-page'), 'RoomPage');
const SpecsPage = page(() => import('@/features/specs/components/specs-page'), 'SpecsPage');
const UsersPage = page(() => import('@/features/users/components/users-page'), 'UsersPage');
const PublicPublicityListPage = page(() => import('@/features/publicity/components/public-publicity-page'), 'PublicPublicityListPage');
const PublicPublicityPage = page(() => import('@/features/publicity/components/public-publicity-page'), 'PublicPublicityPage');
const ResultsPage = page(() => import('@/features/results/components/results-page'), 'ResultsPage');
const SupervisionPage = page(() => import('@/features/supervision/components/supervision-page'), 'SupervisionPage');
const WorkloadPage = page(() => import('@/features/supervision/components/workload-page'), 'WorkloadPage');
const DashboardsPage = page(() => import('@/features/dashboards/components/dashboards-page'), 'DashboardsPage');
const VerifyPage = page(() => import('@/features/certificates/components/verify-page'), 'VerifyPage');
const CertificatesPage = page(() => import('@/features/certificates/components/certificates-page'), 'CertificatesPage');
const ExternalCertificatesPage = page(() => import('@/features/external-certificates/components/external-certificates-page'), 'ExternalCertificatesPage');
const MyCertificatesPage = page(() => import('@/features/certificates/components/my-certificates-page'), 'MyCertificatesPage');
const ReportingPage = page(() => import('@/features/reporting/components/reporting-page'), 'ReportingPage');
const MySubsidiesPage = page(() => import('@/features/subsidies/components/my-subsidies-page'), 'MySubsidiesPage');
const SubsidiesPage = page(() => import('@/features/subsidies/components/subsidies-page'), 'SubsidiesPage');
const LedgerPage = page(() => import('@/features/ledger/components/ledger-page'), 'LedgerPage');
const ComplaintsPage = page(() => import('@/features/complaints/components/complaints-page'), 'ComplaintsPage');
const PublicComplaintPage = page(() => import('@/features/complaints/components/public-complaint-page'), 'PublicComplaintPage');
const PublicComplaintTrackPage = page(() => import('@/features/complaints/components/public-complaint-page'), 'PublicComplaintTrackPage');
const ViolationsPage = page(() => import('@/features/sanctions/components/violations-page'), 'ViolationsPage');
const InspectionsPage = page(() => import('@/features/sanctions/components/inspections-page'), 'InspectionsPage');
const SignalsPage = page(() => import('@/features/sanctions/components/signals-page'), 'SignalsPage');
const RootGate = page(() => import('@/app/root-gate'), 'RootGate');

/** A lazily loaded page with a light placeholder while its chunk arrives. */
const load = (node: ReactNode) => <Suspense fallback={<PageFallback />}>{node}</Suspense>;
/** A page behind a permission (the server refuses it anyway). */
const guarded = (action: Action, node: ReactNode) => load(<RequirePermission action={action}>{node}</RequirePermission>);

const routeError = load(<RouteErrorResult />);

export const router = createBrowserRouter([
  { path: '/login', element: load(<LoginPage />), errorElement: routeError },
  // The free public catalog of filed institutions: no login, outside the authenticated layout.
  { path: '/public/institutions', element: load(<PublicCatalogPage />), errorElement: routeError },
  // What a certificate's QR code opens: phone first, no login, no antd.
  { path: '/verify/:number', element: load(<VerifyPage />), errorElement: routeError },
  // A candidate's first login with the one-time activation code: no session yet.
  { path: '/activate', element: load(<ActivatePage />), errorElement: routeError },
  // 公示: results in publicity, the objection form and tracking — no login.
  { path: '/public/publicity', element: load(<PublicPublicityListPage />), errorElement: routeError },
  { path: '/public/publicity/:planId', element: load(<PublicPublicityPage />), errorElement: routeError },
  // 投诉: the public complaint form and its tracking page — no login.
  { path: '/public/complaints', element: load(<PublicComplaintPage />), errorElement: routeError },
  { path: '/public/complaints/track/:code?', element: load(<PublicComplaintTrackPage />), errorElement: routeError },
  // The candidate's theory exam (理论考试): sign-in by 准考证号 + 证件号码 or from 我的考试; light, outside the admin shell.
  { path: '/exam', element: load(<ExamPage />), errorElement: routeError },
  {
    path: '/',
    errorElement: routeError,
    // `/` without a session is the public home page (the free certificate query); with one, the app.
    element: load(<RootGate />),
    children: [
      { index: true, element: load(<HomePage />) },
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
      { path: 'plans/:id/results', element: guarded('result.read', <ResultsPage />) },
      { path: 'plans/:id/supervision', element: guarded('supervision.read', <SupervisionPage />) },
      { path: 'workload', element: guarded('workload.read', <WorkloadPage />) },
      { path: 'dashboards', element: guarded('statistics.read', <DashboardsPage />) },
      { path: 'sittings/:id/room', element: guarded('exam.monitor', <RoomPage />) },
      { path: 'me', element: guarded('candidate.self', <MyCandidatePage />) },
      { path: 'marking', element: guarded('marking.mark', <MarkingQueuePage />) },
      { path: 'marking/disputes', element: guarded('marking.mark', <DisputesPage />) },
      { path: 'plans/:id/marking', element: guarded('plan.read', <MarkingProgressPage />) },
      { path: 'me/certificates', element: guarded('candidate.self', <MyCertificatesPage />) },
      { path: 'certificates', element: guarded('certificate.read', <CertificatesPage />) },
      { path: 'external-certificates', element: guarded('external_certificate.read', <ExternalCertificatesPage />) },
      { path: 'reporting', element: guarded('report.read', <ReportingPage />) },
      { path: 'me/subsidies', element: guarded('candidate.self', <MySubsidiesPage />) },
      { path: 'subsidies', element: guarded('subsidy.read', <SubsidiesPage />) },
      { path: 'violations', element: guarded('institution.read', <ViolationsPage />) },
      { path: 'inspections', element: guarded('inspection.read', <InspectionsPage />) },
      { path: 'signals', element: guarded('signal.read', <SignalsPage />) },
      { path: 'policies', element: guarded('policy.read', <PoliciesPage />) },
      { path: 'policies/:id', element: guarded('policy.read', <PolicyDetailPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditPage />) },
      { path: 'ledger', element: guarded('ledger.read', <LedgerPage />) },
      { path: 'complaints', element: guarded('complaint.manage', <ComplaintsPage />) },
      { path: 'password', element: load(<ChangePasswordPage />) },
      { path: '*', element: load(<NotFoundResult />) },
    ],
  },
]);
