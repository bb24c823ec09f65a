import { describe, expect, it } from 'vitest';
import { ACTIONS } from '@skillcert/shared/actions';
import { ROLES } from '@skillcert/shared/domain';
import {
  type Actor,
  accountScopeOf,
  canSeeBankAnswers,
  canSeeRubric,
  canManageAccount,
  canManageMajors,
  canManageOrganisation,
  inOrgScope,
  isGranted,
  isProvinceHr,
  orgScopeOf,
} from './policy.ts';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role: 'hr',
  orgId: 'o1',
  orgKind: 'hr_bureau',
  regionCode: '350500',
  ...over,
});

describe('policy', () => {
  it('admin administers but takes no step in a filing; candidates only their session and the reference catalogs', () => {
    expect(isGranted('admin', 'audit.verify') && isGranted('admin', 'org.create') && isGranted('admin', 'user.create')).toBe(true);
    expect(isGranted('admin', 'filing.review') || isGranted('admin', 'filing.apply')).toBe(false);
    expect(ACTIONS.filter((a) => isGranted('candidate', a))).toEqual([
      'auth.me',
      'auth.logout',
      'auth.change_password',
      'policy.read',
      'occupation.read',
      'candidate.self',
    ]);
  });

  it('every role may read and end its own session', () => {
    for (const r of ROLES) expect(isGranted(r, 'auth.me') && isGranted(r, 'auth.logout')).toBe(true);
  });

  it('a city bureau sees its city and counties, not the neighbouring city', () => {
    const scope = orgScopeOf(actor({ regionCode: '350500' }));
    expect(inOrgScope(scope, { id: 'x', kind: 'school', regionCode: '350582' })).toBe(true);
    expect(inOrgScope(scope, { id: 'x', kind: 'school', regionCode: '350500' })).toBe(true);
    expect(inOrgScope(scope, { id: 'x', kind: 'school', regionCode: '350100' })).toBe(false);
  });

  it('a county bureau sees only its county; a province everything below it', () => {
    expect(inOrgScope(orgScopeOf(actor({ regionCode: '350582' })), { id: 'x', kind: 'school', regionCode: '350583' })).toBe(false);
    expect(inOrgScope(orgScopeOf(actor({ regionCode: '350000' })), { id: 'x', kind: 'school', regionCode: '350583' })).toBe(true);
  });

  it('a school sees only itself', () => {
    const scope = orgScopeOf(actor({ role: 'school_admin', orgKind: 'school', orgId: 's1' }));
    expect(inOrgScope(scope, { id: 's1', kind: 'school', regionCode: '350500' })).toBe(true);
    expect(inOrgScope(scope, { id: 's2', kind: 'school', regionCode: '350500' })).toBe(false);
  });

  it('hr manages schools in region and HR bureaus strictly below, never its own level', () => {
    const hr = actor({ regionCode: '350500' });
    expect(canManageOrganisation(hr, { kind: 'school', regionCode: '350582' })).toBe(true);
    expect(canManageOrganisation(hr, { kind: 'hr_bureau', regionCode: '350582' })).toBe(true);
    expect(canManageOrganisation(hr, { kind: 'edu_bureau', regionCode: '350500' })).toBe(false);
    expect(canManageOrganisation(hr, { kind: 'hr_bureau', regionCode: '350000' })).toBe(false);
  });

  it('R7: hr never sets up or alters an education bureau, not even below its region', () => {
    expect(canManageOrganisation(actor({ regionCode: '310000' }), { kind: 'edu_bureau', regionCode: '310115' })).toBe(false);
  });

  it('accounts: the role must fit the organisation kind', () => {
    const hrOrg = { id: 'o1', kind: 'hr_bureau' as const, regionCode: '350500' };
    expect(canManageAccount(actor({}), hrOrg, 'supervisor')).toBe(true);
    expect(canManageAccount(actor({}), hrOrg, 'admin')).toBe(false);
    expect(canManageAccount(actor({ role: 'admin' }), { id: 'p', kind: 'platform', regionCode: '110000' }, 'admin')).toBe(true);
    const school = { id: 's1', kind: 'school' as const, regionCode: '350582' };
    const sa = actor({ role: 'school_admin', orgKind: 'school', orgId: 's1' });
    expect(canManageAccount(sa, school, 'candidate')).toBe(true);
    expect(canManageAccount(sa, school, 'hr')).toBe(false);
    expect(canManageAccount(sa, { ...school, id: 's2' }, 'candidate')).toBe(false);
  });

  it('R7: an HR account cannot create an education-bureau account', () => {
    expect(canManageAccount(actor({ regionCode: '310000' }), { id: 'e', kind: 'edu_bureau', regionCode: '310000' }, 'edu')).toBe(false);
    expect(canManageAccount(actor({ regionCode: '310000' }), { id: 'e', kind: 'edu_bureau', regionCode: '310115' }, 'edu')).toBe(false);
  });

  it('R7: an education account cannot manage HR accounts; it manages education bureaus at and below its region', () => {
    const edu = actor({ role: 'edu', orgKind: 'edu_bureau', regionCode: '310000' });
    expect(canManageAccount(edu, { id: 'h', kind: 'hr_bureau', regionCode: '310000' }, 'hr')).toBe(false);
    expect(canManageAccount(edu, { id: 'h', kind: 'hr_bureau', regionCode: '310115' }, 'supervisor')).toBe(false);
    expect(canManageAccount(edu, { id: 'e', kind: 'edu_bureau', regionCode: '310115' }, 'edu')).toBe(true);
    expect(canManageAccount(edu, { id: 'e', kind: 'edu_bureau', regionCode: '350000' }, 'edu')).toBe(false);
  });

  it("R7: a bureau never manages a school's accounts; a county bureau never the bureau above it", () => {
    const school = { id: 's1', kind: 'school' as const, regionCode: '350582' };
    expect(canManageAccount(actor({ regionCode: '350000' }), school, 'school_admin')).toBe(false);
    expect(canManageAccount(actor({ role: 'edu', orgKind: 'edu_bureau', regionCode: '350000' }), school, 'assessor')).toBe(false);
    expect(canManageAccount(actor({ regionCode: '350582' }), { id: 'h', kind: 'hr_bureau', regionCode: '350500' }, 'hr')).toBe(false);
  });

  it('R7: account lists show exactly the accounts one manages', () => {
    expect(accountScopeOf(actor({ regionCode: '310000' }))).toEqual({ kind: 'bureau', orgKind: 'hr_bureau', regionCode: '310000' });
    expect(accountScopeOf(actor({ role: 'edu', orgKind: 'edu_bureau' }))).toMatchObject({ kind: 'bureau', orgKind: 'edu_bureau' });
    expect(accountScopeOf(actor({ role: 'supervisor' }))).toEqual({ kind: 'none' });
    expect(accountScopeOf(actor({ role: 'school_admin', orgKind: 'school', orgId: 's1' }))).toEqual({ kind: 'org', orgId: 's1' });
  });

  it("reference data: the national catalog is the platform admin's; a school's majors the province HR's, not a city's or county's", () => {
    expect(isGranted('admin', 'occupation.manage')).toBe(true);
    expect(isGranted('hr', 'occupation.manage') || isGranted('edu', 'occupation.manage')).toBe(false);
    const school = { id: 's1', kind: 'school' as const, regionCode: '350582' };
    expect(canManageMajors(actor({ regionCode: '350000' }), school)).toBe(true);
    expect(canManageMajors(actor({ regionCode: '350500' }), school)).toBe(false);
    expect(canManageMajors(actor({ regionCode: '350582' }), school)).toBe(false);
    expect(isProvinceHr(actor({ regionCode: '350000' }), '350582')).toBe(true);
    expect(isProvinceHr(actor({ role: 'edu', orgKind: 'edu_bureau', regionCode: '350000' }), '350582')).toBe(false);
  });

  it("题库保密: answers and rubrics are the school's own bank staff's only", () => {
    const staff = actor({ role: 'school_staff', orgKind: 'school', orgId: 's1' });
    expect(canSeeBankAnswers(staff, 's1') && canSeeRubric(staff, 's1')).toBe(true);
    expect(canSeeBankAnswers(staff, 's2')).toBe(false);
    for (const role of ['assessor', 'supervisor', 'hr', 'edu', 'admin', 'candidate'] as const) {
      const a = actor({ role, orgKind: role === 'assessor' || role === 'candidate' ? 'school' : 'hr_bureau', orgId: 's1' });
      expect(canSeeBankAnswers(a, 's1') || canSeeRubric(a, 's1'), role).toBe(false);
    }
  });

  it('R9: the examiner of a task assigned to them to mark sees its rubric, never the answers', () => {
    const examiner = actor({ role: 'assessor', orgKind: 'school', orgId: 's1' });
    expect(canSeeRubric(examiner, 's1', true)).toBe(true);
    expect(canSeeBankAnswers(examiner, 's1')).toBe(false);
    for (const role of ['supervisor', 'hr', 'candidate'] as const) {
      expect(canSeeRubric(actor({ role, orgKind: 'school', orgId: 's1' }), 's1', true), role).toBe(false);
    }
  });
});
