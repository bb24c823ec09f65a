import { ACTIONS, type Action } from '@skillcert/shared/actions';
import { ROLES_BY_ORG_KIND, type OrgKind, type Role } from '@skillcert/shared/domain';
import { cityOf, isWithinRegion, provinceOf } from '@skillcert/shared/validators/region-code';
import { forbidden, notFound } from '../../http/errors.ts';

/**
 * The one place that decides access: role grants (which actions a role may perform at all)
 * and scope (which records: a county bureau its county, a city bureau its city, a province all
 * below it; a school only itself; a candidate only their own records). Anything not granted is denied.
 */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgKind: OrgKind;
  regionCode: string;
}

const ALWAYS: readonly Action[] = ['auth.me', 'auth.logout', 'auth.change_password'];

/** Catalog and profile reading every signed-in role shares. */
const REFERENCE: readonly Action[] = ['policy.read', 'occupation.read'];
const SCHOOL_APPLICANT: readonly Action[] = [
  'filing.read',
  'filing.apply',
  'institution.read',
  'spec.read',
  'spec.apply',
  'special_item.read',
  'special_item.propose',
  'attachment.upload',
  'attachment.read',
  'bank.read',
  'bank.manage',
  'curriculum.manage',
  'plan.read',
  'plan.manage',
  'enrolment.read',
  'enrolment.manage',
  'identity.reveal',
  'supervision.read',
  'supervision.resolve',
  'marking.manage',
  'certificate.read',
  'certificate.issue',
  'certificate.revoke',
  'external_certificate.read',
  'external_certificate.manage',
  'report.read',
  'report.submit',
  'ledger.read',
  'ledger.archive',
];

const GRANTS: Record<Role, readonly Action[]> = {
  // The platform operator administers accounts, catalogs and the audit log; it takes no step in a filing.
  admin: ACTIONS.filter(
    (a) =>
      ![
        'filing.apply',
        'filing.review',
        'spec.apply',
        'spec.review',
        'special_item.propose',
        'special_item.review',
        'institution.sanction',
        'bank.manage',
        'curriculum.manage',
        'plan.manage',
        'plan.acknowledge',
        'plan.supervise',
        'enrolment.manage',
        'identity.reveal',
        'candidate.self',
        'result.manage',
        'supervision.watch',
        'supervision.inspect',
        'supervision.resolve',
        'marking.mark',
        'marking.manage',
        'exam.invigilate',
        'certificate.issue',
        'certificate.revoke',
        'certificate.key_rotate',
        'external_certificate.manage',
        'report.submit',
        'report.review',
        'subsidy.apply',
        'subsidy.review',
        'complaint.manage',
        'sanction.appeal',
        'inspection.manage',
        'inspection.respond',
        'signal.manage',
      ].includes(a),
  ),
  hr: [
    ...ALWAYS,
    ...REFERENCE,
    'org.read',
    'org.create',
    'org.update',
    'user.read',
    'user.create',
    'user.update',
    'filing.read',
    'filing.review',
    'institution.read',
    'institution.sanction',
    'spec.read',
    'spec.review',
    'special_item.read',
    'special_item.review',
    'attachment.upload',
    'attachment.read',
    'bank.read',
    'plan.read',
    'plan.acknowledge',
    'enrolment.read',
    'result.read',
    'supervision.watch',
    'supervision.read',
    'workload.read',
    'exam.monitor',
    'certificate.read',
    'certificate.revoke',
    'certificate.key_rotate',
    'external_certificate.read',
    'report.read',
    'report.review',
    'subsidy.read',
    'subsidy.review',
    // R14: the region's ledgers, 一批一档, complaints; the audit log of its region's organisations
    'ledger.read',
    'ledger.archive',
    'complaint.manage',
    'audit.read',
    'audit.verify',
    'statistics.read',
    'inspection.read',
    'inspection.manage',
    'signal.read',
    'signal.manage',
  ],
  // An education bureau keeps its own accounts and those of education bureaus below it (R7: never HR's, never a school's).
  edu: [
    ...ALWAYS,
    ...REFERENCE,
    'org.read',
    'user.read',
    'user.create',
    'user.update',
    'filing.read',
    'filing.review',
    'institution.read',
    'spec.read',
    'attachment.upload',
    'attachment.read',
    'bank.read',
    'enrolment.read',
    'external_certificate.read',
    'ledger.read',
    'statistics.read',
  ],
  school_admin: [
    ...ALWAYS,
    ...REFERENCE,
    'org.read',
    'org.update',
    'user.read',
    'user.create',
    'user.update',
    ...SCHOOL_APPLICANT,
    'result.read',
    'result.manage',
    'workload.read',
    'sanction.appeal',
    'inspection.read',
    'inspection.respond',
    'exam.invigilate',
    'exam.monitor',
    'certificate.key_rotate',
    'subsidy.read',
    'subsidy.apply',
    'statistics.read',
  ],
  school_staff: [...ALWAYS, ...REFERENCE, 'org.read', ...SCHOOL_APPLICANT, 'result.read', 'result.manage', 'exam.invigilate', 'exam.monitor'],
  // 考评员 read their school's bank: they mark subjective items and practical tasks on its rubrics.
  // …and run the rooms of the sittings they are staffed in (监考).
  assessor: [...ALWAYS, ...REFERENCE, 'bank.read', 'marking.mark', 'exam.invigilate', 'exam.monitor'],
  // Report photos are uploaded as attachments (JPEG/PNG), then named in the report.
  supervisor: [
    ...ALWAYS,
    ...REFERENCE,
    'institution.read',
    'bank.read',
    'plan.read',
    'plan.supervise',
    'enrolment.read',
    'result.read',
    'attachment.upload',
    'attachment.read',
    'supervision.watch',
    'supervision.read',
    'supervision.inspect',
    'exam.monitor',
    'inspection.read',
    'inspection.manage',
  ],
  candidate: [...ALWAYS, ...REFERENCE, 'candidate.self'],
};

export function permissionsOf(role: Role): Action[] {
  return [...GRANTS[role]];
}

export function isGranted(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** Throws 403 when the role may not perform the action at all. */
export function requireAction(actor: Actor, action: Action): void {
  if (!isGranted(actor.role, action)) throw forbidden('ACCESS.DENIED', { action });
}

/** Which organisations an actor's records are confined to. */
export type OrgScope = { kind: 'all' } | { kind: 'region'; regionCode: string } | { kind: 'org'; orgId: string };

export function orgScopeOf(actor: Actor): OrgScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.orgKind === 'hr_bureau' || actor.orgKind === 'edu_bureau') return { kind: 'region', regionCode: actor.regionCode };
  return { kind: 'org', orgId: actor.orgId };
}

export interface OrgRef {
  id: string;
  kind: OrgKind;
  regionCode: string;
}

export function inOrgScope(scope: OrgScope, org: OrgRef): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return isWithinRegion(scope.regionCode, org.regionCode);
    case 'org':
      return scope.orgId === org.id;
  }
}

/** Records outside an actor's scope are reported as missing (404), the same way everywhere. */
export function requireOrgInScope(actor: Actor, org: OrgRef, what = 'organisation'): void {
  if (!inOrgScope(orgScopeOf(actor), org)) throw notFound(what);
}

/**
 * May the actor create or edit an organisation (its fields) in this region?
 * admin: anywhere. hr: schools in its region, and HR bureaus strictly below its own region — never an education
 * bureau (R7: one bureau kind may not set up or alter the other's offices).
 */
export function canManageOrganisation(actor: Actor, target: { kind: OrgKind; regionCode: string; id?: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'hr') return false;
  if (!isWithinRegion(actor.regionCode, target.regionCode)) return false;
  if (target.kind === 'school') return true;
  if (target.kind !== 'hr_bureau') return false;
  return target.regionCode !== actor.regionCode && target.id !== actor.orgId;
}

/** Is the actor the HR bureau of the region's province (省级人社)? It keeps the province's reference data. */
export function isProvinceHr(actor: Pick<Actor, 'role' | 'orgKind' | 'regionCode'>, regionCode: string): boolean {
  return actor.role === 'hr' && actor.orgKind === 'hr_bureau' && actor.regionCode === provinceOf(regionCode);
}

/**
 * May the actor edit a school's majors (they decide which occupations its students may be assessed in)?
 * The school's own admin, the platform admin, and the HR bureau of the school's province; city and county bureaus read.
 */
export function canManageMajors(actor: Actor, org: OrgRef): boolean {
  if (actor.role === 'school_admin') return org.id === actor.orgId;
  if (actor.role === 'admin') return true;
  return org.kind === 'school' && isProvinceHr(actor, org.regionCode);
}

/** The bureau kind whose accounts a bureau role manages: HR keeps HR bureaus' accounts, education its own. */
const BUREAU_OF_ROLE: Partial<Record<Role, OrgKind>> = { hr: 'hr_bureau', edu: 'edu_bureau' };

/**
 * Separation of duties (R7): may the actor create, edit, deactivate or reset the password of an account
 * with this role in this organisation? Only
 * - the platform admin (any account),
 * - a school's own admin (its school's accounts — a bureau never manages a school's accounts),
 * - a bureau of the same kind at or above the account's region (HR ↔ HR, education ↔ education, never across),
 * so that no single bureau can stand up or take over an account of the other department and act in its step.
 */
export function canManageAccount(actor: Actor, org: OrgRef, role: Role): boolean {
  if (!ROLES_BY_ORG_KIND[org.kind].includes(role)) return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'school_admin') return org.kind === 'school' && org.id === actor.orgId;
  const bureau = BUREAU_OF_ROLE[actor.role];
  if (!bureau || actor.orgKind !== bureau) return false;
  return org.kind === bureau && isWithinRegion(actor.regionCode, org.regionCode);
}

/** Which accounts an actor sees in account management: exactly those it may manage. */
export type AccountScope = { kind: 'all' } | { kind: 'org'; orgId: string } | { kind: 'bureau'; orgKind: OrgKind; regionCode: string } | { kind: 'none' };

export function accountScopeOf(actor: Actor): AccountScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'school_admin') return { kind: 'org', orgId: actor.orgId };
  const bureau = BUREAU_OF_ROLE[actor.role];
  if (bureau && actor.orgKind === bureau) return { kind: 'bureau', orgKind: bureau, regionCode: actor.regionCode };
  return { kind: 'none' };
}

/**
 * The HR bureau of an institution's province or city: it sanctions the institution (violations, suspension,
 * revocation, expiry) and reviews its 评价规范 and 专项 item proposals. A county bureau does not.
 */
export function isHrOverRegion(actor: Pick<Actor, 'role' | 'regionCode'>, regionCode: string): boolean {
  return actor.role === 'hr' && (actor.regionCode === provinceOf(regionCode) || actor.regionCode === cityOf(regionCode));
}

/**
 * 题库保密 (bank confidentiality): the answer keys, reference answers, explanations and rubrics of a school's bank are
 * seen only by that school's own bank staff (bank.manage in the school). Assessors, supervisors, bureaus and the
 * platform admin see items and papers without them.
 */
export function canSeeBankAnswers(actor: Actor, bankOrgId: string): boolean {
  return isGranted(actor.role, 'bank.manage') && actor.orgKind === 'school' && actor.orgId === bankOrgId;
}

/**
 * Rubrics (评分细则) of practical tasks and subjective items: who sees the answers, and the examiner (考评员) of a task
 * assigned to them to mark (`assignedToMark`, the marking module's queue: R9 staffed/drawn) — the rubric only; the
 * answer key stays hidden (canSeeBankAnswers is unchanged).
 */
export function canSeeRubric(actor: Actor, bankOrgId: string, assignedToMark = false): boolean {
  return canSeeBankAnswers(actor, bankOrgId) || (assignedToMark && isGranted(actor.role, 'marking.mark'));
}
