import type { SubsidyStatus } from '@skillcert/shared/api/subsidies';
import { and, asc, count, desc, eq, gte, ilike, inArray, like, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { certificates, enrolments, institutions, organisations, persons, regions, subsidyClaims } from '../../db/schema.ts';
import { containing, startingWith } from '../../db/like.ts';

const school = alias(organisations, 'school');

const claimColumns = {
  claim: subsidyClaims,
  certificateNumber: certificates.number,
  holderName: certificates.holderName,
  maskedIdNumber: certificates.maskedIdNumber,
  occupationName: certificates.occupationName,
  issuedOn: certificates.issuedOn,
  schoolOrgId: institutions.orgId,
  schoolName: school.name,
};

function claimQuery(ex: Executor) {
  return ex
    .select(claimColumns)
    .from(subsidyClaims)
    .innerJoin(certificates, eq(certificates.id, subsidyClaims.certificateId))
    .leftJoin(institutions, eq(institutions.id, certificates.institutionId))
    .leftJoin(school, eq(school.id, institutions.orgId));
}

export type ClaimRow = Awaited<ReturnType<typeof findClaim>> & {};

export async function findClaim(ex: Executor, id: string, forUpdate = false) {
  const q = claimQuery(ex).where(eq(subsidyClaims.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: subsidyClaims }) : await q;
  return rows[0];
}

export interface ClaimFilter {
  personId?: string;
  schoolOrgId?: string;
  /** Claims reviewed by bureaus at or below this region (a prefix of the region code). */
  regionPrefix?: string;
  status?: SubsidyStatus | undefined;
  level?: number | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filterOf(f: ClaimFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.personId) conds.push(eq(subsidyClaims.personId, f.personId));
  if (f.schoolOrgId) conds.push(eq(institutions.orgId, f.schoolOrgId));
  if (f.regionPrefix !== undefined) conds.push(like(subsidyClaims.regionCode, `${f.regionPrefix}%`));
  if (f.status) conds.push(eq(subsidyClaims.status, f.status));
  if (f.level) conds.push(eq(subsidyClaims.level, f.level));
  if (f.channel) conds.push(eq(subsidyClaims.channel, f.channel));
  if (f.q) {
    conds.push(or(ilike(certificates.holderName, containing(f.q)), like(certificates.number, startingWith(f.q))));
  }
  if (f.from) conds.push(gte(subsidyClaims.appliedAt, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) conds.push(lt(subsidyClaims.appliedAt, new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  return and(...conds);
}

export async function listClaims(ex: Executor, f: ClaimFilter, page: number, pageSize: number) {
  const where = filterOf(f);
  const rows = await claimQuery(ex)
    .where(where)
    .orderBy(desc(subsidyClaims.appliedAt), asc(subsidyClaims.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await ex
    .select({ n: count() })
    .from(subsidyClaims)
    .innerJoin(certificates, eq(certificates.id, subsidyClaims.certificateId))
    .leftJoin(institutions, eq(institutions.id, certificates.institutionId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/** HR bureaus by region code (the reviewer's name on a claim). */
export async function bureausIn(ex: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await ex
    .select({ regionCode: organisations.regionCode, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, 'hr_bureau'), inArray(organisations.regionCode, [...new Set(codes)])))
    .orderBy(asc(organisations.createdAt));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.regionCode)) out.set(r.regionCode, r.name);
  return out;
}

/** The certificate a claim is made against, with what eligibility needs: the institution's entry and the holder's place. */
export async function certificateForClaim(ex: Executor, where: { id: string } | { number: string }) {
  const [row] = await ex
    .select({
      c: certificates,
      institution: { status: institutions.status, validFrom: institutions.validFrom, validTo: institutions.validTo },
      schoolOrgId: institutions.orgId,
      schoolRegion: school.regionCode,
      issuerKind: organisations.kind,
      graduatingYear: enrolments.graduatingYear,
    })
    .from(certificates)
    .leftJoin(institutions, eq(institutions.id, certificates.institutionId))
    .leftJoin(school, eq(school.id, institutions.orgId))
    .leftJoin(organisations, eq(organisations.id, certificates.issuerOrgId))
    .leftJoin(enrolments, eq(enrolments.id, certificates.enrolmentId))
    .where('id' in where ? eq(certificates.id, where.id) : eq(certificates.number, where.number))
    .limit(1);
  return row;
}

/** Locks the person while their claims are counted and one is added (two claims at once cannot both pass the year limit). */
export async function lockPerson(ex: Executor, personId: string): Promise<void> {
  await ex.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('update');
}

export async function personOfUser(ex: Executor, userId: string) {
  const [p] = await ex.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  return p;
}

export async function claimsOfPerson(ex: Executor, personId: string) {
  return ex
    .select({
      certificateId: subsidyClaims.certificateId,
      occupationCode: subsidyClaims.occupationCode,
      level: subsidyClaims.level,
      status: subsidyClaims.status,
      appliedAt: subsidyClaims.appliedAt,
    })
    .from(subsidyClaims)
    .where(eq(subsidyClaims.personId, personId));
}

/** The first HR bureau among the regions, in their order. */
export async function firstBureau(ex: Executor, codes: string[]): Promise<string | undefined> {
  const found = await bureausIn(ex, codes);
  return codes.find((c) => found.has(c));
}

export type NewClaim = typeof subsidyClaims.$inferInsert;

export async function insertClaim(ex: Executor, row: NewClaim) {
  const [saved] = await ex.insert(subsidyClaims).values(row).returning({ id: subsidyClaims.id });
  return saved!.id;
}

export async function review(ex: Executor, id: string, to: 'approved' | 'refused', by: string, reason: string | null) {
  const rows = await ex
    .update(subsidyClaims)
    .set({ status: to, reviewedBy: by, reviewedAt: new Date(), reason })
    .where(and(eq(subsidyClaims.id, id), eq(subsidyClaims.status, 'submitted')))
    .returning({ id: subsidyClaims.id });
  return rows.length;
}

/** approved → paid, written once: the condition on the status is what makes a second payment impossible. */
export async function pay(ex: Executor, id: string, p: { paidOn: string; amount: number; bankReference: string; by: string }) {
  const rows = await ex
    .update(subsidyClaims)
    .set({ status: 'paid', paidOn: p.paidOn, paidAmount: p.amount, bankReference: p.bankReference, paidBy: p.by })
    .where(and(eq(subsidyClaims.id, id), eq(subsidyClaims.status, 'approved')))
    .returning({ id: subsidyClaims.id });
  return rows.length;
}

/** Totals per reviewing region, period of application (Asia/Shanghai) and level. */
export async function totals(ex: Executor, f: ClaimFilter, period: 'month' | 'year') {
  const fmt = period === 'month' ? 'YYYY-MM' : 'YYYY';
  const periodExpr = sql<string>`to_char(${subsidyClaims.appliedAt} at time zone 'Asia/Shanghai', ${sql.raw(`'${fmt}'`)})`;
  const sumIf = (cond: SQL) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)::int`;
  return ex
    .select({
      regionCode: subsidyClaims.regionCode,
      regionName: regions.fullName,
      period: periodExpr,
      level: subsidyClaims.level,
      claims: sql<number>`count(*)::int`,
      submitted: sumIf(sql`${subsidyClaims.status} = 'submitted'`),
      approved: sumIf(sql`${subsidyClaims.status} = 'approved'`),
      refused: sumIf(sql`${subsidyClaims.status} = 'refused'`),
      paid: sumIf(sql`${subsidyClaims.status} = 'paid'`),
      approvedAmount: sql<number>`coalesce(sum(case when ${subsidyClaims.status} in ('approved', 'paid') then ${subsidyClaims.amount} else 0 end), 0)::int`,
      paidAmount: sql<number>`coalesce(sum(${subsidyClaims.paidAmount}), 0)::int`,
    })
    .from(subsidyClaims)
    .innerJoin(certificates, eq(certificates.id, subsidyClaims.certificateId))
    .leftJoin(institutions, eq(institutions.id, certificates.institutionId))
    .leftJoin(regions, eq(regions.code, subsidyClaims.regionCode))
    .where(filterOf(f))
    .groupBy(subsidyClaims.regionCode, regions.fullName, periodExpr, subsidyClaims.level)
    .orderBy(asc(subsidyClaims.regionCode), asc(periodExpr), desc(subsidyClaims.level));
}

/** Claims waiting for a bureau's review or payment (the HR to-do list). */
export async function waitingFor(ex: Executor, regionCode: string) {
  return ex
    .select({ status: subsidyClaims.status, n: count() })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.regionCode, regionCode), ne(subsidyClaims.status, 'refused'), ne(subsidyClaims.status, 'paid')))
    .groupBy(subsidyClaims.status);
}
