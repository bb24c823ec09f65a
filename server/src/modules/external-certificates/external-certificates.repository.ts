import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import type { Executor } from '../../db/client.ts';
import { certificates, enrolments, externalCertificates, majors, occupations, organisations, persons, plans, publicities } from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { containing } from '../../db/like.ts';

export type ExternalRow = typeof externalCertificates.$inferSelect;
export type NewExternal = typeof externalCertificates.$inferInsert;

const BATCH = 500;

const listColumns = {
  row: externalCertificates,
  orgName: organisations.name,
  orgRegion: organisations.regionCode,
  holderName: persons.name,
  idType: persons.idType,
  idCipher: persons.idCipher,
};

export interface ExternalFilter {
  q?: string | undefined;
  kind?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
  planId?: string | undefined;
}

function scopeWhere(scope: OrgScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'org') return eq(externalCertificates.orgId, scope.orgId);
  return sql`${organisations.regionCode} like ${`${regionPrefix(scope.regionCode)}%`}`;
}

export async function listExternal(ex: Executor, scope: OrgScope, f: ExternalFilter, page: number, pageSize: number) {
  const like = f.q ? containing(f.q) : undefined;
  const where = and(
    scopeWhere(scope),
    f.kind ? eq(externalCertificates.kind, f.kind) : undefined,
    f.channel ? eq(externalCertificates.channel, f.channel) : undefined,
    f.status ? eq(externalCertificates.status, f.status) : undefined,
    f.planId ? eq(enrolments.planId, f.planId) : undefined,
    like
      ? or(
          ilike(persons.name, like),
          ilike(externalCertificates.number, like),
          ilike(externalCertificates.issuerName, like),
          ilike(externalCertificates.occupationName, like),
        )
      : undefined,
  );
  const base = ex
    .select(listColumns)
    .from(externalCertificates)
    .innerJoin(organisations, eq(organisations.id, externalCertificates.orgId))
    .innerJoin(persons, eq(persons.id, externalCertificates.personId))
    .leftJoin(enrolments, eq(enrolments.id, externalCertificates.enrolmentId))
    .where(where);
  const rows = await base
    .orderBy(desc(externalCertificates.createdAt), desc(externalCertificates.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await ex
    .select({ n: count() })
    .from(externalCertificates)
    .innerJoin(organisations, eq(organisations.id, externalCertificates.orgId))
    .innerJoin(persons, eq(persons.id, externalCertificates.personId))
    .leftJoin(enrolments, eq(enrolments.id, externalCertificates.enrolmentId))
    .where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export type ListedExternal = Awaited<ReturnType<typeof listExternal>>['rows'][number];

export async function findExternal(ex: Executor, id: string, forUpdate = false): Promise<ListedExternal | undefined> {
  const q = ex
    .select(listColumns)
    .from(externalCertificates)
    .innerJoin(organisations, eq(organisations.id, externalCertificates.orgId))
    .innerJoin(persons, eq(persons.id, externalCertificates.personId))
    .where(eq(externalCertificates.id, id));
  const [row] = forUpdate ? await q.for('update', { of: externalCertificates }) : await q;
  return row;
}

/** Recorded certificates by issuer + number (the table's unique key). */
/**
 * The numbers among these that are certificates issued on this platform (any status): such a certificate is counted as
 * ours already (and, revoked, never as valid), so it is never recorded again as one from another channel.
 */
export async function issuedHere(ex: Executor, numbers: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const wanted = [...new Set(numbers.map((n) => n.toUpperCase()))];
  for (let i = 0; i < wanted.length; i += BATCH) {
    const rows = await ex
      .select({ number: certificates.number })
      .from(certificates)
      .where(inArray(certificates.number, wanted.slice(i, i + BATCH)));
    for (const r of rows) out.add(r.number);
  }
  return out;
}

export async function findByNumbers(ex: Executor, keys: { issuerName: string; number: string }[]) {
  const out: ExternalRow[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    const rows = await ex
      .select()
      .from(externalCertificates)
      .where(
        inArray(
          externalCertificates.number,
          chunk.map((k) => k.number),
        ),
      );
    const wanted = new Set(chunk.map((k) => `${k.issuerName}\u0000${k.number}`));
    out.push(...rows.filter((r) => wanted.has(`${r.issuerName}\u0000${r.number}`)));
  }
  return out;
}

export async function insertExternal(ex: Executor, rows: NewExternal[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    ids.push(
      ...(
        await ex
          .insert(externalCertificates)
          .values(rows.slice(i, i + BATCH))
          .returning({ id: externalCertificates.id })
      ).map((r) => r.id),
    );
  }
  return ids;
}

export async function withdrawExternal(ex: Executor, id: string): Promise<void> {
  await ex.update(externalCertificates).set({ status: 'withdrawn' }).where(eq(externalCertificates.id, id));
}

// --- holders ---------------------------------------------------------------------------------------------------------

export async function findPersonsByHash(ex: Executor, keys: { idType: string; idHash: string }[]): Promise<Map<string, { id: string; name: string }>> {
  const out = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    const rows = await ex
      .select({ id: persons.id, idType: persons.idType, idHash: persons.idHash, name: persons.name })
      .from(persons)
      .where(
        inArray(
          persons.idHash,
          chunk.map((k) => k.idHash),
        ),
      );
    for (const r of rows) out.set(`${r.idType}:${r.idHash}`, { id: r.id, name: r.name });
  }
  return out;
}

export async function insertPersons(ex: Executor, people: (typeof persons.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < people.length; i += BATCH)
    await ex
      .insert(persons)
      .values(people.slice(i, i + BATCH))
      .onConflictDoNothing();
}

// --- reference data ----------------------------------------------------------------------------------------------------

export async function majorCodesOf(ex: Executor, orgId: string): Promise<Set<string>> {
  const rows = await ex.select({ code: majors.code }).from(majors).where(eq(majors.orgId, orgId));
  return new Set(rows.map((r) => r.code));
}

/** Occupation codes of the catalog (any edition, and former codes) among `codes`. */
export async function knownOccupationCodes(ex: Executor, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await ex
    .select({ code: occupations.code, former: occupations.formerCodes })
    .from(occupations)
    .where(or(inArray(occupations.code, codes), sql`${occupations.formerCodes} && ${sql.param(codes)}::text[]`));
  return new Set(rows.flatMap((r) => [r.code, ...r.former]));
}

// --- a plan's candidates (national records) -------------------------------------------------------------------------

export async function findPlan(ex: Executor, planId: string) {
  const [row] = await ex
    .select({ id: plans.id, orgId: plans.orgId, status: plans.status, occupationId: plans.occupationId, level: plans.level, closesAt: publicities.closesAt })
    .from(plans)
    .leftJoin(publicities, eq(publicities.planId, plans.id))
    .where(eq(plans.id, planId));
  return row;
}

export async function occupationOf(ex: Executor, occupationId: string | null) {
  if (!occupationId) return undefined;
  const [row] = await ex.select({ code: occupations.code, name: occupations.name }).from(occupations).where(eq(occupations.id, occupationId));
  return row;
}

export async function enrolmentPeople(ex: Executor, planId: string) {
  return ex
    .select({
      enrolmentId: enrolments.id,
      personId: enrolments.personId,
      name: persons.name,
      idType: persons.idType,
      idCipher: persons.idCipher,
      majorCode: enrolments.majorCode,
    })
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled')));
}

export async function nationalRecordsOf(ex: Executor, planId: string) {
  return ex
    .select({ row: externalCertificates })
    .from(externalCertificates)
    .innerJoin(enrolments, eq(enrolments.id, externalCertificates.enrolmentId))
    .where(and(eq(enrolments.planId, planId), eq(externalCertificates.channel, 'national'), eq(externalCertificates.status, 'recorded')));
}

/** Rows the R12 counts need, of one school. */
export async function countedRowsOf(ex: Executor, orgId: string) {
  return ex
    .select({
      kind: externalCertificates.kind,
      personId: externalCertificates.personId,
      majorCode: externalCertificates.majorCode,
      status: externalCertificates.status,
    })
    .from(externalCertificates)
    .where(eq(externalCertificates.orgId, orgId));
}
