import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  candidateActivations,
  enrolments,
  institutions,
  majorOccupations,
  majors,
  occupations,
  organisations,
  persons,
  planParts,
  plans,
  planSittings,
  planSupervisors,
  serials,
  specialItems,
  users,
} from '../../db/schema.ts';

/** Rows per multi-row INSERT (PostgreSQL allows 65,535 parameters per statement). */
export const BATCH = 1000;

export async function findPlan(ex: Executor, planId: string, forUpdate = false) {
  const q = ex
    .select({
      id: plans.id,
      title: plans.title,
      orgId: plans.orgId,
      institutionId: plans.institutionId,
      status: plans.status,
      level: plans.level,
      occupationId: plans.occupationId,
      occupationCode: occupations.code,
      occupationName: occupations.name,
      specialItemName: specialItems.name,
      workType: plans.workType,
      candidateSources: plans.candidateSources,
      capacity: plans.capacity,
      profileId: plans.profileId,
      orgName: organisations.name,
      orgKind: organisations.kind,
      regionCode: organisations.regionCode,
      schoolType: organisations.schoolType,
      province: institutions.province,
      institutionCode: institutions.code,
      provinceSerial: institutions.provinceSerial,
    })
    .from(plans)
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .innerJoin(institutions, eq(institutions.id, plans.institutionId))
    .leftJoin(occupations, eq(occupations.id, plans.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, plans.specialItemId))
    .where(eq(plans.id, planId))
    .limit(1);
  const rows = forUpdate ? await q.for('update', { of: plans }) : await q;
  return rows[0];
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function partsAndSittings(ex: Executor, planId: string) {
  const parts = await ex.select({ id: planParts.id, kind: planParts.kind, position: planParts.position, name: planParts.name, durationMinutes: planParts.durationMinutes }).from(planParts).where(eq(planParts.planId, planId)).orderBy(asc(planParts.position));
  const sittings = await ex
    .select({
      id: planSittings.id,
      partId: planSittings.partId,
      position: planSittings.position,
      date: planSittings.date,
      startTime: planSittings.startTime,
      endTime: planSittings.endTime,
      site: planSittings.site,
      room: planSittings.room,
      capacity: planSittings.capacity,
    })
    .from(planSittings)
    .where(eq(planSittings.planId, planId))
    .orderBy(asc(planSittings.date), asc(planSittings.startTime), asc(planSittings.position));
  return { parts, sittings };
}

export async function isSupervisorOf(ex: Executor, planId: string, userId: string): Promise<boolean> {
  const rows = await ex.select({ u: planSupervisors.userId }).from(planSupervisors).where(and(eq(planSupervisors.planId, planId), eq(planSupervisors.userId, userId))).limit(1);
  return rows.length > 0;
}

export async function schoolMajors(ex: Executor, orgId: string) {
  return ex.select({ code: majors.code, name: majors.name }).from(majors).where(eq(majors.orgId, orgId)).orderBy(asc(majors.code));
}

export async function majorsOfOccupation(ex: Executor, occupationId: string | null) {
  if (!occupationId) return [];
  return ex.select({ code: majorOccupations.majorCode, name: majorOccupations.majorName }).from(majorOccupations).where(eq(majorOccupations.occupationId, occupationId));
}

export async function classesOfOrg(ex: Executor, orgId: string): Promise<string[]> {
  const rows = await ex.selectDistinct({ c: enrolments.className }).from(enrolments).where(eq(enrolments.orgId, orgId)).orderBy(asc(enrolments.className)).limit(500);
  return rows.map((r) => r.c).filter((c): c is string => Boolean(c));
}

/** Identity hashes (by type) of the plan's enrolled candidates, and how many there are. */
export async function enrolledKeys(ex: Executor, planId: string): Promise<Set<string>> {
  const rows = await ex
    .select({ t: persons.idType, h: persons.idHash })
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled')));
  return new Set(rows.map((r) => `${r.t}:${r.h}`));
}

export async function countEnrolled(ex: Executor, planId: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(enrolments).where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled')));
  return Number(row?.n ?? 0);
}

export interface NewPerson {
  idType: string;
  idCipher: string;
  idHash: string;
  name: string;
  gender: string;
  birthDate: string;
  phone: string | null;
}

/** Inserts persons not known yet (one per ID number); returns every given person's id and account. */
export async function upsertPersons(ex: Executor, people: NewPerson[]): Promise<Map<string, { id: string; userId: string | null }>> {
  const out = new Map<string, { id: string; userId: string | null }>();
  for (let i = 0; i < people.length; i += BATCH) {
    const chunk = people.slice(i, i + BATCH);
    const rows = await ex
      .insert(persons)
      .values(chunk)
      .onConflictDoUpdate({ target: [persons.idType, persons.idHash], set: { phone: sql`coalesce(excluded.phone, ${persons.phone})`, updatedAt: sql`now()` } })
      .returning({ id: persons.id, idType: persons.idType, idHash: persons.idHash, userId: persons.userId });
    for (const r of rows) out.set(`${r.idType}:${r.idHash}`, { id: r.id, userId: r.userId });
  }
  return out;
}

export type NewEnrolment = typeof enrolments.$inferInsert;

export async function insertEnrolments(ex: Executor, rows: NewEnrolment[]): Promise<{ id: string; personId: string }[]> {
  const out: { id: string; personId: string }[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    out.push(...(await ex.insert(enrolments).values(rows.slice(i, i + BATCH)).returning({ id: enrolments.id, personId: enrolments.personId })));
  }
  return out;
}

/** Allocates `n` consecutive values of a named counter; returns the first. */
export async function allocateSerial(ex: Executor, name: string, n: number): Promise<number> {
  const [row] = await ex
    .insert(serials)
    .values({ name, value: n })
    .onConflictDoUpdate({ target: serials.name, set: { value: sql`${serials.value} + ${n}` } })
    .returning({ value: serials.value });
  return (row?.value ?? n) - n + 1;
}

export interface NewCandidateAccount {
  personId: string;
  username: string;
  displayName: string;
  orgId: string;
  codeHash: string;
}

/**
 * Candidate accounts for persons without one: the user (no usable password until activation), the activation code's
 * hash, and the person linked to the user.
 */
export async function createCandidateAccounts(ex: Executor, accounts: NewCandidateAccount[]): Promise<Map<string, string>> {
  const userOf = new Map<string, string>();
  for (let i = 0; i < accounts.length; i += BATCH) {
    const chunk = accounts.slice(i, i + BATCH);
    const created = await ex
      .insert(users)
      // '!' is no argon2 hash: no password verifies against it until the candidate activates the account.
      .values(chunk.map((a) => ({ username: a.username, displayName: a.displayName, role: 'candidate', orgId: a.orgId, passwordHash: '!activation-pending' })))
      .returning({ id: users.id, username: users.username });
    const idOf = new Map(created.map((u) => [u.username, u.id]));
    await ex.insert(candidateActivations).values(chunk.map((a) => ({ userId: idOf.get(a.username)!, personId: a.personId, codeHash: a.codeHash })));
    for (const a of chunk) userOf.set(a.personId, idOf.get(a.username)!);
  }
  const ids = [...userOf.entries()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    await ex.execute(sql`update persons set user_id = v.user_id::uuid from (values ${sql.join(chunk.map(([p, u]) => sql`(${p}, ${u})`), sql`, `)}) as v(person_id, user_id) where persons.id = v.person_id::uuid`);
  }
  return userOf;
}

const listColumns = {
  id: enrolments.id,
  planId: enrolments.planId,
  personId: enrolments.personId,
  name: persons.name,
  idType: persons.idType,
  idCipher: persons.idCipher,
  gender: persons.gender,
  birthDate: persons.birthDate,
  phone: persons.phone,
  hasPhoto: sql<boolean>`${persons.photo} is not null`,
  category: enrolments.category,
  societyKind: enrolments.societyKind,
  schoolName: enrolments.schoolName,
  majorCode: enrolments.majorCode,
  majorName: enrolments.majorName,
  className: enrolments.className,
  graduatingYear: enrolments.graduatingYear,
  attempts: enrolments.attempts,
  status: enrolments.status,
  createdAt: enrolments.createdAt,
  username: users.username,
  activatedAt: candidateActivations.activatedAt,
  pendingActivation: sql<boolean>`${candidateActivations.userId} is not null and ${candidateActivations.activatedAt} is null`,
};

export interface EnrolmentFilter {
  q?: string | undefined;
  withoutPhoto?: boolean;
  ids?: string[];
}

function filterOf(planId: string, f: EnrolmentFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(enrolments.planId, planId)];
  if (f.q) conds.push(or(ilike(persons.name, `%${f.q}%`), ilike(enrolments.className, `%${f.q}%`)));
  if (f.withoutPhoto) conds.push(isNull(persons.photo));
  if (f.ids) conds.push(inArray(enrolments.id, f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']));
  return and(...conds);
}

export async function listEnrolments(ex: Executor, planId: string, f: EnrolmentFilter, limit: number, offset: number) {
  const where = filterOf(planId, f);
  const rows = await ex
    .select(listColumns)
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .leftJoin(users, eq(users.id, persons.userId))
    .leftJoin(candidateActivations, eq(candidateActivations.userId, persons.userId))
    .where(where)
    .orderBy(asc(enrolments.className), asc(persons.name), asc(enrolments.id))
    .limit(limit)
    .offset(offset);
  const [total] = await ex.select({ n: count() }).from(enrolments).innerJoin(persons, eq(persons.id, enrolments.personId)).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}
export type EnrolmentRow = Awaited<ReturnType<typeof listEnrolments>>['rows'][number];

export async function findEnrolment(ex: Executor, planId: string, enrolmentId: string) {
  const { rows } = await listEnrolments(ex, planId, { ids: [enrolmentId] }, 1, 0);
  return rows[0];
}

/** Re-issue activation codes for accounts not activated yet. */
export async function setActivationCode(ex: Executor, userId: string, codeHash: string): Promise<void> {
  await ex.update(candidateActivations).set({ codeHash, issuedAt: new Date() }).where(and(eq(candidateActivations.userId, userId), isNull(candidateActivations.activatedAt)));
}

export async function userIdOfPerson(ex: Executor, personId: string): Promise<string | null> {
  const [row] = await ex.select({ u: persons.userId }).from(persons).where(eq(persons.id, personId)).limit(1);
  return row?.u ?? null;
}
