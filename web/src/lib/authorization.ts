import type { Action } from '@skillcert/shared/actions';
import type { Me } from '@skillcert/shared/api/auth';

/**
 * Whether the logged-in user holds a permission. The server decides (and enforces) access;
 * the web app reads the same action names only to hide what the user cannot do.
 */
export function can(me: Pick<Me, 'permissions'> | null | undefined, action: Action): boolean {
  return Boolean(me?.permissions.includes(action));
}

type Actor = Pick<Me, 'role' | 'permissions' | 'organisation'>;

/**
 * May the user edit an organisation's registered particulars? Mirrors the server's
 * canManageOrganisation: admin anywhere; a bureau the organisations below it (never itself);
 * a school keeps its majors but not its particulars (those are kept by HR).
 */
export function mayEditOrganisation(me: Actor, org: { id: string }): boolean {
  if (!can(me, 'org.update')) return false;
  if (me.role === 'admin') return true;
  if (me.organisation.kind === 'school') return false;
  return org.id !== me.organisation.id;
}

/** May the user add or remove a school's majors? Its own school for a school admin; otherwise as for editing. */
export function mayEditMajors(me: Actor, org: { id: string; kind: string }): boolean {
  if (!can(me, 'org.update') || org.kind !== 'school') return false;
  if (me.organisation.kind === 'school') return org.id === me.organisation.id;
  return mayEditOrganisation(me, org);
}
