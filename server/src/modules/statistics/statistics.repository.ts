import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../db/client.ts';

/**
 * Statistics read what other modules write (certificates, part results, subsidy claims, majors, filings, certificates
 * from other channels) — read only, one aggregate query per figure. Each certificate row is counted once: the joins
 * (institution, organisation) are one-to-one, and the grouping sets of one scan give every breakdown.
 */

/** Where a query may look: a region prefix (2/4/6 digits) and/or one school; both null = everything (the platform). */
export interface StatScope {
  prefix: string | null;
  orgId: string | null;
}

export interface StatQuery {
  scope: StatScope;
  since: string;
  until: string;
  occupation?: string | undefined;
  level?: number | undefined;
}

/** The organisation `o` lies in the scope. */
function orgIn(scope: StatScope, column: SQL = sql`o.region_code`): SQL {
  const parts: SQL[] = [sql`true`];
  if (scope.prefix) parts.push(sql`${column} like ${`${scope.prefix}%`}`);
  if (scope.orgId) parts.push(sql`o.id = ${scope.orgId}`);
  return sql.join(parts, sql` and `);
}

/** The organisation a certificate belongs to: its institution's school, else its issuer (a record without an institution). */
const CERT_ORG = sql`left join institutions i on i.id = c.institution_id join organisations o on o.id = coalesce(i.org_id, c.issuer_org_id)`;

export interface CertificateGroupRow {
  gm: number;
  go: number;
  gl: number;
  gi: number;
  gk: number;
  month: string | null;
  occ_code: string | null;
  occ_name: string | null;
  level: number | null;
  org_id: string | null;
  kind: string | null;
  valid: number;
  revoked: number;
}

/** The rollup rows of the period and filters (certificate_monthly, kept by a trigger on certificates: migration 0017). */
function monthlyFilters(q: StatQuery): SQL {
  const parts: SQL[] = [sql`m.month >= ${q.since.slice(0, 7)}`, sql`m.month < ${q.until.slice(0, 7)}`, orgIn(q.scope)];
  if (q.occupation) parts.push(sql`m.occupation_code = ${q.occupation}`);
  if (q.level) parts.push(sql`m.level = ${q.level}`);
  return sql.join(parts, sql` and `);
}

/**
 * Certificates of the period by month, occupation, level, institution and kind, and in all: grouping sets over the
 * monthly rollup, where each certificate was added once when written and moved from valid to revoked when revoked.
 */
export async function certificateGroups(ex: Executor, q: StatQuery): Promise<CertificateGroupRow[]> {
  return queryRows<CertificateGroupRow>(
    ex,
    sql`select grouping(m.month)::int as gm, grouping(m.occupation_code)::int as go, grouping(m.level)::int as gl, grouping(o.id)::int as gi,
        grouping(m.kind)::int as gk, m.month, m.occupation_code as occ_code, max(m.occupation_name) as occ_name, nullif(m.level, 0)::int as level,
        o.id as org_id, m.kind, coalesce(sum(m.valid), 0)::int as valid, coalesce(sum(m.revoked), 0)::int as revoked
      from certificate_monthly m join organisations o on o.id = m.org_id
      where ${monthlyFilters(q)}
      group by grouping sets ((), (m.month), (m.occupation_code), (m.level), (o.id), (m.kind))`,
  );
}

export async function orgNames(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    ex,
    sql`select id, name from organisations where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function regionNames(ex: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await queryRows<{ code: string; name: string }>(
    ex,
    sql`select code, full_name as name from regions where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function regionExists(ex: Executor, code: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(ex, sql`select count(*)::int as n from regions where code = ${code}`);
  return (rows[0]?.n ?? 0) > 0;
}

export async function findOrg(ex: Executor, id: string) {
  const rows = await queryRows<{ id: string; kind: string; regionCode: string; name: string }>(
    ex,
    sql`select id, kind, region_code as "regionCode", name from organisations where id = ${id}`,
  );
  return rows[0];
}

// --- pass rates (part results) -------------------------------------------------------------------

export interface PassGroupRow {
  gp: number;
  go: number;
  part: string | null;
  occ_code: string | null;
  occ_name: string | null;
  level: number | null;
  sat: number;
  passed: number;
}

/**
 * Part results recorded in the period (China-time months): sat (marked, not absent) and passed (score at or above the
 * part's pass mark), by part, occupation and level — grouping sets over pass_monthly, which the triggers of migration
 * 0024 keep exact in the transaction that writes, re-marks or deletes a result (or changes a pass mark).
 */
export async function passGroups(ex: Executor, q: StatQuery): Promise<PassGroupRow[]> {
  const parts: SQL[] = [sql`m.month >= ${q.since.slice(0, 7)}`, sql`m.month < ${q.until.slice(0, 7)}`, orgIn(q.scope)];
  if (q.occupation) parts.push(sql`m.occupation_code = ${q.occupation}`);
  if (q.level) parts.push(sql`m.level = ${q.level}`);
  return queryRows<PassGroupRow>(
    ex,
    sql`select grouping(m.part_kind)::int as gp, grouping(m.occupation_code, m.occupation_name)::int as go,
        m.part_kind as part, m.occupation_code as occ_code, m.occupation_name as occ_name, nullif(m.level, 0)::int as level,
        coalesce(sum(m.sat), 0)::int as sat, coalesce(sum(m.passed), 0)::int as passed
      from pass_monthly m join organisations o on o.id = m.org_id
      where ${sql.join(parts, sql` and `)}
      group by grouping sets ((m.part_kind), (m.occupation_code, m.occupation_name), (m.level))
      having coalesce(sum(m.sat), 0) > 0`,
  );
}

// --- subsidies paid (R11) ------------------------------------------------------------------------

export interface SubsidyGroupRow {
  gr: number;
  gm: number;
  gl: number;
  region_code: string | null;
  month: string | null;
  level: number | null;
  amount: number;
  count: number;
}

/**
 * Paid claims (status paid, paidAmount) by the paying region, month of payment and level, and in all — grouping sets over
 * subsidy_paid_monthly, which the triggers of migration 0026 keep exact in the transaction that pays, corrects, unpays or
 * deletes a claim. One school: the claims of its certificates (the rollup keeps the certificate's school).
 */
export async function subsidyGroups(ex: Executor, q: StatQuery): Promise<SubsidyGroupRow[]> {
  const parts: SQL[] = [sql`m.month >= ${q.since.slice(0, 7)}`, sql`m.month < ${q.until.slice(0, 7)}`, sql`m.claims <> 0`];
  if (q.scope.prefix) parts.push(sql`m.region_code like ${`${q.scope.prefix}%`}`);
  if (q.scope.orgId) parts.push(sql`m.org_id = ${q.scope.orgId}`);
  if (q.occupation) parts.push(sql`m.occupation_code = ${q.occupation}`);
  if (q.level) parts.push(sql`m.level = ${q.level}`);
  return queryRows<SubsidyGroupRow>(
    ex,
    sql`select grouping(m.region_code)::int as gr, grouping(m.month)::int as gm, grouping(m.level)::int as gl,
        m.region_code, m.month, m.level::int as level, coalesce(sum(m.amount), 0)::int as amount, coalesce(sum(m.claims), 0)::int as count
      from subsidy_paid_monthly m
      where ${sql.join(parts, sql` and `)}
      group by grouping sets ((), (m.region_code), (m.month), (m.level))`,
  );
}

// --- R13: coverage of majors ---------------------------------------------------------------------

const SCHOOLS = sql`o.kind = 'school' and o.active`;

/**
 * The last day of the suspensions in force on each institution (kind suspend_institution, no line) and on each scope line
 * (suspend_line), as sanctions' suspensionEnds reads it: null when one of them runs until lifted. One grouped pass over
 * the sanctions in force, joined where needed (never a sub-select per row).
 */
const LAST_DAYS = sql`select x.institution_id, x.scope_line_id, x.kind, case when bool_or(x.until is null) then null else max(x.until)::text end as last_day
  from sanctions x where x.status = 'in_force' and x.kind in ('suspend_institution', 'suspend_line') group by 1, 2, 3`;

/**
 * A scope line that would cover a major but whose institution or line is recorded suspended: the inputs the sanctions
 * rules decide its standing from (R14) — the institution's status, when the line was suspended, and the last days of
 * the suspensions in force on the institution and on the line (null: until lifted, or none recorded).
 */
export interface PendingLine {
  status: string;
  suspendedAt: string | null;
  institutionUntil: string | null;
  lineUntil: string | null;
}

/** A coverage major as the service reads it. */
export interface MajorCoverageRow {
  orgId: string;
  schoolName: string;
  regionCode: string;
  code: string;
  name: string;
  byScope: boolean;
  byExternal: boolean;
  pending: PendingLine[] | null;
}

/** A vocational school as filing coverage reads it. */
export interface SchoolFilingRow {
  orgId: string;
  name: string;
  regionCode: string;
  groupCode: string | null;
  groupName: string | null;
  listed: boolean;
  suspendedUntil: (string | null)[] | null;
}

/**
 * That `o` is a school in scope: the scope arrives as parameters (prefix and/or school, null = no limit), so that one
 * prepared statement serves every reader. Each test is a CASE, not `$1 is null or …`: the server estimates a CASE at
 * half the rows where it would guess an OR of parameter tests at under one row, and a generic plan built on "one
 * school" loops over every aggregate once per school. `extra` narrows further (filing coverage: vocational schools only).
 */
function scopedSchoolsWhere(extra: SQL = sql`true`): SQL {
  const prefix = sql.placeholder('prefix');
  const orgId = sql.placeholder('orgId');
  return sql`${SCHOOLS} and ${extra}
      and case when ${prefix}::text is null then true else o.region_code like ${prefix}::text || '%' end
      and case when ${orgId}::uuid is null then true else o.id = ${orgId}::uuid end`;
}

/**
 * Every major of the schools in scope, in one statement, with how it is covered: `byScope` by a line in force of the
 * school's own filing (listed institution, line not suspended) whose occupation the major leads to; `byExternal` by a
 * certificate from another channel recorded (partner enterprise, external issuer), not withdrawn; `pending` (only for a
 * major not already covered by a line in force) the lines that would cover it but are recorded suspended (the
 * institution or the line) with their standing inputs — a suspension "until a day" may have ended by itself, which the
 * sanctions rules decide. The schools in scope are read once; the lines aggregated once per school and major, the
 * external certificates once per school and major, the sanctions' last days in one grouped pass — joins only (no
 * sub-select per row), so that the generic plan of the prepared statement is as good as a plan for one reader.
 */
const COVERAGE = sql`with last_days as (${LAST_DAYS}),
      scope_orgs as (select o.id, o.name, o.region_code from organisations o where ${scopedSchoolsWhere()}),
      lines as (
        select i.org_id, mo.major_code, bool_or(i.status = 'listed' and s.suspended_at is null) as by_scope,
          json_agg(json_build_object('status', i.status, 'suspendedAt', s.suspended_at, 'institutionUntil', li.last_day, 'lineUntil', ll.last_day))
            filter (where i.status = 'suspended' or s.suspended_at is not null) as pending
        from scope_orgs o join institutions i on i.org_id = o.id join institution_scope s on s.institution_id = i.id
        join major_occupations mo on mo.occupation_id = s.occupation_id
        left join last_days li on li.institution_id = i.id and li.kind = 'suspend_institution'
        left join last_days ll on ll.scope_line_id = s.id and ll.kind = 'suspend_line'
        where i.status in ('listed', 'suspended')
        group by 1, 2),
      ext as (
        select e.org_id, e.major_code from scope_orgs o join external_certificates e on e.org_id = o.id
        where e.status = 'recorded' and e.major_code is not null group by 1, 2)
      select m.org_id as "orgId", o.name as "schoolName", o.region_code as "regionCode", m.code, m.name, coalesce(l.by_scope, false) as "byScope",
        x.org_id is not null as "byExternal", case when l.by_scope then null else l.pending end as pending
      from scope_orgs o join majors m on m.org_id = o.id left join lines l on l.org_id = m.org_id and l.major_code = m.code
      left join ext x on x.org_id = m.org_id and x.major_code = m.code
      order by m.org_id, m.code`;

/** The last day of the suspensions in force on each institution as a whole (LAST_DAYS, institutions only). */
const INSTITUTION_LAST_DAYS = sql`select x.institution_id, case when bool_or(x.until is null) then null else max(x.until)::text end as last_day
  from sanctions x where x.status = 'in_force' and x.kind = 'suspend_institution' group by 1`;

/**
 * Vocational schools (every school kind but 普通本科) in scope: `listed` when one of its institutions is recorded listed,
 * and `suspendedUntil` the last day of the suspension in force on each of its institutions recorded suspended (null in
 * the array: until lifted; a suspension past its last day reads listed: the sanctions rules decide); `groupCode` /
 * `groupName` the region one level below the scope's (`digits` long, padded to 6) the school lies in. One statement:
 * the institutions grouped once per school, the sanctions' last days in one grouped pass, the region's name looked up
 * by its key (a hash join would read every region of the country for a generic plan).
 */
const FILING = sql`with last_days as (${INSTITUTION_LAST_DAYS}),
      filings as (
        select i.org_id, bool_or(i.status = 'listed') as listed, array_agg(li.last_day) filter (where i.status = 'suspended') as suspended_until
        from institutions i left join last_days li on li.institution_id = i.id
        where i.status in ('listed', 'suspended') group by 1)
      select o.id as "orgId", o.name, o.region_code as "regionCode", g.code as "groupCode",
        (select r.full_name from regions r where r.code = g.code) as "groupName",
        coalesce(f.listed, false) as listed, f.suspended_until as "suspendedUntil"
      from organisations o cross join lateral (select rpad(substr(o.region_code, 1, ${sql.placeholder('digits')}::int), 6, '0')::char(6) as code) g
      left join filings f on f.org_id = o.id
      where ${scopedSchoolsWhere(sql`coalesce(o.school_type, '') <> 'general_bachelor'`)}
      order by o.region_code, o.name`;

/**
 * The two coverage dashboards are this module's hot reads (issue 15: over a province, within 1.5× of the raw SQL): each
 * one statement, prepared once per database handle — on PostgreSQL a named statement, parsed once per connection and
 * then run from its generic plan, so a call is one round trip with neither parsing nor planning. The rows come back as
 * the driver parses them (no per-field mapping by the query builder: at 480 rows that mapping cost more than the query).
 */
interface RawPrepared<T> {
  execute(values: Record<string, unknown>): Promise<{ rows: T[] }>;
}
const dialect = new PgDialect();
const prepared = new WeakMap<Executor, { coverage: RawPrepared<MajorCoverageRow>; filing: RawPrepared<SchoolFilingRow> }>();

function preparedOf(ex: Executor) {
  let q = prepared.get(ex);
  if (!q) {
    const prepare = <T>(name: string, query: SQL) => ex._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false) as unknown as RawPrepared<T>;
    q = { coverage: prepare('statistics_major_coverage', COVERAGE), filing: prepare('statistics_filing_coverage', FILING) };
    prepared.set(ex, q);
  }
  return q;
}

/** Every major of the schools in scope with how it is covered (COVERAGE). */
export async function majorsWithCoverage(ex: Executor, scope: StatScope): Promise<MajorCoverageRow[]> {
  return (await preparedOf(ex).coverage.execute({ prefix: scope.prefix, orgId: scope.orgId })).rows;
}

/** Vocational schools in scope with their filing standing and the region one level below the scope's (FILING). */
export async function schoolFilings(ex: Executor, scope: StatScope, digits: 2 | 4 | 6): Promise<SchoolFilingRow[]> {
  return (await preparedOf(ex).filing.execute({ prefix: scope.prefix, orgId: scope.orgId, digits })).rows;
}

// --- R12: 1+X ------------------------------------------------------------------------------------

export async function ourCertificatesByKind(ex: Executor, q: StatQuery) {
  return queryRows<{ kind: string; count: number }>(
    ex,
    sql`select m.kind, coalesce(sum(m.valid), 0)::int as count from certificate_monthly m join organisations o on o.id = m.org_id
      where ${monthlyFilters(q)} group by m.kind`,
  );
}

export async function externalCertificatesByKind(ex: Executor, q: StatQuery) {
  const parts: SQL[] = [sql`e.status = 'recorded'`, sql`e.issued_on >= ${q.since}`, sql`e.issued_on < ${q.until}`, sql`o.kind = 'school'`, orgIn(q.scope)];
  if (q.occupation) parts.push(sql`e.occupation_code = ${q.occupation}`);
  if (q.level) parts.push(sql`e.level = ${q.level}`);
  return queryRows<{ kind: string; count: number }>(
    ex,
    sql`select e.kind, count(*)::int as count from external_certificates e join organisations o on o.id = e.org_id
      where ${sql.join(parts, sql` and `)} group by e.kind`,
  );
}

// --- R11: skill-talent statistics ----------------------------------------------------------------

export interface HolderGroupRow {
  /** 1 = the total of the scope (every region, or every level when no level is asked for); 0 = one region and level. */
  gr: number;
  region: string | null;
  level: number | null;
  holders: number;
}

/**
 * Distinct holders of valid certificates now (the talent pool, not a period's issuance) by level per region (the first
 * `digits` of the holding organisation's region code, padded to 6), and in all: read from holder_counts, which the
 * trigger of migration 0021 keeps exact in the certificate's own transaction (a person counts once per scope and level
 * however many certificates they hold there; revoking one of two keeps them, revoking both removes them).
 */
export async function holderGroups(ex: Executor, scope: StatScope, digits: 2 | 4 | 6, level?: number): Promise<HolderGroupRow[]> {
  const d = sql.raw(String(digits));
  const total = level ?? 0;
  const levels = level ? sql`h.level = ${level}` : sql`h.level > 0`;
  if (scope.orgId) {
    return queryRows<HolderGroupRow>(
      ex,
      sql`select 1 as gr, null as region, null::int as level, h.holders from holder_counts h where h.scope_key = ${scope.orgId} and h.level = ${total} and h.holders > 0
        union all
        select 0 as gr, rpad(substr(o.region_code, 1, ${d}), 6, '0') as region, h.level::int as level, h.holders
        from holder_counts h join organisations o on o.id = ${scope.orgId}
        where h.scope_key = ${scope.orgId} and h.holders > 0 and ${levels}`,
    );
  }
  const prefix = scope.prefix ?? '';
  return queryRows<HolderGroupRow>(
    ex,
    sql`select 1 as gr, null as region, null::int as level, h.holders from holder_counts h where h.scope_key = ${prefix} and h.level = ${total} and h.holders > 0
      union all
      select 0 as gr, rpad(h.scope_key, 6, '0') as region, h.level::int as level, h.holders from holder_counts h
      where length(h.scope_key) = ${digits} and h.scope_key like ${`${prefix}%`} and h.holders > 0 and ${levels}`,
  );
}

/**
 * The same figure from certificates themselves, for a filter the rollup does not keep (one occupation): distinct holders
 * of valid certificates now, by level per region and in all.
 */
export async function holderGroupsOfOccupation(ex: Executor, scope: StatScope, digits: 2 | 4 | 6, occupation: string, level?: number) {
  const region = sql`substr(o.region_code, 1, ${sql.raw(String(digits))})`;
  const parts: SQL[] = [sql`c.status = 'valid'`, sql`c.level is not null`, sql`c.occupation_code = ${occupation}`, orgIn(scope)];
  if (level) parts.push(sql`c.level = ${level}`);
  return queryRows<HolderGroupRow>(
    ex,
    sql`select grouping(${region}, c.level)::int as gr, rpad(${region}, 6, '0') as region, c.level::int as level, count(distinct c.person_id)::int as holders
      from certificates c ${CERT_ORG}
      where ${sql.join(parts, sql` and `)}
      group by grouping sets ((), (${region}, c.level))`,
  );
}
