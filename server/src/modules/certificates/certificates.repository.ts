import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import type { LeaseLookup } from '../../http/rate-limit.ts';
import {
  certificateBatches,
  certificateReissues,
  certificates,
  enrolments,
  institutions,
  institutionScope,
  occupations,
  organisations,
  persons,
  plans,
  publicities,
  serials,
  specialItems,
} from '../../db/schema.ts';
import { containing } from '../../db/like.ts';

export type CertificateRow = typeof certificates.$inferSelect;
export type NewCertificate = typeof certificates.$inferInsert;

/** A plan with what issuance needs: its institution (status, prefix, code), occupation or 专项 item, publicity. */
export async function findPlanForIssue(ex: Executor, planId: string) {
  const [row] = await ex
    .select({
      id: plans.id,
      title: plans.title,
      orgId: plans.orgId,
      status: plans.status,
      level: plans.level,
      workType: plans.workType,
      occupationId: plans.occupationId,
      specialItemId: plans.specialItemId,
      occupationCode: occupations.code,
      occupationName: occupations.name,
      specialItemCode: specialItems.code,
      specialItemName: specialItems.name,
      orgName: organisations.name,
      regionCode: organisations.regionCode,
      institutionId: institutions.id,
      institutionKind: institutions.kind,
      institutionCode: institutions.code,
      institutionStatus: institutions.status,
      institutionValidTo: institutions.validTo,
      certificatePrefix: institutions.certificatePrefix,
      publicityClosesAt: publicities.closesAt,
    })
    .from(plans)
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .innerJoin(institutions, eq(institutions.id, plans.institutionId))
    .leftJoin(occupations, eq(occupations.id, plans.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, plans.specialItemId))
    .leftJoin(publicities, eq(publicities.planId, plans.id))
    .where(eq(plans.id, planId))
    .limit(1);
  return row;
}
export type IssuePlan = NonNullable<Awaited<ReturnType<typeof findPlanForIssue>>>;

/** The institution's scope lines that cover the plan's line (occupation or 专项 item, level), with their suspension. */
export async function linesInScope(
  ex: Executor,
  p: Pick<IssuePlan, 'institutionId' | 'occupationId' | 'specialItemId' | 'level'>,
): Promise<{ id: string; suspendedAt: Date | null }[]> {
  return ex
    .select({ id: institutionScope.id, suspendedAt: institutionScope.suspendedAt })
    .from(institutionScope)
    .where(
      and(
        eq(institutionScope.institutionId, p.institutionId),
        p.occupationId ? eq(institutionScope.occupationId, p.occupationId) : p.specialItemId ? eq(institutionScope.specialItemId, p.specialItemId) : sql`false`,
        p.level === null ? sql`true` : or(eq(institutionScope.level, p.level), isNull(institutionScope.level)),
      ),
    );
}

/** The HR bureau that signs a 专项职业能力证书: the nearest bureau above the institution (county, city, then province). */
export async function issuingBureau(ex: Executor, regionCode: string): Promise<{ id: string; name: string } | undefined> {
  const candidates = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
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

export async function issuedEnrolments(ex: Executor, planId: string): Promise<Set<string>> {
  const rows = await ex.select({ e: certificates.enrolmentId }).from(certificates).where(eq(certificates.planId, planId));
  return new Set(rows.map((r) => r.e).filter((e): e is string => e !== null));
}

/** Candidates to issue in this chunk, with their person: cleared, not yet holding this plan's certificate. */
export async function holdersFor(tx: Tx, enrolmentIds: string[]) {
  if (!enrolmentIds.length) return [];
  return tx
    .select({
      enrolmentId: enrolments.id,
      personId: persons.id,
      name: persons.name,
      idType: persons.idType,
      idHash: persons.idHash,
      idCipher: persons.idCipher,
    })
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .leftJoin(certificates, eq(certificates.enrolmentId, enrolments.id))
    .where(and(inArray(enrolments.id, enrolmentIds), isNull(certificates.id)))
    .orderBy(asc(enrolments.id));
}

/**
 * Takes `n` consecutive serials of a counter, in the caller's transaction: the upsert locks the counter's row until
 * the transaction ends, so a rolled-back chunk gives its serials back and concurrent chunks queue. Returns the first.
 */
export async function takeSerials(tx: Tx, name: string, n: number): Promise<{ first: number; before: number }> {
  const [row] = await tx
    .insert(serials)
    .values({ name, value: n })
    .onConflictDoUpdate({ target: serials.name, set: { value: sql`${serials.value} + ${n}` } })
    .returning({ value: serials.value });
  const after = row?.value ?? n;
  return { first: after - n + 1, before: after - n };
}

export async function insertCertificates(tx: Tx, rows: NewCertificate[]): Promise<void> {
  if (rows.length) await tx.insert(certificates).values(rows);
}

export async function findBatch(ex: Executor, planId: string) {
  const [b] = await ex.select().from(certificateBatches).where(eq(certificateBatches.planId, planId));
  return b;
}

export async function lockBatch(tx: Tx, planId: string) {
  const [b] = await tx.select().from(certificateBatches).where(eq(certificateBatches.planId, planId)).for('update');
  return b;
}

export async function upsertBatch(tx: Tx, v: { planId: string; total: number; createdBy: string }) {
  const [b] = await tx
    .insert(certificateBatches)
    .values({ planId: v.planId, status: 'running', total: v.total, createdBy: v.createdBy })
    .onConflictDoUpdate({ target: certificateBatches.planId, set: { status: 'running', total: v.total, finishedAt: null } })
    .returning();
  return b!;
}

export async function setBatchJob(ex: Executor, batchId: string, jobId: string) {
  await ex.update(certificateBatches).set({ jobId }).where(eq(certificateBatches.id, batchId));
}

export async function updateBatch(ex: Executor, planId: string, v: Partial<typeof certificateBatches.$inferInsert>) {
  await ex.update(certificateBatches).set(v).where(eq(certificateBatches.planId, planId));
}

export async function countIssued(ex: Executor, planId: string): Promise<number> {
  const [r] = await ex.select({ n: count() }).from(certificates).where(eq(certificates.planId, planId));
  return r?.n ?? 0;
}

// --- Reading ----------------------------------------------------------------------------------------------------

export async function findByNumber(ex: Executor, number: string) {
  const [c] = await ex.select().from(certificates).where(eq(certificates.number, number)).limit(1);
  return c;
}

/**
 * The free public query's hot path (issue 16): the certificate with its catalog entry in ONE round trip, as a prepared
 * statement (parsed and planned once per database handle), instead of a select of the whole row and a second query
 * for the catalog. Same rows and columns as findByNumber/findByHolder + catalogEntry.
 */
function publicQueries(ex: Executor) {
  let q = preparedPublic.get(ex);
  if (!q) {
    const select = () =>
      ex
        .select({
          c: publicColumns,
          catalogId: institutions.id,
          catalogName: organisations.name,
          catalogCode: institutions.code,
          catalogStatus: institutions.status,
          catalogValidTo: institutions.validTo,
          catalogRegion: organisations.regionCode,
        })
        .from(certificates)
        .leftJoin(institutions, eq(institutions.id, certificates.institutionId))
        .leftJoin(organisations, eq(organisations.id, institutions.orgId));
    q = {
      byNumber: select()
        .where(eq(certificates.number, sql.placeholder('number')))
        .limit(1)
        .prepare('public_certificate_by_number'),
      byHolder: select()
        .where(eq(certificates.idHash, sql.placeholder('idHash')))
        .orderBy(desc(certificates.issuedOn), asc(certificates.number))
        .prepare('public_certificates_by_holder'),
    };
    preparedPublic.set(ex, q);
  }
  return q;
}
/**
 * Only the columns the public view shows (not the stored credential, a few KB each: its presence is enough here), so
 * a look-up parses one short row.
 */
const publicColumns = {
  number: certificates.number,
  kind: certificates.kind,
  holderName: certificates.holderName,
  idType: certificates.idType,
  occupationCode: certificates.occupationCode,
  occupationName: certificates.occupationName,
  workType: certificates.workType,
  level: certificates.level,
  issuerName: certificates.issuerName,
  institutionCode: certificates.institutionCode,
  issuedOn: certificates.issuedOn,
  status: certificates.status,
  revokedAt: certificates.revokedAt,
  checks: certificates.checks,
  printSerial: certificates.printSerial,
  credential: sql<string | null>`case when ${certificates.credential} is null then null else 'stored' end`,
};
export type PublicCertificateRow = Pick<
  CertificateRow,
  | 'number'
  | 'kind'
  | 'holderName'
  | 'idType'
  | 'occupationCode'
  | 'occupationName'
  | 'workType'
  | 'level'
  | 'issuerName'
  | 'institutionCode'
  | 'issuedOn'
  | 'status'
  | 'revokedAt'
  | 'checks'
  | 'printSerial'
  | 'credential'
>;
const preparedPublic = new WeakMap<Executor, { byNumber: PublicPrepared; byHolder: PublicPrepared }>();
type PublicRow = {
  c: PublicCertificateRow;
  catalogId: string | null;
  catalogName: string | null;
  catalogCode: string | null;
  catalogStatus: string | null;
  catalogValidTo: string | null;
  catalogRegion: string | null;
};
type PublicPrepared = { execute(values: Record<string, unknown>): Promise<PublicRow[]> };

function withCatalog(r: PublicRow) {
  const catalog =
    r.catalogId === null
      ? undefined
      : {
          id: r.catalogId,
          name: r.catalogName ?? '',
          code: r.catalogCode ?? '',
          status: r.catalogStatus ?? '',
          validTo: r.catalogValidTo ?? '',
          regionCode: r.catalogRegion ?? '',
        };
  return { c: r.c, catalog };
}

export async function findPublicByNumber(ex: Executor, number: string) {
  const [r] = await publicQueries(ex).byNumber.execute({ number });
  return r ? withCatalog(r) : undefined;
}

export async function findPublicByHolder(ex: Executor, idHash: string) {
  return (await publicQueries(ex).byHolder.execute({ idHash })).map(withCatalog);
}

/**
 * findPublicByHolder as a look-up that travels with a rate-limit lease (rate-limit.ts leaseWithLookup: issue 16, the
 * search in one round trip on PostgreSQL): the same columns, joins and order, each row as JSON.
 */
export function publicByHolderLookup(idHash: string): LeaseLookup<ReturnType<typeof withCatalog>> {
  return {
    name: 'public_certificates_by_holder',
    text: `select json_build_object(
        'number', c.number, 'kind', c.kind, 'holderName', c.holder_name, 'idType', c.id_type,
        'occupationCode', c.occupation_code, 'occupationName', c.occupation_name, 'workType', c.work_type, 'level', c.level,
        'issuerName', c.issuer_name, 'institutionCode', c.institution_code, 'issuedOn', c.issued_on, 'status', c.status,
        'revokedAt', c.revoked_at, 'checks', c.checks, 'printSerial', c.print_serial,
        'credential', case when c.credential is null then null else 'stored' end,
        'catalogId', i.id, 'catalogName', org.name, 'catalogCode', i.code, 'catalogStatus', i.status,
        'catalogValidTo', i.valid_to, 'catalogRegion', org.region_code) as j,
        row_number() over (order by c.issued_on desc, c.number asc) as o
      from certificates c
      left join institutions i on i.id = c.institution_id
      left join organisations org on org.id = i.org_id
      where c.id_hash = $5`,
    values: [idHash],
    map: (json) => withCatalog(publicRowOfJson(json as PublicJson)),
  };
}
type PublicJson = Omit<PublicCertificateRow, 'revokedAt'> & { revokedAt: string | null } & Omit<PublicRow, 'c'>;
function publicRowOfJson(j: PublicJson): PublicRow {
  const { catalogId, catalogName, catalogCode, catalogStatus, catalogValidTo, catalogRegion, revokedAt, ...c } = j;
  return {
    c: { ...c, revokedAt: revokedAt === null ? null : new Date(revokedAt) },
    catalogId,
    catalogName,
    catalogCode,
    catalogStatus,
    catalogValidTo,
    catalogRegion,
  };
}

export async function findById(ex: Executor, id: string, forUpdate = false) {
  const q = ex
    .select({ c: certificates, institutionOrgId: institutions.orgId, regionCode: organisations.regionCode })
    .from(certificates)
    .leftJoin(institutions, eq(institutions.id, certificates.institutionId))
    .leftJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(eq(certificates.id, id))
    .limit(1);
  const rows = forUpdate ? await q.for('update', { of: certificates }) : await q;
  return rows[0];
}

export async function findByHolder(ex: Executor, idHash: string) {
  return ex.select().from(certificates).where(eq(certificates.idHash, idHash)).orderBy(desc(certificates.issuedOn), asc(certificates.number));
}

export async function findByPerson(ex: Executor, personId: string) {
  return ex.select().from(certificates).where(eq(certificates.personId, personId)).orderBy(desc(certificates.issuedOn), asc(certificates.number));
}

export interface ListFilter {
  institutionOrgId?: string;
  regionPrefix?: string;
  planId?: string;
  institutionId?: string | undefined;
  q?: string;
  status?: string;
}

/** The search text as letters: `%`, `_` and `\` typed by the user are not LIKE wildcards (no "list everything" pattern). */

export async function listCertificates(ex: Executor, f: ListFilter, page: number, pageSize: number) {
  const conds = [
    f.institutionOrgId ? eq(institutions.orgId, f.institutionOrgId) : undefined,
    f.regionPrefix ? ilike(organisations.regionCode, `${f.regionPrefix}%`) : undefined,
    f.planId ? eq(certificates.planId, f.planId) : undefined,
    f.institutionId ? eq(certificates.institutionId, f.institutionId) : undefined,
    f.status ? eq(certificates.status, f.status) : undefined,
    f.q ? or(ilike(certificates.number, containing(f.q)), ilike(certificates.holderName, containing(f.q))) : undefined,
  ].filter((c) => c !== undefined);
  const where = conds.length ? and(...conds) : undefined;
  const base = ex
    .select({ c: certificates })
    .from(certificates)
    .innerJoin(institutions, eq(institutions.id, certificates.institutionId))
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(where);
  const rows = await base
    .orderBy(desc(certificates.createdAt), asc(certificates.number))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [t] = await ex
    .select({ n: count() })
    .from(certificates)
    .innerJoin(institutions, eq(institutions.id, certificates.institutionId))
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(where);
  return { rows: rows.map((r) => r.c), total: t?.n ?? 0 };
}

export async function markRevoked(tx: Tx, id: string, v: { at: Date; by: string; as: string; reason: string }) {
  await tx
    .update(certificates)
    .set({ status: 'revoked', revokedAt: v.at, revokedBy: v.by, revokedAs: v.as, revokeReason: v.reason })
    .where(eq(certificates.id, id));
}

export async function recordReissue(tx: Tx, v: typeof certificateReissues.$inferInsert) {
  await tx.insert(certificateReissues).values(v);
  await tx.update(certificates).set({ printSerial: v.printSerial, remark: v.remark }).where(eq(certificates.id, v.certificateId));
}

/** The institution's catalog entry for the public page. */
export async function catalogEntry(ex: Executor, institutionId: string) {
  const [r] = await ex
    .select({
      id: institutions.id,
      name: organisations.name,
      code: institutions.code,
      status: institutions.status,
      validTo: institutions.validTo,
      regionCode: organisations.regionCode,
    })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(eq(institutions.id, institutionId));
  return r;
}

export async function personOfUser(ex: Executor, userId: string) {
  const [p] = await ex.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  return p;
}

/** Holders of a certificate of this occupation and level, as `idType:idHash` (the enrolment rule reads it). */
export async function holderKeys(ex: Executor, occupationCode: string, level: number): Promise<Set<string>> {
  const rows = await ex
    .select({ idType: certificates.idType, idHash: certificates.idHash })
    .from(certificates)
    .where(and(eq(certificates.occupationCode, occupationCode), eq(certificates.level, level), eq(certificates.status, 'valid')));
  return new Set(rows.map((r) => `${r.idType}:${r.idHash}`));
}

/** What the printed certificate needs of the holder: the sealed ID number and the photo. */
export async function printFacts(ex: Executor, personId: string) {
  const [p] = await ex.select({ idCipher: persons.idCipher, photo: persons.photo }).from(persons).where(eq(persons.id, personId));
  return p;
}

export async function lastReissue(ex: Executor, certificateId: string) {
  const [r] = await ex
    .select()
    .from(certificateReissues)
    .where(eq(certificateReissues.certificateId, certificateId))
    .orderBy(desc(certificateReissues.printSerial))
    .limit(1);
  return r;
}
