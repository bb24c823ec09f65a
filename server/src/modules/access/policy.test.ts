import { describe, expect, it } from 'vitest';
import { ACTIONS } from '@skillcert/shared/actions';
import { ROLES } from '@skillcert/shared/domain';
import { type Actor, canManageAccount, canManageOrganisation, inOrgScope, isGranted, orgScopeOf } from './policy.ts';

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
    expect(ACTIONS.filter((a) => isGranted('candidate', a))).toEqual(['auth.me', 'auth.logout', 'auth.change_password', 'policy.read', 'occupation.read', 'candidate.self']);
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

  it('hr manages schools in region and bureaus strictly below, never its own level', () => {
    const hr = actor({ regionCode: '350500' });
    expect(canManageOrganisation(hr, { kind: 'school', regionCode: '350582' })).toBe(true);
    expect(canManageOrganisation(hr, { kind: 'hr_bureau', regionCode: '350582' })).toBe(true);
    expect(canManageOrganisation(hr, { kind: 'edu_bureau', regionCode: '350500' })).toBe(false);
    expect(canManageOrganisation(hr, { kind: 'hr_bureau', regionCode: '350000' })).toBe(false);
  });

  it('accounts: the role must fit the organisation kind; hr never creates admins', () => {
    const hr = actor({});
    const school = { id: 's1', kind: 'school' as const, regionCode: '350582' };
    expect(canManageAccount(hr, school, 'school_admin')).toBe(true);
    expect(canManageAccount(hr, school, 'hr')).toBe(false);
    expect(canManageAccount(actor({ role: 'admin' }), { id: 'p', kind: 'platform', regionCode: '110000' }, 'admin')).toBe(true);
    const sa = actor({ role: 'school_admin', orgKind: 'school', orgId: 's1' });
    expect(canManageAccount(sa, school, 'candidate')).toBe(true);
    expect(canManageAccount(sa, { ...school, id: 's2' }, 'candidate')).toBe(false);
  });
});
