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
];

const GRANTS: Record<Role, readonly Action[]> = {
  // The platform operator administers accounts, catalogs and the audit log; it takes no step in a filing.
  admin: ACTIONS.filter((a) => !['filing.apply', 'filing.review', 'spec.apply', 'spec.review', 'special_item.propose', 'special_item.review', 'institution.sanction', 'bank.manage', 'curriculum.manage', 'plan.manage', 'plan.acknowledge', 'plan.supervise', 'enrolment.manage', 'identity.reveal', 'candidate.self'].includes(a)),
  hr: [
    ...ALWAYS,
    ...REFERENCE,
    'org.read',
    'org.create',
    'org.update',
    'user.read',
    'user.create',
    'user.update',
    'occupation.manage',
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
  ],
  edu: [...ALWAYS, ...REFERENCE, 'org.read', 'filing.read', 'filing.review', 'institution.read', 'spec.read', 'attachment.upload', 'attachment.read', 'bank.read', 'enrolment.read'],
  school_admin: [...ALWAYS, ...REFERENCE, 'org.read', 'org.update', 'user.read', 'user.create', 'user.update', ...SCHOOL_APPLICANT],
  school_staff: [...ALWAYS, ...REFERENCE, 'org.read', ...SCHOOL_APPLICANT],
  // 考评员 read their school's bank: they mark subjective items and practical tasks on its rubrics.
  assessor: [...ALWAYS, ...REFERENCE, 'bank.read'],
  supervisor: [...ALWAYS, ...REFERENCE, 'institution.read', 'bank.read', 'plan.read', 'plan.supervise', 'enrolment.read'],
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
 * admin: anywhere. hr: schools in its region, and bureaus strictly below its own region.
 */
export function canManageOrganisation(actor: Actor, target: { kind: OrgKind; regionCode: string; id?: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'hr') return false;
  if (!isWithinRegion(actor.regionCode, target.regionCode)) return false;
  if (target.kind === 'school') return true;
  return target.regionCode !== actor.regionCode && target.id !== actor.orgId;
}

/** May the actor edit a school's majors? admin, hr in region, and the school's own admin. */
export function canManageMajors(actor: Actor, org: OrgRef): boolean {
  if (actor.role === 'school_admin') return org.id === actor.orgId;
  return canManageOrganisation(actor, org);
}

/**
 * May the actor create or edit an account with this role in this organisation?
 * admin: any; hr: accounts of organisations in its region (never admin); school_admin: its own school's accounts.
 */
export function canManageAccount(actor: Actor, org: OrgRef, role: Role): boolean {
  if (!ROLES_BY_ORG_KIND[org.kind].includes(role)) return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'hr') return role !== 'admin' && isWithinRegion(actor.regionCode, org.regionCode);
  if (actor.role === 'school_admin') return org.id === actor.orgId;
  return false;
}

/**
 * The HR bureau of an institution's province or city: it sanctions the institution (violations, suspension,
 * revocation, expiry) and reviews its 评价规范 and 专项 item proposals. A county bureau does not.
 */
export function isHrOverRegion(actor: Pick<Actor, 'role' | 'regionCode'>, regionCode: string): boolean {
  return actor.role === 'hr' && (actor.regionCode === provinceOf(regionCode) || actor.regionCode === cityOf(regionCode));
}
