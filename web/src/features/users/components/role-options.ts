import type { Me } from '@skillcert/shared/api/auth';
import { ROLES_BY_ORG_KIND, type OrgKind, type Role } from '@skillcert/shared/domain';

/** Roles an account in an organisation of `kind` may hold (ROLES_BY_ORG_KIND); only the platform admin grants admin. */
export function assignableRoles(kind: OrgKind | undefined, me: Pick<Me, 'role'>): readonly Role[] {
  if (!kind) return [];
  return ROLES_BY_ORG_KIND[kind].filter((r) => r !== 'admin' || me.role === 'admin');
}
