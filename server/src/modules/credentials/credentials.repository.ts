import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organisations } from '../../db/schema.ts';
import { credentialIssuerKeys, credentialStatusLists, credentialStatusRevocations } from '../../db/schema-credentials.ts';

export type IssuerKeyRow = typeof credentialIssuerKeys.$inferSelect;
export type StatusListRow = typeof credentialStatusLists.$inferSelect;

export async function findOrganisation(ex: Executor, orgId: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await ex.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row;
}

/** Every key of an issuer, oldest first. */
export async function listKeys(ex: Executor, orgId: string): Promise<IssuerKeyRow[]> {
  return ex.select().from(credentialIssuerKeys).where(eq(credentialIssuerKeys.orgId, orgId)).orderBy(asc(credentialIssuerKeys.keyNo));
}

/** Serialise key changes of one issuer: lock its organisation row until the transaction ends. */
export async function lockIssuer(ex: Executor, orgId: string): Promise<boolean> {
  const rows = await ex.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, orgId)).for('update');
  return rows.length > 0;
}

export async function insertKey(ex: Executor, row: typeof credentialIssuerKeys.$inferInsert): Promise<IssuerKeyRow> {
  const [inserted] = await ex.insert(credentialIssuerKeys).values(row).returning();
  if (!inserted) throw new Error('issuer key not inserted');
  return inserted;
}

export async function endKeyValidity(ex: Executor, keyId: string, at: Date): Promise<void> {
  await ex.update(credentialIssuerKeys).set({ validUntil: at }).where(eq(credentialIssuerKeys.id, keyId));
}

/** The issuer's newest list that still has room, locked (allocation happens under this lock). */
export async function lockOpenList(ex: Executor, orgId: string): Promise<StatusListRow | undefined> {
  const [row] = await ex
    .select()
    .from(credentialStatusLists)
    .where(and(eq(credentialStatusLists.orgId, orgId), lt(credentialStatusLists.nextIndex, credentialStatusLists.length)))
    .orderBy(desc(credentialStatusLists.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function insertList(ex: Executor, orgId: string, length: number): Promise<StatusListRow> {
  const [row] = await ex.insert(credentialStatusLists).values({ orgId, length }).returning();
  if (!row) throw new Error('status list not inserted');
  return row;
}

export async function takeIndex(ex: Executor, listId: string): Promise<number> {
  const [row] = await ex
    .update(credentialStatusLists)
    .set({ nextIndex: sql`${credentialStatusLists.nextIndex} + 1` })
    .where(eq(credentialStatusLists.id, listId))
    .returning({ next: credentialStatusLists.nextIndex });
  if (!row) throw new Error('status list vanished');
  return row.next - 1;
}

/** Takes `n` consecutive indexes of a list (the caller checked the room, holding the list's lock); answers the first. */
export async function takeIndexes(ex: Executor, listId: string, n: number): Promise<number> {
  const [row] = await ex
    .update(credentialStatusLists)
    .set({ nextIndex: sql`${credentialStatusLists.nextIndex} + ${n}` })
    .where(eq(credentialStatusLists.id, listId))
    .returning({ next: credentialStatusLists.nextIndex });
  if (!row) throw new Error('status list vanished');
  return row.next - n;
}

export async function findList(ex: Executor, listId: string): Promise<StatusListRow | undefined> {
  const [row] = await ex.select().from(credentialStatusLists).where(eq(credentialStatusLists.id, listId));
  return row;
}

/** Mark an entry revoked (once; a second revocation keeps the first date) and bump the list's version. */
export async function insertRevocation(ex: Executor, listId: string, index: number, at: Date): Promise<boolean> {
  const inserted = await ex
    .insert(credentialStatusRevocations)
    .values({ listId, statusIndex: index, revokedAt: at })
    .onConflictDoNothing()
    .returning({ i: credentialStatusRevocations.statusIndex });
  if (inserted.length > 0) {
    await ex
      .update(credentialStatusLists)
      .set({ version: sql`${credentialStatusLists.version} + 1` })
      .where(eq(credentialStatusLists.id, listId));
  }
  return inserted.length > 0;
}

export async function findRevocation(ex: Executor, listId: string, index: number): Promise<{ revokedAt: Date } | undefined> {
  const [row] = await ex
    .select({ revokedAt: credentialStatusRevocations.revokedAt })
    .from(credentialStatusRevocations)
    .where(and(eq(credentialStatusRevocations.listId, listId), eq(credentialStatusRevocations.statusIndex, index)));
  return row;
}

/** A list's revoked entries and when each was revoked. */
export async function revocationsOf(ex: Executor, listId: string): Promise<Map<number, { revokedAt: Date }>> {
  const rows = await ex
    .select({ i: credentialStatusRevocations.statusIndex, revokedAt: credentialStatusRevocations.revokedAt })
    .from(credentialStatusRevocations)
    .where(eq(credentialStatusRevocations.listId, listId));
  return new Map(rows.map((r) => [r.i, { revokedAt: r.revokedAt }]));
}

export async function revokedIndexes(ex: Executor, listId: string): Promise<number[]> {
  const rows = await ex
    .select({ i: credentialStatusRevocations.statusIndex })
    .from(credentialStatusRevocations)
    .where(eq(credentialStatusRevocations.listId, listId));
  return rows.map((r) => r.i);
}

/** Keep the signed list credential built from `version`, unless a newer one was stored meanwhile. */
export async function storeSignedList(ex: Executor, listId: string, version: number, json: string): Promise<void> {
  await ex
    .update(credentialStatusLists)
    .set({ signedVersion: version, signedCredential: json })
    .where(and(eq(credentialStatusLists.id, listId), sql`coalesce(${credentialStatusLists.signedVersion}, -1) < ${version}`));
}
