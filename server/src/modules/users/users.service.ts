import { fieldIssue } from '@skillcert/shared/validation-key';
import type { CreateUserBody, UpdateUserBody, User, UserQuery } from '@skillcert/shared/api/users';
import type { OrgKind, Role } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { accountScopeOf, canManageAccount, requireAction } from '../access/policy.ts';
import { ROLES_BY_ORG_KIND } from '@skillcert/shared/domain';
import { hashPassword, requireStrongPassword } from '../auth/passwords.ts';
import { loadVisibleOrganisation } from '../organisations/organisations.service.ts';
import * as repo from './users.repository.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;

function present(r: Row): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    orgId: r.orgId,
    orgName: r.orgName,
    active: r.active,
    mustChangePassword: r.mustChangePassword,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * An account the actor manages (R7: its own organisation's, a same-kind bureau's below it, or any for the platform admin);
 * any other account is reported as missing (404), like every record outside an actor's scope.
 */
async function loadVisibleUser(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false) {
  const user = await repo.findUser(ex, id, forUpdate);
  if (!user) throw notFound('user');
  if (!canManageAccount(ctx.actor, { id: user.orgId, kind: user.orgKind as OrgKind, regionCode: user.orgRegionCode }, user.role as Role))
    throw notFound('user');
  return user;
}

/** R7: the organisation is visible, but its accounts belong to another department (or to the school's own admin). */
const otherDepartment = () => forbidden('USER.SEPARATION_OF_DUTIES', { rule: 'R7' });

const auditView = ({ orgKind: _k, orgRegionCode: _r, ...rest }: Row) => rest;

export async function listUsers(ctx: UseCaseContext, q: UserQuery) {
  requireAction(ctx.actor, 'user.read');
  const { items, total } = await repo.listUsers(ctx.db, accountScopeOf(ctx.actor), q, q.page, q.pageSize);
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

export async function getUser(ctx: UseCaseContext, id: string): Promise<User> {
  requireAction(ctx.actor, 'user.read');
  return present(await loadVisibleUser(ctx, ctx.db, id));
}

function roleMismatch(kind: OrgKind, role: Role) {
  return unprocessable('USER.ROLE_ORG_MISMATCH', {
    issues: [fieldIssue('body.role', 'valid.roleNotForOrg', { role, allowed: ROLES_BY_ORG_KIND[kind].join(', ') })],
  });
}

/** Check the organisation is in scope, the role fits it and the actor may grant it; hash; save; audit. */
export async function createUser(ctx: UseCaseContext, body: CreateUserBody): Promise<User> {
  requireAction(ctx.actor, 'user.create');
  const org = await loadVisibleOrganisation(ctx, ctx.db, body.orgId);
  const kind = org.kind as OrgKind;
  if (!ROLES_BY_ORG_KIND[kind].includes(body.role)) throw roleMismatch(kind, body.role);
  if (!canManageAccount(ctx.actor, { id: org.id, kind, regionCode: org.regionCode }, body.role)) throw otherDepartment();
  if (await repo.usernameTaken(ctx.db, body.username)) throw conflict('USER.USERNAME_TAKEN', { issues: [fieldIssue('body.username', 'valid.taken')] });
  requireStrongPassword(body.password, body.username, 'body.password');
  const passwordHash = await hashPassword(body.password);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const newId = await repo
      .insertUser(tx, { username: body.username, displayName: body.displayName, role: body.role, orgId: body.orgId, passwordHash, mustChangePassword: true })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw conflict('USER.USERNAME_TAKEN', { issues: [fieldIssue('body.username', 'valid.taken')] });
        throw err;
      });
    const created = await repo.findUser(tx, newId);
    await audit({ action: 'user.create', targetType: 'user', targetId: newId, after: created && auditView(created) });
    return newId;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: UseCaseContext, id: string, body: UpdateUserBody): Promise<User> {
  requireAction(ctx.actor, 'user.update');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadVisibleUser(ctx, tx, id, true);
    const org = { id: before.orgId, kind: before.orgKind as OrgKind, regionCode: before.orgRegionCode };
    if (id === ctx.actor.userId && ((body.role && body.role !== before.role) || body.active === false)) {
      throw unprocessable('USER.SELF_LOCKOUT');
    }
    if (body.role) {
      if (!ROLES_BY_ORG_KIND[org.kind].includes(body.role)) throw roleMismatch(org.kind, body.role);
      if (!canManageAccount(ctx.actor, org, body.role)) throw otherDepartment();
    }
    await repo.updateUser(tx, id, body);
    if (body.active === false || (body.role && body.role !== before.role)) await repo.endSessions(tx, id);
    const after = await repo.findUser(tx, id);
    await audit({ action: 'user.update', targetType: 'user', targetId: id, before: auditView(before), after: after && auditView(after) });
  });
  return getUser(ctx, id);
}

/** Set a new password for someone else; they must change it at next login, and their sessions end. */
export async function resetPassword(ctx: UseCaseContext, id: string, password: string): Promise<void> {
  requireAction(ctx.actor, 'user.update');
  // One's own password changes only with the current one (throttled): a stolen session must not set it.
  if (id === ctx.actor.userId) throw unprocessable('USER.SELF_RESET');
  const target = await loadVisibleUser(ctx, ctx.db, id);
  requireStrongPassword(password, target.username, 'body.password');
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadVisibleUser(ctx, tx, id, true);
    await repo.updateUser(tx, id, { passwordHash, mustChangePassword: true });
    await repo.endSessions(tx, id);
    await audit({ action: 'user.reset_password', targetType: 'user', targetId: id });
  });
}
