import { regionPrefix } from '@skillcert/shared/validators/region-code';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { complaintEvidence, complaints, institutions, organisations, users } from '../../db/schema.ts';

export type ComplaintRow = typeof complaints.$inferSelect;

export async function findInstitution(ex: Executor, id: string) {
  const [row] = await ex
    .select({ id: institutions.id, orgId: institutions.orgId, status: institutions.status, name: organisations.name, regionCode: organisations.regionCode })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(eq(institutions.id, id));
  return row;
}

export async function insertComplaint(ex: Executor, row: typeof complaints.$inferInsert): Promise<ComplaintRow> {
  const [c] = await ex.insert(complaints).values(row).returning();
  if (!c) throw new Error('complaint not stored');
  return c;
}

export async function insertEvidence(ex: Executor, rows: (typeof complaintEvidence.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(complaintEvidence).values(rows);
}

export async function findByCode(ex: Executor, code: string) {
  const [row] = await ex
    .select({ c: complaints, institutionName: organisations.name })
    .from(complaints)
    .innerJoin(organisations, eq(organisations.id, complaints.orgId))
    .where(eq(complaints.trackingCode, code));
  return row;
}

/** The row locked for an update (FOR UPDATE) inside the caller's transaction. */
export async function lockComplaint(ex: Executor, id: string): Promise<ComplaintRow | undefined> {
  const [row] = await ex.select().from(complaints).where(eq(complaints.id, id)).for('update');
  return row;
}

export async function updateComplaint(ex: Executor, id: string, set: Partial<typeof complaints.$inferInsert>): Promise<void> {
  await ex.update(complaints).set(set).where(eq(complaints.id, id));
}

export interface ComplaintFilter {
  regionCode?: string | undefined;
  status?: string | undefined;
  institutionId?: string | undefined;
  assignedTo?: string | undefined;
}

function whereOf(f: ComplaintFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.regionCode) conds.push(sql`${complaints.regionCode} like ${`${regionPrefix(f.regionCode)}%`}`);
  if (f.status) conds.push(eq(complaints.status, f.status));
  if (f.institutionId) conds.push(eq(complaints.institutionId, f.institutionId));
  if (f.assignedTo) conds.push(eq(complaints.assignedTo, f.assignedTo));
  return conds.length ? and(...conds) : undefined;
}

export async function listComplaints(ex: Executor, f: ComplaintFilter, page: number, pageSize: number) {
  const where = whereOf(f);
  const [rows, totals] = await Promise.all([
    ex
      .select({ c: complaints, institutionName: organisations.name, assigneeName: users.displayName })
      .from(complaints)
      .innerJoin(organisations, eq(organisations.id, complaints.orgId))
      .leftJoin(users, eq(users.id, complaints.assignedTo))
      .where(where)
      .orderBy(desc(complaints.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(complaints).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function getComplaint(ex: Executor, id: string) {
  const [row] = await ex
    .select({ c: complaints, institutionName: organisations.name, assigneeName: users.displayName })
    .from(complaints)
    .innerJoin(organisations, eq(organisations.id, complaints.orgId))
    .leftJoin(users, eq(users.id, complaints.assignedTo))
    .where(eq(complaints.id, id));
  return row;
}

export async function evidenceMeta(ex: Executor, complaintIds: readonly string[]) {
  if (!complaintIds.length) return [];
  return ex
    .select({
      id: complaintEvidence.id,
      complaintId: complaintEvidence.complaintId,
      filename: complaintEvidence.filename,
      mimeType: complaintEvidence.mimeType,
      size: complaintEvidence.size,
      sha256: complaintEvidence.sha256,
    })
    .from(complaintEvidence)
    .where(inArray(complaintEvidence.complaintId, [...complaintIds]));
}

export async function evidenceContent(ex: Executor, complaintId: string, evidenceId: string) {
  const [row] = await ex
    .select()
    .from(complaintEvidence)
    .where(and(eq(complaintEvidence.id, evidenceId), eq(complaintEvidence.complaintId, complaintId)));
  return row;
}

/** An active HR account with its bureau's region (assignee candidates). */
export async function findHrUser(ex: Executor, id: string) {
  const [row] = await ex
    .select({
      id: users.id,
      role: users.role,
      active: users.active,
      displayName: users.displayName,
      orgKind: organisations.kind,
      regionCode: organisations.regionCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, id));
  return row;
}

/** Active HR accounts of bureaus whose region covers `regionCode` (the province's, the city's, the county's). */
export async function hrUsersOver(ex: Executor, regionCode: string) {
  const codes = [`${regionCode.slice(0, 2)}0000`, `${regionCode.slice(0, 4)}00`, regionCode];
  return ex
    .select({ id: users.id, displayName: users.displayName, orgName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.role, 'hr'), eq(users.active, true), eq(organisations.kind, 'hr_bureau'), inArray(organisations.regionCode, codes)))
    .orderBy(organisations.regionCode, users.displayName);
}
