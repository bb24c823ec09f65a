import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ContainerOutlined,
  BankOutlined,
  BookOutlined,
  ControlOutlined,
  DatabaseOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  FileProtectOutlined,
  FundOutlined,
  BarChartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  MoneyCollectOutlined,
  PartitionOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  FileSearchOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Me } from '@skillcert/shared/api/auth';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { can } from '@/lib/authorization';

/**
 * The side menu follows `me.permissions` (the server's grants), plus the role for "My school".
 *
 *   key            data-testid          shown when
 *   home           menu-home            always
 *   organisations  menu-organisations   org.read and the user's organisation is not a school
 *   my-school      menu-my-school       role school_admin or school_staff (and org.read) → /organisations/<own id>
 *   users          menu-users           user.read
 *   filings        menu-filings         filing.read          备案申请 (to-do list and all applications)
 *   institutions   menu-institutions    institution.read     评价机构 (scoped catalog, R4, sanctions)
 *   occupations    menu-occupations     filing.read          职业目录 (the page itself needs occupation.read)
 *   specs          menu-specs           spec.read            评价规范 (R5)
 *   proposals      menu-proposals       special_item.read    专项能力开发
 *   blueprints     menu-blueprints      bank.read            鉴定要素细目表 (blueprints of the question banks)
 *   bank           menu-bank            bank.read            题库 (items: browse, edit, review, Excel / QTI)
 *   papers         menu-papers          bank.read            试卷 (assembled to a blueprint, QTI)
 *   curriculum     menu-curriculum      bank.read or curriculum.manage   课程对接 (courses ↔ blueprint areas, 课证融通)
 *   plans          menu-plans           plan.read            认定计划 (school: its plans; HR: to acknowledge; supervisor: assigned)
 *   workload       menu-workload        workload.read        考评员工作量 (R15, per term, Excel for 绩效)
 *   dashboards     menu-dashboards      statistics.read      统计看板 (certificates, pass rates, subsidies, R13 coverage, R12 1+X, R11, R15)
 *   certificates   menu-certificates    certificate.read     证书 (school: issue, list, revoke, reissue, PDF; HR: its region)
 *   my-certificates menu-my-certificates candidate.self      我的证书 (PDF, credential, verification link)
 *   external-certificates menu-external-certificates external_certificate.read 外部证书 (school records; bureaus read)
 *   reporting      menu-reporting       report.submit or report.review   证书上报 (R10: school batches; HR review, national upload)
 *   my-subsidies   menu-my-subsidies    candidate.self       技能提升补贴 (claim against a certificate, my claims)
 *   subsidies      menu-subsidies       subsidy.read         技能提升补贴 (HR: review, payment, totals; school: bulk application)
 *   ledger         menu-ledger          ledger.read          工作台账 (R14: parts, filters, Excel export; 一批一档 on a plan)
 *   complaints     menu-complaints      complaint.manage     投诉处理 (HR of the region)
 *   violations     menu-violations      institution.sanction or sanction.appeal   违规与处理 (HR: record, sanction, lift, close; school: own record, appeal)
 *   inspections    menu-inspections     inspection.read      检查与整改 (HR, supervisors: plan, findings, 整改 items; school: answers)
 *   signals        menu-signals         signal.read          异常预警 (HR: detect, evidence, dismiss, open an inspection)
 *   policies       menu-policies        filing.read          政策配置 (the page itself needs policy.read)
 *   audit          menu-audit           audit.read
 *   password       menu-password        always
 *
 * With the server's grants (server/src/modules/access/policy.ts) that gives, per role:
 *
 *   admin         home, organisations, users, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, workload, certificates, ledger, policies, audit, password
 *   hr            home, organisations, users, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, workload, certificates, ledger, complaints, policies, audit, password
 *   edu           home, organisations, users, filings, institutions, occupations, specs, blueprints, bank, papers, curriculum, ledger, policies, password
 *   school_admin  home, my-school, users, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, workload, policies, password
 *   admin         home, organisations, users, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, workload, dashboards, policies, audit, password
 *   hr            home, organisations, users, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, workload, dashboards, policies, password
 *   edu           home, organisations, users, filings, institutions, occupations, specs, blueprints, bank, papers, curriculum, dashboards, policies, password
 *   school_admin  home, my-school, users, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, workload, dashboards, policies, password
 *   school_staff  home, my-school, filings, institutions, occupations, specs, proposals, blueprints, bank, papers, curriculum, plans, policies, password
 *   assessor      home, blueprints, bank, papers, curriculum, password   (考评员 read the bank: they mark on its rubrics)
 *   supervisor    home, institutions, blueprints, bank, papers, curriculum, plans, password
 *   candidate     home, my-exams, password   (my-exams → /me: my plans, tickets, photo; candidate.self)
 *
 * The public catalog of institutions (/public/institutions) needs no login and is not in this menu.
 */
export type MenuKey =
  | 'home'
  | 'organisations'
  | 'my-school'
  | 'users'
  | 'filings'
  | 'institutions'
  | 'occupations'
  | 'specs'
  | 'proposals'
  | 'blueprints'
  | 'bank'
  | 'papers'
  | 'curriculum'
  | 'plans'
  | 'workload'
  | 'dashboards'
  | 'my-exams'
  | 'marking'
  | 'disputes'
  | 'certificates'
  | 'external-certificates'
  | 'my-certificates'
  | 'reporting'
  | 'my-subsidies'
  | 'subsidies'
  | 'ledger'
  | 'complaints'
  | 'violations'
  | 'inspections'
  | 'signals'
  | 'policies'
  | 'audit'
  | 'password';

const MY_SCHOOL_ROLES: ReadonlySet<Me['role']> = new Set(['school_admin', 'school_staff']);

/** The menu entries a user sees, in display order (pure: unit-testable, and the mapping above in code). */
export function visibleMenuKeys(me: Pick<Me, 'role' | 'permissions' | 'organisation'>): MenuKey[] {
  const keys: MenuKey[] = ['home'];
  if (can(me, 'org.read') && me.organisation.kind !== 'school') keys.push('organisations');
  if (can(me, 'org.read') && MY_SCHOOL_ROLES.has(me.role)) keys.push('my-school');
  if (can(me, 'user.read')) keys.push('users');
  if (can(me, 'filing.read')) keys.push('filings');
  if (can(me, 'institution.read')) keys.push('institutions');
  if (can(me, 'filing.read')) keys.push('occupations');
  if (can(me, 'spec.read')) keys.push('specs');
  if (can(me, 'special_item.read')) keys.push('proposals');
  if (can(me, 'bank.read')) keys.push('blueprints', 'bank', 'papers');
  if (can(me, 'bank.read') || can(me, 'curriculum.manage')) keys.push('curriculum');
  if (can(me, 'plan.read')) keys.push('plans');
  if (can(me, 'workload.read')) keys.push('workload');
  if (can(me, 'candidate.self')) keys.push('my-exams', 'my-certificates', 'my-subsidies');
  if (can(me, 'statistics.read')) keys.push('dashboards');
  if (can(me, 'marking.mark')) keys.push('marking', 'disputes');
  if (can(me, 'certificate.read')) keys.push('certificates');
  if (can(me, 'external_certificate.read')) keys.push('external-certificates');
  if (can(me, 'report.submit') || can(me, 'report.review')) keys.push('reporting');
  if (can(me, 'subsidy.read')) keys.push('subsidies');
  if (can(me, 'ledger.read')) keys.push('ledger');
  if (can(me, 'complaint.manage')) keys.push('complaints');
  if (can(me, 'institution.sanction') || can(me, 'sanction.appeal')) keys.push('violations');
  if (can(me, 'inspection.read')) keys.push('inspections');
  if (can(me, 'signal.read')) keys.push('signals');
  if (can(me, 'filing.read')) keys.push('policies');
  if (can(me, 'audit.read')) keys.push('audit');
  keys.push('password');
  return keys;
}

export function menuPath(key: MenuKey, me: Pick<Me, 'organisation'>): string {
  switch (key) {
    case 'home':
      return '/';
    case 'organisations':
      return '/organisations';
    case 'my-school':
      return `/organisations/${me.organisation.id}`;
    case 'users':
      return '/users';
    case 'filings':
      return '/filings';
    case 'institutions':
      return '/institutions';
    case 'occupations':
      return '/occupations';
    case 'specs':
      return '/specs';
    case 'proposals':
      return '/proposals';
    case 'blueprints':
      return '/blueprints';
    case 'bank':
      return '/bank';
    case 'papers':
      return '/papers';
    case 'curriculum':
      return '/curriculum';
    case 'plans':
      return '/plans';
    case 'workload':
      return '/workload';
    case 'dashboards':
      return '/dashboards';
    case 'my-exams':
      return '/me';
    case 'marking':
      return '/marking';
    case 'disputes':
      return '/marking/disputes';
    case 'certificates':
      return '/certificates';
    case 'my-certificates':
      return '/me/certificates';
    case 'external-certificates':
      return '/external-certificates';
    case 'reporting':
      return '/reporting';
    case 'my-subsidies':
      return '/me/subsidies';
    case 'subsidies':
      return '/subsidies';
    case 'ledger':
      return '/ledger';
    case 'complaints':
      return '/complaints';
    case 'violations':
      return '/violations';
    case 'inspections':
      return '/inspections';
    case 'signals':
      return '/signals';
    case 'policies':
      return '/policies';
    case 'audit':
      return '/audit';
    case 'password':
      return '/password';
  }
}

/** Which entry a location belongs to (the longest matching path wins: "My school" over "Organisations"). */
function selectedKey(pathname: string, keys: MenuKey[], me: Pick<Me, 'organisation'>): MenuKey | undefined {
  let best: { key: MenuKey; length: number } | undefined;
  for (const key of keys) {
    const path = menuPath(key, me);
    const matches = path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
    if (matches && (!best || path.length > best.length)) best = { key, length: path.length };
  }
  return best?.key;
}

const ICONS: Record<MenuKey, ReactNode> = {
  home: <HomeOutlined />,
  organisations: <ApartmentOutlined />,
  'my-school': <BankOutlined />,
  users: <TeamOutlined />,
  filings: <FileProtectOutlined />,
  institutions: <SafetyCertificateOutlined />,
  occupations: <BookOutlined />,
  specs: <ProfileOutlined />,
  proposals: <ExperimentOutlined />,
  blueprints: <PartitionOutlined />,
  bank: <DatabaseOutlined />,
  papers: <FileTextOutlined />,
  curriculum: <ReadOutlined />,
  plans: <ScheduleOutlined />,
  workload: <FundOutlined />,
  dashboards: <BarChartOutlined />,
  'my-exams': <IdcardOutlined />,
  marking: <CheckSquareOutlined />,
  disputes: <SolutionOutlined />,
  certificates: <SafetyCertificateOutlined />,
  'external-certificates': <SafetyCertificateOutlined />,
  'my-certificates': <SafetyCertificateOutlined />,
  reporting: <CloudUploadOutlined />,
  'my-subsidies': <MoneyCollectOutlined />,
  subsidies: <MoneyCollectOutlined />,
  ledger: <ContainerOutlined />,
  complaints: <AlertOutlined />,
  violations: <AlertOutlined />,
  inspections: <FileSearchOutlined />,
  signals: <WarningOutlined />,
  policies: <ControlOutlined />,
  audit: <AuditOutlined />,
  password: <KeyOutlined />,
};

const LABELS = {
  home: 'nav.home',
  organisations: 'nav.organisations',
  'my-school': 'nav.mySchool',
  users: 'nav.users',
  filings: 'nav.filings',
  institutions: 'nav.institutions',
  occupations: 'nav.occupations',
  specs: 'nav.specs',
  proposals: 'nav.proposals',
  blueprints: 'nav.blueprints',
  bank: 'nav.bank',
  papers: 'nav.papers',
  curriculum: 'nav.curriculum',
  plans: 'nav.plans',
  workload: 'nav.workload',
  dashboards: 'nav.statistics',
  'my-exams': 'nav.myExams',
  marking: 'markingNav.queue',
  disputes: 'markingNav.disputes',
  certificates: 'nav.certificates',
  'external-certificates': 'nav.externalCertificates',
  'my-certificates': 'nav.myCertificates',
  reporting: 'nav.reporting',
  'my-subsidies': 'subsidies.myNav',
  subsidies: 'subsidies.nav',
  ledger: 'ledgerNav.ledger',
  complaints: 'ledgerNav.complaints',
  violations: 'nav.violations',
  inspections: 'nav.inspections',
  signals: 'nav.signals',
  policies: 'nav.policies',
  audit: 'nav.audit',
  password: 'nav.password',
} as const satisfies Record<MenuKey, string>;

export function AppMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const keys = visibleMenuKeys(me);
  const selected = selectedKey(pathname, keys, me);
  const items: MenuProps['items'] = keys.map((key) => ({
    key,
    icon: ICONS[key],
    label: (
      <Link to={menuPath(key, me)} data-testid={`menu-${key}`}>
        {t(LABELS[key])}
      </Link>
    ),
  }));
  return <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} data-testid="side-menu" />;
}
