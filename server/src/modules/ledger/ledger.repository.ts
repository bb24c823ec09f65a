import type { LedgerPart } from '@skillcert/shared/api/ledger';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

/**
 * 工作台账 (R14) — raw SQL over the plans in scope and period. Every part starts from the same set of plans
 * (`scopedPlans`): the reader's scope, the institution, the plan, the occupation, and the plan's day (its first
 * sitting, else the day it was drafted) within the period. Complaints are per institution (lodged in the period).
 */
export type LedgerScope = { kind: 'all' } | { kind: 'region'; regionCode: string } | { kind: 'org'; orgId: string };

export interface LedgerCriteria {
  scope: LedgerScope;
  from: string;
  to: string;
  institutionId?: string | undefined;
  planId?: string | undefined;
  occupationCode?: string | undefined;
}

export type LedgerRow = Record<string, string | number | null> & { _idCipher?: string | null };

function scopeSql(scope: LedgerScope, orgAlias: string): SQL {
  const o = sql.raw(orgAlias);
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return sql`${o}.region_code like ${`${regionPrefix(scope.regionCode)}%`}`;
    case 'org':
      return sql`${o}.id = ${scope.orgId}`;
  }
}

/** The plans of the ledger as a CTE `lp` (id, title, org name, occupation, level, plan day). */
function plansCte(c: LedgerCriteria): SQL {
  return sql`with lp as (
    select p.id, p.title, p.status, p.level, p.method, p.capacity, p.org_id, p.institution_id, p.acknowledged_at, p.created_at,
           o.name as org_name, coalesce(oc.name, si.name, '') as occupation_name, coalesce(oc.code, si.code, '') as occupation_code,
           p.work_type,
           coalesce((select min(s.date) from plan_sittings s where s.plan_id = p.id), p.created_at::date) as plan_day
      from plans p
      join organisations o on o.id = p.org_id
      left join occupations oc on oc.id = p.occupation_id
      left join special_items si on si.id = p.special_item_id
     where ${scopeSql(c.scope, 'o')}
       ${c.institutionId ? sql`and p.institution_id = ${c.institutionId}` : sql``}
       ${c.planId ? sql`and p.id = ${c.planId}` : sql``}
       ${c.occupationCode ? sql`and coalesce(oc.code, si.code) = ${c.occupationCode}` : sql``}
  ), lpp as (select * from lp where plan_day between ${c.from}::date and ${c.to}::date) `;
}

const PART_SQL: Record<LedgerPart, (c: LedgerCriteria) => { select: SQL; order: SQL }> = {
  plans: () => ({
    select: sql`select lpp.id as "planId", lpp.org_name as "institution", lpp.title as "title", lpp.occupation_name as "occupation",
        lpp.occupation_code as "occupationCode", lpp.level as "level", lpp.method as "method", lpp.status as "status", lpp.capacity as "capacity",
        (select count(*)::int from enrolments e where e.plan_id = lpp.id and e.status = 'enrolled') as "enrolled",
        to_char(lpp.plan_day, 'YYYY-MM-DD') as "planDay",
        to_char(lpp.acknowledged_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "acknowledgedAt"
      from lpp`,
    order: sql`order by lpp.plan_day desc, lpp.title`,
  }),
  candidates: () => ({
    select: sql`select e.id as "enrolmentId", lpp.org_name as "institution", lpp.title as "plan", pe.name as "name", pe.id_cipher as "_idCipher",
        pe.gender as "gender", e.category as "category", e.major_name as "major", e.class_name as "className", e.graduating_year as "graduatingYear", e.status as "status"
      from lpp join enrolments e on e.plan_id = lpp.id join persons pe on pe.id = e.person_id`,
    order: sql`order by lpp.plan_day desc, lpp.title, pe.name, e.id`,
  }),
  marks: () => ({
    select: sql`select m.id as "markId", lpp.title as "plan", pe.name as "name", pp.kind as "part", left(it.stem, 40) as "item", u.display_name as "examiner",
        m.round as "round", m.total as "score", m.source as "source", to_char(m.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "at"
      from lpp join marks m on m.plan_id = lpp.id join enrolments e on e.id = m.enrolment_id join persons pe on pe.id = e.person_id
      join plan_parts pp on pp.id = m.part_id join items it on it.id = m.item_id join users u on u.id = m.examiner_id`,
    order: sql`order by lpp.title, pe.name, pp.position, it.id, m.round, m.id`,
  }),
  results: () => ({
    select: sql`select e.id || ':' || pp.id as "resultId", lpp.title as "plan", pe.name as "name", pe.id_cipher as "_idCipher", pp.kind as "part",
        r.score as "score", pp.pass_mark as "passMark",
        case when r.absent then '缺考' when r.score is null then '待定' when r.score >= pp.pass_mark then '合格' else '不合格' end as "verdict",
        case when r.substituted then '是' else '否' end as "substituted"
      from lpp join part_results r on r.plan_id = lpp.id join enrolments e on e.id = r.enrolment_id join persons pe on pe.id = e.person_id
      join plan_parts pp on pp.id = r.part_id`,
    order: sql`order by lpp.title, pe.name, pp.position, e.id`,
  }),
  certificates: () => ({
    select: sql`select c.id as "certificateId", c.number as "number", c.holder_name as "name", pe.id_cipher as "_idCipher", c.masked_id_number as "maskedId",
        c.occupation_name as "occupation", c.level as "level", c.issued_on as "issuedOn", c.status as "status", lpp.title as "plan", c.issuer_name as "issuer"
      from lpp join certificates c on c.plan_id = lpp.id join persons pe on pe.id = c.person_id`,
    order: sql`order by c.number`,
  }),
  examiners: () => ({
    select: sql`select st.id as "staffId", lpp.title as "plan", to_char(s.date, 'YYYY-MM-DD') || ' ' || s.start_time as "sitting", s.room as "room",
        st.role as "role", st.name as "name", st.certificate_no as "certificateNo"
      from lpp join plan_staff st on st.plan_id = lpp.id join plan_sittings s on s.id = st.sitting_id`,
    order: sql`order by lpp.title, s.date, s.start_time, st.role, st.name, st.id`,
  }),
  supervisors: () => ({
    select: sql`select lpp.id || ':' || u.id as "assignmentId", lpp.title as "plan", u.display_name as "name", o.name as "bureau",
        to_char(ps.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "assignedAt",
        (select count(*)::int from inspection_reports ir where ir.plan_id = lpp.id and ir.supervisor_id = u.id) as "reports"
      from lpp join plan_supervisors ps on ps.plan_id = lpp.id join users u on u.id = ps.user_id join organisations o on o.id = u.org_id`,
    order: sql`order by lpp.title, u.display_name`,
  }),
  objections: () => ({
    select: sql`select ob.id as "objectionId", lpp.title as "plan", ob.tracking_code as "trackingCode", ob.status as "status", ob.text as "text", ob.answer as "answer",
        to_char(ob.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt",
        to_char(ob.answered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "answeredAt"
      from lpp join objections ob on ob.plan_id = lpp.id`,
    order: sql`order by ob.created_at desc, ob.id`,
  }),
  complaints: (c) => ({
    select: sql`select cp.id as "complaintId", o.name as "institution", cp.tracking_code as "trackingCode", cp.status as "status", cp.matter as "matter", cp.answer as "answer",
        to_char(cp.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt",
        to_char(cp.answered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "answeredAt"
      from complaints cp join organisations o on o.id = cp.org_id
     where ${scopeSql(c.scope, 'o')}
       ${c.institutionId ? sql`and cp.institution_id = ${c.institutionId}` : sql``}
       and (cp.created_at at time zone 'Asia/Shanghai')::date between ${c.from}::date and ${c.to}::date`,
    order: sql`order by cp.created_at desc, cp.id`,
  }),
};

/** One page of a part (or all rows when `limit` is null), in the part's order. */
export async function partRows(ex: Executor, part: LedgerPart, c: LedgerCriteria, limit: number | null, offset = 0): Promise<LedgerRow[]> {
  const { select, order } = PART_SQL[part](c);
  const page = limit === null ? sql`` : sql`limit ${limit} offset ${offset}`;
  return queryRows<LedgerRow>(ex, sql`${plansCte(c)} ${select} ${order} ${page}`);
}

export async function partCount(ex: Executor, part: LedgerPart, c: LedgerCriteria): Promise<number> {
  const { select } = PART_SQL[part](c);
  const rows = await queryRows<{ n: number }>(ex, sql`${plansCte(c)} select count(*)::int as n from (${select}) x`);
  return Number(rows[0]?.n ?? 0);
}

/** The institution's organisation (to check scope) — the ledger is asked for by institution. */
export async function institutionOrg(ex: Executor, institutionId: string) {
  const rows = await queryRows<{ id: string; kind: string; region_code: string }>(
    ex,
    sql`select o.id, o.kind, o.region_code from institutions i join organisations o on o.id = i.org_id where i.id = ${institutionId}`,
  );
  return rows[0];
}

/** A plan with its organisation (the batch archive's subject). */
export async function planOrg(ex: Executor, planId: string) {
  const rows = await queryRows<{ id: string; title: string; org_id: string; kind: string; region_code: string; status: string }>(
    ex,
    sql`select p.id, p.title, p.org_id, o.kind, o.region_code, p.status from plans p join organisations o on o.id = p.org_id where p.id = ${planId}`,
  );
  return rows[0];
}

// --- 一批一档: one plan's records beyond the ledger's parts ------------------------------------------------------

type Cells = Record<string, string | number | null>;

/** The filed plan: its parts and sittings (the plan row itself is the ledger's plans part). */
export async function planPartsAndSittings(ex: Executor, planId: string): Promise<Cells[]> {
  return queryRows<Cells>(
    ex,
    sql`select pp.kind as "part", pp.pass_mark as "passMark", pp.duration_minutes as "minutes",
        to_char(s.date, 'YYYY-MM-DD') as "date", s.start_time as "start", s.end_time as "end", s.site as "site", s.room as "room", s.capacity as "capacity"
      from plan_parts pp left join plan_sittings s on s.part_id = pp.id
     where pp.plan_id = ${planId} order by pp.position, s.position`,
  );
}

/** 签到表: every seat of every sitting, with the sign-in and identity check of the online attempt when there is one. */
export async function signInSheet(ex: Executor, planId: string): Promise<(Cells & { _idCipher: string })[]> {
  return queryRows(
    ex,
    sql`select to_char(s.date, 'YYYY-MM-DD') || ' ' || s.start_time as "sitting", s.room as "room", sa.seat as "seat", sa.exam_number as "examNumber",
        pe.name as "name", pe.id_cipher as "_idCipher",
        to_char(a.signed_in_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "signedInAt",
        to_char(a.identity_confirmed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "identityConfirmedAt",
        coalesce(a.status, '') as "attempt"
      from seat_assignments sa join plan_sittings s on s.id = sa.sitting_id join enrolments e on e.id = sa.enrolment_id join persons pe on pe.id = e.person_id
      left join exam_attempts a on a.seat_assignment_id = sa.id
     where sa.plan_id = ${planId} order by s.date, s.start_time, s.room, sa.seat`,
  );
}

/** 考场记录: the sittings' events (counts per kind), the supervisors' inspection reports and flags. */
export async function roomRecords(ex: Executor, planId: string): Promise<{ events: Cells[]; reports: Cells[]; flags: Cells[] }> {
  const [events, reports, flags] = await Promise.all([
    queryRows<Cells>(
      ex,
      sql`select to_char(s.date, 'YYYY-MM-DD') || ' ' || s.start_time as "sitting", s.room as "room", ev.kind as "kind", count(*)::int as "count",
          to_char(min(ev.at) at time zone 'Asia/Shanghai', 'HH24:MI:SS') as "first", to_char(max(ev.at) at time zone 'Asia/Shanghai', 'HH24:MI:SS') as "last"
        from exam_events ev join plan_sittings s on s.id = ev.sitting_id
       where s.plan_id = ${planId} group by s.date, s.start_time, s.room, ev.kind order by s.date, s.start_time, s.room, ev.kind`,
    ),
    queryRows<Cells>(
      ex,
      sql`select to_char(ir.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "at", u.display_name as "supervisor",
          coalesce(to_char(s.date, 'YYYY-MM-DD') || ' ' || s.room, '') as "sitting", ir.findings as "findings",
          array_to_string(array(select jsonb_array_elements_text(ir.irregularities)), '；') as "irregularities"
        from inspection_reports ir join users u on u.id = ir.supervisor_id left join plan_sittings s on s.id = ir.sitting_id
       where ir.plan_id = ${planId} order by ir.created_at, ir.id`,
    ),
    queryRows<Cells>(
      ex,
      sql`select to_char(f.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "at", f.reason as "reason", f.status as "status",
          coalesce(f.resolution, '') as "resolution"
        from supervision_flags f where f.plan_id = ${planId} order by f.created_at, f.id`,
    ),
  ]);
  return { events, reports, flags };
}

/** The papers of the plan's parts, item by item; answers are read only when the caller may show them. */
export async function paperItemsOf(ex: Executor, planId: string): Promise<(Cells & { _answer: unknown; _referenceAnswer: string | null })[]> {
  return queryRows(
    ex,
    sql`select pa.name as "paper", pa.variant as "variant", pi.position as "position", it.type as "type", it.stem as "stem", pi.points as "points",
        it.answer as "_answer", it.reference_answer as "_referenceAnswer"
      from plan_parts pp join papers pa on pa.id = pp.paper_id join paper_items pi on pi.paper_id = pa.id join items it on it.id = pi.item_id
     where pp.plan_id = ${planId} order by pp.position, pi.position`,
  );
}

export async function publicitySnapshot(ex: Executor, planId: string): Promise<{ opensAt: string; closesAt: string; snapshot: unknown } | undefined> {
  const rows = await queryRows<{ opensAt: string; closesAt: string; snapshot: unknown }>(
    ex,
    sql`select to_char(opens_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "opensAt", to_char(closes_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "closesAt", snapshot
      from publicities where plan_id = ${planId}`,
  );
  return rows[0];
}

/** A job of this kind and parameters by this user that has not finished (re-running joins it). */
export async function unfinishedJob(ex: Executor, kind: string, createdBy: string, params: unknown): Promise<string | undefined> {
  const rows = await queryRows<{ id: string }>(
    ex,
    sql`select id from jobs where kind = ${kind} and created_by = ${createdBy} and status in ('queued', 'running') and params = ${JSON.stringify(params)}::jsonb limit 1`,
  );
  return rows[0]?.id;
}
