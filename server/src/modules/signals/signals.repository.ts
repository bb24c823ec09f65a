import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Executor } from '../../db/client.ts';
import { institutions, organisations, signals } from '../../db/schema.ts';
import { type AnswerRow, bankResponse, type ChangedPlan, type CopyItemKeys, type MarkRow, type PassRow, type SittingEvents } from './signals.rules.ts';

export type SignalRow = typeof signals.$inferSelect;

/** Region filter on an institution's organisation (a bureau's region prefix). */
const inRegion = (prefix: string) => sql`o.region_code like ${`${prefix}%`}`;

/**
 * Candidates and passes per institution, occupation and level, across every institution (the norm needs them all): a
 * candidate passes when every part result is present, not absent, and at least 60.
 */
export async function passRows(ex: Executor): Promise<PassRow[]> {
  return queryRows<PassRow>(
    ex,
    sql`select p.institution_id as "institutionId", coalesce(oc.code, p.special_item_id::text) as occupation, p.level as level,
               count(*)::int as candidates, count(*) filter (where r.ok)::int as passed
          from (select pr.plan_id, pr.enrolment_id, bool_and(not pr.absent and coalesce(pr.score, 0) >= 60) as ok
                  from part_results pr group by pr.plan_id, pr.enrolment_id) r
          join plans p on p.id = r.plan_id
          left join occupations oc on oc.id = p.occupation_id
         where p.institution_id is not null
         group by p.institution_id, coalesce(oc.code, p.special_item_id::text), p.level`,
  );
}

/** First-round marks of the region's plans, per plan: examiner, what was marked, total. */
export async function markRows(ex: Executor, prefix: string): Promise<{ planId: string; institutionId: string; rows: MarkRow[] }[]> {
  const rows = await queryRows<MarkRow & { planId: string; institutionId: string }>(
    ex,
    sql`select m.plan_id as "planId", p.institution_id as "institutionId", m.examiner_id as "examinerId", u.display_name as "examinerName",
               m.enrolment_id::text || '|' || m.item_id::text as subject, m.total as total
          from marks m join plans p on p.id = m.plan_id join users u on u.id = m.examiner_id
          join organisations o on o.id = p.org_id
         where m.round = 'first' and p.institution_id is not null and ${inRegion(prefix)}`,
  );
  const byPlan = new Map<string, { planId: string; institutionId: string; rows: MarkRow[] }>();
  for (const r of rows) {
    const e = byPlan.get(r.planId) ?? { planId: r.planId, institutionId: r.institutionId, rows: [] };
    e.rows.push({ examinerId: r.examinerId, examinerName: r.examinerName, subject: r.subject, total: Number(r.total) });
    byPlan.set(r.planId, e);
  }
  return [...byPlan.values()];
}

export interface SittingAnswers {
  sittingId: string;
  planId: string;
  institutionId: string;
  rows: AnswerRow[];
}

/**
 * The objective answers of the submitted attempts of the region's sittings, in the bank's option keys: each stored answer
 * is mapped back through its attempt's copy (layout: the option order the candidate saw), and right or wrong is what
 * objective marking recorded for it (item_responses: full marks = right). Candidates are named by exam number.
 */
export async function sittingAnswers(ex: Executor, prefix: string): Promise<SittingAnswers[]> {
  const attempts = await queryRows<{
    id: string;
    sittingId: string;
    planId: string;
    institutionId: string;
    examNumber: string;
    layout: (CopyItemKeys & { itemId: string })[];
  }>(
    ex,
    sql`select a.id, a.sitting_id as "sittingId", a.plan_id as "planId", p.institution_id as "institutionId", a.exam_number as "examNumber", a.layout
          from exam_attempts a join plans p on p.id = a.plan_id join organisations o on o.id = p.org_id
         where a.status = 'submitted' and p.institution_id is not null and ${inRegion(prefix)}`,
  );
  if (!attempts.length) return [];
  const answers = await queryRows<{ attemptId: string; itemId: string; response: unknown; correct: boolean }>(
    ex,
    sql`select e.attempt_id as "attemptId", e.item_id as "itemId", e.response, r.score >= r.max_score as correct
          from exam_answers e join exam_attempts a on a.id = e.attempt_id
          join item_responses r on r.paper_id = a.paper_id and r.candidate = a.exam_number and r.item_id = e.item_id
          join plans p on p.id = a.plan_id join organisations o on o.id = p.org_id
         where a.status = 'submitted' and p.institution_id is not null and ${inRegion(prefix)}`,
  );
  const byAttempt = new Map<string, typeof answers>();
  for (const r of answers) byAttempt.set(r.attemptId, [...(byAttempt.get(r.attemptId) ?? []), r]);
  const out = new Map<string, SittingAnswers>();
  for (const a of attempts) {
    const s = out.get(a.sittingId) ?? { sittingId: a.sittingId, planId: a.planId, institutionId: a.institutionId, rows: [] };
    const copy = new Map(a.layout.map((i) => [i.itemId, i]));
    for (const r of byAttempt.get(a.id) ?? []) {
      const item = copy.get(r.itemId);
      const response = item ? bankResponse(item, r.response) : null;
      if (response !== null) s.rows.push({ candidate: a.examNumber, itemId: r.itemId, response, correct: r.correct });
    }
    out.set(a.sittingId, s);
  }
  return [...out.values()];
}

/** Integrity events per sitting of the region's plans, with the sitting's attempts. */
export async function sittingEvents(ex: Executor, prefix: string): Promise<SittingEvents[]> {
  const rows = await queryRows<{ sittingId: string; planId: string; institutionId: string; attempts: number; kind: string | null; n: number }>(
    ex,
    sql`select a.sitting_id as "sittingId", a.plan_id as "planId", p.institution_id as "institutionId",
               (select count(*)::int from exam_attempts a2 where a2.sitting_id = a.sitting_id) as attempts, e.kind as kind, count(e.id)::int as n
          from exam_attempts a join plans p on p.id = a.plan_id join organisations o on o.id = p.org_id
          left join exam_events e on e.attempt_id = a.id
         where p.institution_id is not null and ${inRegion(prefix)}
         group by a.sitting_id, a.plan_id, p.institution_id, e.kind`,
  );
  const out = new Map<string, SittingEvents>();
  for (const r of rows) {
    const s = out.get(r.sittingId) ?? { sittingId: r.sittingId, planId: r.planId, institutionId: r.institutionId, attempts: r.attempts, counts: {} };
    if (r.kind) s.counts[r.kind] = r.n;
    out.set(r.sittingId, s);
  }
  return [...out.values()];
}

/** Acknowledged change requests of the region's plans, with the plan's first sitting and its lead days. */
export async function changedPlans(ex: Executor, prefix: string): Promise<ChangedPlan[]> {
  return queryRows<ChangedPlan>(
    ex,
    sql`select c.plan_id as "planId", p.institution_id as "institutionId", c.id as "changeId",
               to_char(coalesce(c.decided_at, c.created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "changedOn",
               (select to_char(min(s.date), 'YYYY-MM-DD') from plan_sittings s where s.plan_id = c.plan_id) as "firstSitting",
               coalesce(p.lead_days, 0)::int as "leadDays"
          from plan_change_requests c join plans p on p.id = c.plan_id join organisations o on o.id = p.org_id
         where c.status = 'acknowledged' and p.institution_id is not null and ${inRegion(prefix)}`,
  ).then((rows) => rows.filter((r) => r.firstSitting !== null));
}

/** Institutions of the region (ids), to keep the pass-rate signals of the bureau's own institutions. */
export async function institutionRegions(ex: Executor): Promise<Map<string, { regionCode: string; name: string }>> {
  const rows = await ex
    .select({ id: institutions.id, regionCode: organisations.regionCode, name: organisations.name })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId));
  return new Map(rows.map((r) => [r.id, { regionCode: r.regionCode, name: r.name }]));
}

/** Stores a detected signal once (kind + key); an existing one keeps its status and decision. */
export async function upsert(ex: Executor, v: typeof signals.$inferInsert): Promise<boolean> {
  const rows = await ex
    .insert(signals)
    .values(v)
    .onConflictDoNothing({ target: [signals.kind, signals.key] })
    .returning({ id: signals.id });
  return rows.length > 0;
}

export async function list(ex: Executor, f: { regionPrefix?: string; status?: string | undefined }, page: number, pageSize: number) {
  const where: SQL[] = [];
  if (f.regionPrefix !== undefined) where.push(sql`${signals.regionCode} like ${`${f.regionPrefix}%`}`);
  if (f.status) where.push(eq(signals.status, f.status));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    ex
      .select({ s: signals, institutionName: organisations.name })
      .from(signals)
      .leftJoin(institutions, eq(institutions.id, signals.institutionId))
      .leftJoin(organisations, eq(organisations.id, institutions.orgId))
      .where(cond)
      .orderBy(desc(signals.detectedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(signals).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function find(ex: Executor, id: string, forUpdate = false) {
  const q = ex
    .select({ s: signals, institutionName: organisations.name })
    .from(signals)
    .leftJoin(institutions, eq(institutions.id, signals.institutionId))
    .leftJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(eq(signals.id, id))
    .limit(1);
  const rows = forUpdate ? await q.for('update', { of: signals }) : await q;
  return rows[0];
}

export async function update(ex: Executor, id: string, v: Partial<typeof signals.$inferInsert>) {
  await ex.update(signals).set(v).where(eq(signals.id, id));
}
