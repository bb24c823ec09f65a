import { and, asc, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import {
  certificateReportEvents,
  certificateReports,
  certificates,
  institutions,
  organisations,
  persons,
  plans,
  publicities,
  reportBatches,
  users,
} from '../../db/schema.ts';
import type { NationalStatus, ReportStatus } from './reporting.rules.ts';
import { containing } from '../../db/like.ts';

// Queries of the reporting module. A certificate without a certificate_reports row is pending.

/** The HR bureau that listed an institution of this region: the city's (R8), else the province's (R7). */
export async function listingBureau(ex: Executor, regionCode: string): Promise<{ id: string; name: string } | undefined> {
  const candidates = [`${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  const rows = await ex
    .select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.kind, 'hr_bureau'), inArray(organisations.regionCode, candidates)));
  for (const code of candidates) {
    const hit = rows.find((r) => r.regionCode === code);
    if (hit) return { id: hit.id, name: hit.name };
  }
  return undefined;
}

export async function findPlan(ex: Executor, planId: string) {
  const [p] = await ex
    .select({
      id: plans.id,
      title: plans.title,
      orgId: plans.orgId,
      institutionId: plans.institutionId,
      profileId: plans.profileId,
      regionCode: organisations.regionCode,
      orgName: organisations.name,
      closesAt: publicities.closesAt,
    })
    .from(plans)
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .leftJoin(publicities, eq(publicities.planId, plans.id))
    .where(eq(plans.id, planId));
  return p;
}

export type PlanFacts = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

const lineColumns = {
  certificateId: certificates.id,
  number: certificates.number,
  holderName: certificates.holderName,
  maskedIdNumber: certificates.maskedIdNumber,
  occupationName: certificates.occupationName,
  level: certificates.level,
  issuedOn: certificates.issuedOn,
  planId: certificates.planId,
  planTitle: plans.title,
  certificateStatus: certificates.status,
  status: certificateReports.status,
  reason: certificateReports.reason,
  correctionNote: certificateReports.correctionNote,
  nationalStatus: certificateReports.nationalStatus,
  nationalReason: certificateReports.nationalReason,
  batchId: certificateReports.batchId,
  hrOrgId: certificateReports.hrOrgId,
  schoolOrgId: institutions.orgId,
};

function linesQuery(ex: Executor, where: SQL | undefined) {
  return ex
    .select(lineColumns)
    .from(certificates)
    .innerJoin(institutions, eq(institutions.id, certificates.institutionId))
    .leftJoin(plans, eq(plans.id, certificates.planId))
    .leftJoin(certificateReports, eq(certificateReports.certificateId, certificates.id))
    .where(and(eq(certificates.kind, 'skill_level'), where));
}

export type LineRow = Awaited<ReturnType<typeof linesQuery>>[number];

export const statusOf = (r: { status: string | null }): ReportStatus => (r.status as ReportStatus | null) ?? 'pending';

/** Report lines of a school's certificates (or an HR bureau's reported ones), filtered and paged. */
export async function listLines(
  ex: Executor,
  scope: { schoolOrgId?: string; hrOrgId?: string },
  q: { planId?: string | undefined; status?: ReportStatus | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const where: (SQL | undefined)[] = [];
  if (scope.schoolOrgId) where.push(eq(institutions.orgId, scope.schoolOrgId));
  if (scope.hrOrgId) where.push(eq(certificateReports.hrOrgId, scope.hrOrgId));
  if (q.planId) where.push(eq(certificates.planId, q.planId));
  if (q.status === 'pending') where.push(sql`${certificateReports.status} is null`);
  else if (q.status) where.push(eq(certificateReports.status, q.status));
  if (q.q) {
    const like = containing(q.q);
    where.push(sql`(${certificates.number} ilike ${like} or ${certificates.holderName} ilike ${like})`);
  }
  const cond = and(...where);
  const [total] = await ex
    .select({ n: count() })
    .from(certificates)
    .innerJoin(institutions, eq(institutions.id, certificates.institutionId))
    .leftJoin(certificateReports, eq(certificateReports.certificateId, certificates.id))
    .where(and(eq(certificates.kind, 'skill_level'), cond));
  // What waits on the school comes first: returned certificates, then those not yet reported; then by number.
  const rows = await linesQuery(ex, cond)
    .orderBy(
      sql`case when ${certificateReports.status} = 'rejected' then 0 when ${certificateReports.status} is null then 1 else 2 end`,
      asc(certificates.number),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, rows };
}

export async function linesByIds(ex: Executor, ids: string[]) {
  if (!ids.length) return [];
  return linesQuery(ex, inArray(certificates.id, ids)).orderBy(asc(certificates.number));
}

export async function linesOfBatch(ex: Executor, batchId: string) {
  return linesQuery(ex, eq(certificateReports.batchId, batchId)).orderBy(asc(certificates.number));
}

/** The plan's certificates with their report rows, the certificates locked: one submission of a plan at a time. */
export async function lockPlanCertificates(tx: Tx, planId: string) {
  await tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.planId, planId)).for('update');
  return linesQuery(tx, eq(certificates.planId, planId)).orderBy(asc(certificates.number));
}

export async function eventsOf(ex: Executor, certificateIds: string[]) {
  if (!certificateIds.length) return [];
  return ex
    .select({
      certificateId: certificateReportEvents.certificateId,
      from: certificateReportEvents.fromStatus,
      to: certificateReportEvents.toStatus,
      source: certificateReportEvents.source,
      note: certificateReportEvents.note,
      by: users.displayName,
      at: certificateReportEvents.at,
    })
    .from(certificateReportEvents)
    .leftJoin(users, eq(users.id, certificateReportEvents.by))
    .where(inArray(certificateReportEvents.certificateId, certificateIds))
    .orderBy(asc(certificateReportEvents.at), asc(certificateReportEvents.id));
}

export async function insertBatch(tx: Tx, row: typeof reportBatches.$inferInsert) {
  const [b] = await tx.insert(reportBatches).values(row).returning();
  return b!;
}

export interface ReportWrite {
  certificateId: string;
  planId: string | null;
  orgId: string;
  hrOrgId: string;
  status: ReportStatus;
  batchId: string;
}

/** Sets the report rows of a batch (insert, or move a returned one to resubmitted in its new batch). */
export async function upsertReports(tx: Tx, rows: ReportWrite[], at: Date): Promise<void> {
  if (!rows.length) return;
  await tx
    .insert(certificateReports)
    .values(rows.map((r) => ({ ...r, updatedAt: at })))
    .onConflictDoUpdate({
      target: certificateReports.certificateId,
      set: { status: sql`excluded.status`, batchId: sql`excluded.batch_id`, hrOrgId: sql`excluded.hr_org_id`, updatedAt: at },
    });
}

export async function insertEvents(tx: Tx, rows: (typeof certificateReportEvents.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(certificateReportEvents).values(rows);
}

export async function setReportStatus(
  tx: Tx,
  certificateIds: string[],
  set: Partial<{ status: ReportStatus; reason: string | null; nationalStatus: NationalStatus; nationalReason: string | null; uploadedAt: Date }>,
  at: Date,
): Promise<void> {
  if (!certificateIds.length) return;
  await tx
    .update(certificateReports)
    .set({ ...set, updatedAt: at })
    .where(inArray(certificateReports.certificateId, certificateIds));
}

export async function setCorrection(tx: Tx, certificateId: string, note: string, at: Date): Promise<void> {
  await tx.update(certificateReports).set({ correctionNote: note, correctedAt: at, updatedAt: at }).where(eq(certificateReports.certificateId, certificateId));
}

/** Sets a returned certificate's reason (HR's, or the national platform's) and clears an older correction note. */
export async function returnCertificate(tx: Tx, certificateId: string, reason: string, at: Date): Promise<void> {
  await tx
    .update(certificateReports)
    .set({ status: 'rejected', reason, correctionNote: null, correctedAt: null, updatedAt: at })
    .where(eq(certificateReports.certificateId, certificateId));
}

const batchColumns = {
  id: reportBatches.id,
  planId: reportBatches.planId,
  planTitle: plans.title,
  orgId: reportBatches.orgId,
  orgName: organisations.name,
  hrOrgId: reportBatches.hrOrgId,
  kind: reportBatches.kind,
  status: reportBatches.status,
  certificateCount: reportBatches.certificateCount,
  returnedCount: reportBatches.returnedCount,
  submittedAt: reportBatches.submittedAt,
  reviewedAt: reportBatches.reviewedAt,
};

export async function findBatch(ex: Executor, id: string, forUpdate = false) {
  const q = ex
    .select(batchColumns)
    .from(reportBatches)
    .innerJoin(plans, eq(plans.id, reportBatches.planId))
    .innerJoin(organisations, eq(organisations.id, reportBatches.orgId))
    .where(eq(reportBatches.id, id));
  const [b] = forUpdate ? await q.for('update', { of: reportBatches }) : await q;
  return b;
}

export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

export async function listBatches(
  ex: Executor,
  scope: { orgId?: string; hrOrgId?: string },
  q: { status?: 'submitted' | 'reviewed' | undefined; page: number; pageSize: number },
) {
  const cond = and(
    scope.orgId ? eq(reportBatches.orgId, scope.orgId) : undefined,
    scope.hrOrgId ? eq(reportBatches.hrOrgId, scope.hrOrgId) : undefined,
    q.status ? eq(reportBatches.status, q.status) : undefined,
  );
  const [total] = await ex.select({ n: count() }).from(reportBatches).where(cond);
  const rows = await ex
    .select(batchColumns)
    .from(reportBatches)
    .innerJoin(plans, eq(plans.id, reportBatches.planId))
    .innerJoin(organisations, eq(organisations.id, reportBatches.orgId))
    .where(cond)
    .orderBy(desc(reportBatches.submittedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, rows };
}

export async function markBatchReviewed(tx: Tx, id: string, by: string, returned: number, at: Date): Promise<void> {
  await tx.update(reportBatches).set({ status: 'reviewed', reviewedBy: by, reviewedAt: at, returnedCount: returned }).where(eq(reportBatches.id, id));
}

export async function orgName(ex: Executor, id: string): Promise<string> {
  const [o] = await ex.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return o?.name ?? '';
}

/**
 * Plans with issued certificates, with counts per report status: a school's own, or (HR) those of the institutions in
 * the given regions. The plan's publicity closing day gives its deadline.
 */
export async function planSummaries(ex: Executor, scope: { schoolOrgId?: string; schoolOrgIds?: string[] }) {
  if (scope.schoolOrgIds && !scope.schoolOrgIds.length) return [];
  return ex
    .select({
      planId: plans.id,
      title: plans.title,
      profileId: plans.profileId,
      regionCode: organisations.regionCode,
      orgName: organisations.name,
      closesAt: publicities.closesAt,
      status: certificateReports.status,
      certificateStatus: certificates.status,
      n: count(),
    })
    .from(certificates)
    .innerJoin(plans, eq(plans.id, certificates.planId))
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .leftJoin(publicities, eq(publicities.planId, plans.id))
    .leftJoin(certificateReports, eq(certificateReports.certificateId, certificates.id))
    .where(
      and(
        eq(certificates.kind, 'skill_level'),
        isNotNull(certificates.planId),
        scope.schoolOrgId ? eq(plans.orgId, scope.schoolOrgId) : undefined,
        scope.schoolOrgIds ? inArray(plans.orgId, scope.schoolOrgIds) : undefined,
      ),
    )
    .groupBy(
      plans.id,
      plans.title,
      plans.profileId,
      organisations.regionCode,
      organisations.name,
      publicities.closesAt,
      certificateReports.status,
      certificates.status,
    );
}

/** Schools in a region (the HR bureau's institutions, for its overdue list). */
export async function schoolsUnder(ex: Executor, regionPrefix: string): Promise<{ id: string; regionCode: string }[]> {
  return ex
    .select({ id: organisations.id, regionCode: organisations.regionCode })
    .from(organisations)
    .where(and(eq(organisations.kind, 'school'), sql`${organisations.regionCode} like ${`${regionPrefix}%`}`));
}

/** The accepted certificates a bureau sends to the national platform, with the holder's sealed ID number. */
export async function nationalRows(ex: Executor, hrOrgId: string) {
  return ex
    .select({
      certificateId: certificates.id,
      number: certificates.number,
      holderName: certificates.holderName,
      idType: certificates.idType,
      idCipher: persons.idCipher,
      gender: persons.gender,
      occupationCode: certificates.occupationCode,
      occupationName: certificates.occupationName,
      workType: certificates.workType,
      level: certificates.level,
      issuerName: certificates.issuerName,
      institutionCode: certificates.institutionCode,
      issuedOn: certificates.issuedOn,
      planId: certificates.planId,
      enrolmentId: certificates.enrolmentId,
      planTitle: plans.title,
      certificateStatus: certificates.status,
      status: certificateReports.status,
      nationalStatus: certificateReports.nationalStatus,
    })
    .from(certificateReports)
    .innerJoin(certificates, eq(certificates.id, certificateReports.certificateId))
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .leftJoin(plans, eq(plans.id, certificates.planId))
    .where(and(eq(certificateReports.hrOrgId, hrOrgId), eq(certificateReports.status, 'accepted'), sql`${certificateReports.nationalStatus} <> 'accepted'`))
    .orderBy(asc(certificates.number));
}

/** The report rows of the named certificate numbers, locked (the answer file's transaction). */
export async function reportsByNumbers(tx: Tx, hrOrgId: string, numbers: string[]) {
  if (!numbers.length) return [];
  return tx
    .select({
      certificateId: certificates.id,
      number: certificates.number,
      status: certificateReports.status,
      nationalStatus: certificateReports.nationalStatus,
      nationalReason: certificateReports.nationalReason,
    })
    .from(certificateReports)
    .innerJoin(certificates, eq(certificates.id, certificateReports.certificateId))
    .where(and(eq(certificateReports.hrOrgId, hrOrgId), inArray(certificates.number, numbers)))
    .for('update', { of: certificateReports });
}

export async function countToUpload(ex: Executor, hrOrgId: string): Promise<number> {
  const [r] = await ex
    .select({ n: count() })
    .from(certificateReports)
    .where(and(eq(certificateReports.hrOrgId, hrOrgId), eq(certificateReports.status, 'accepted'), sql`${certificateReports.nationalStatus} <> 'accepted'`));
  return r?.n ?? 0;
}

/** The fields of the 认定结果汇总表 of the given certificates (sealed ID numbers, opened by the service to mask). */
export async function nationalFieldsOf(ex: Executor, certificateIds: string[]) {
  if (!certificateIds.length) return [];
  return ex
    .select({
      number: certificates.number,
      holderName: certificates.holderName,
      idCipher: persons.idCipher,
      occupationName: certificates.occupationName,
      workType: certificates.workType,
      level: certificates.level,
      issuedOn: certificates.issuedOn,
      enrolmentId: certificates.enrolmentId,
    })
    .from(certificates)
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .where(inArray(certificates.id, certificateIds))
    .orderBy(asc(certificates.number));
}
