import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
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
import { containing } from '../../db/like.ts';

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
  const parts = await ex
    .select({ id: planParts.id, kind: planParts.kind, position: planParts.position, name: planParts.name, durationMinutes: planParts.durationMinutes })
    .from(planParts)
    .where(eq(planParts.planId, planId))
    .orderBy(asc(planParts.position));
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
  const rows = await ex
    .select({ u: planSupervisors.userId })
    .from(planSupervisors)
    .where(and(eq(planSupervisors.planId, planId), eq(planSupervisors.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

export async function schoolMajors(ex: Executor, orgId: string) {
  return ex.select({ code: majors.code, name: majors.name }).from(majors).where(eq(majors.orgId, orgId)).orderBy(asc(majors.code));
}

export async function majorsOfOccupation(ex: Executor, occupationId: string | null) {
  if (!occupationId) return [];
  return ex
    .select({ code: majorOccupations.majorCode, name: majorOccupations.majorName })
    .from(majorOccupations)
    .where(eq(majorOccupations.occupationId, occupationId));
}

export async function classesOfOrg(ex: Executor, orgId: string): Promise<string[]> {
  const rows = await ex
    .selectDistinct({ c: enrolments.className })
    .from(enrolments)
    .where(eq(enrolments.orgId, orgId))
    .orderBy(asc(enrolments.className))
    .limit(500);
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
  const [row] = await ex
    .select({ n: count() })
    .from(enrolments)
    .where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled')));
  return Number(row?.n ?? 0);
}

export type NewPerson = typeof persons.$inferInsert;

/** Persons already known, by `idType:idHash`. */
export async function findPersons(ex: Executor, keys: { idType: string; idHash: string }[]): Promise<Map<string, { id: string; userId: string | null }>> {
  const out = new Map<string, { id: string; userId: string | null }>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    const rows = await ex
      .select({ id: persons.id, idType: persons.idType, idHash: persons.idHash, userId: persons.userId })
      .from(persons)
      .where(
        inArray(
          persons.idHash,
          chunk.map((k) => k.idHash),
        ),
      );
    for (const r of rows) out.set(`${r.idType}:${r.idHash}`, { id: r.id, userId: r.userId });
  }
  return out;
}

/** Inserts new persons (ids given); returns how many were inserted (fewer: another import took one meanwhile). */
export async function insertPersons(ex: Executor, people: NewPerson[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < people.length; i += BATCH) {
    n += (
      await ex
        .insert(persons)
        .values(people.slice(i, i + BATCH))
        .onConflictDoNothing()
        .returning({ id: persons.id })
    ).length;
  }
  return n;
}

export interface NewCandidateUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
}

/** Candidate users with no usable password: '!' is no argon2 hash, nothing verifies against it until activation. */
export async function insertCandidateUsers(ex: Executor, accounts: NewCandidateUser[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += BATCH) {
    await ex.insert(users).values(accounts.slice(i, i + BATCH).map((a) => ({ ...a, role: 'candidate', passwordHash: '!activation-pending' })));
  }
}

/** Links an existing person (who had no account) to a new candidate account with its activation code. */
export async function linkAccount(ex: Executor, personId: string, userId: string, codeHash: string): Promise<void> {
  await ex.update(persons).set({ userId, activationCodeHash: codeHash, activationIssuedAt: new Date(), updatedAt: new Date() }).where(eq(persons.id, personId));
}

export type NewEnrolment = typeof enrolments.$inferInsert;

export async function insertEnrolments(ex: Executor, rows: NewEnrolment[]): Promise<{ id: string; personId: string }[]> {
  const out: { id: string; personId: string }[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    out.push(
      ...(await ex
        .insert(enrolments)
        .values(rows.slice(i, i + BATCH))
        .returning({ id: enrolments.id, personId: enrolments.personId })),
    );
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
  activatedAt: persons.activatedAt,
  pendingActivation: sql<boolean>`${persons.userId} is not null and ${persons.activatedAt} is null`,
};

export interface EnrolmentFilter {
  q?: string | undefined;
  withoutPhoto?: boolean;
  ids?: string[];
}

function filterOf(planId: string, f: EnrolmentFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(enrolments.planId, planId)];
  if (f.q) conds.push(or(ilike(persons.name, containing(f.q)), ilike(enrolments.className, containing(f.q))));
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

/** A new activation code for an account not activated yet. */
export async function setActivationCode(ex: Executor, personId: string, codeHash: string): Promise<void> {
  await ex
    .update(persons)
    .set({ activationCodeHash: codeHash, activationIssuedAt: new Date() })
    .where(and(eq(persons.id, personId), isNull(persons.activatedAt)));
}

export async function userIdOfPerson(ex: Executor, personId: string): Promise<string | null> {
  const [row] = await ex.select({ u: persons.userId }).from(persons).where(eq(persons.id, personId)).limit(1);
  return row?.u ?? null;
}
