import { maskName } from '@skillcert/shared/validators/mask';
import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { certificateBatches, certificates, enrolments, partResults, persons, planParts, plans, publicities, users } from '../db/schema.ts';
import { issueChunk, revokeCertificate } from '../modules/certificates/certificates.service.ts';
import { signerOfKit } from '../certificate-signer.ts';
import type { CredentialsKit } from '../modules/credentials/credentials.service.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { as } from './demo-filings.ts';

const DEMO_TITLE = '工业机器人系统操作员（四级）2026 年春季认定（已发证演示）';
const PEOPLE = ['段誉', '王语嫣', '钟灵', '木婉清', '虚竹', '萧峰'];

function demoId(i: number): string {
  const body = `31011520050${3 + (i % 6)}1${i}${String(200 + i * 2 + (i % 2)).slice(-3)}`;
  return body + idCardCheckChar(body);
}

/**
 * A plan whose evaluation is over (results recorded, publicity closed a week ago), written straight to the tables,
 * and four of its six candidates' certificates issued through the real issuance (numbers, status entries, signed
 * credentials), one of them revoked; the school issues the other two with its next batch.
 * The demo candidate 段誉 holds one, so the holder's page shows it. (The results module's own demo plan in publicity
 * is not used here: its publicity is still running on first start.)
 */
export async function seedDemoCertificates(db: Db, vault: IdentityVault, credentials: CredentialsKit, origin: string): Promise<void> {
  const school = await as(db, 'lg_school_admin');
  const hr = await as(db, 'sh_hr');
  const [robot] = await db.select().from(plans).where(eq(plans.orgId, school.actor.orgId)).orderBy(asc(plans.createdAt)).limit(1);
  if (!robot) throw new Error('demo certificates: the school has no plan');
  const day = 86_400_000;
  const now = Date.now();
  const [plan] = await db
    .insert(plans)
    .values({
      institutionId: robot.institutionId,
      orgId: robot.orgId,
      title: DEMO_TITLE,
      occupationId: robot.occupationId,
      workType: robot.workType,
      level: robot.level,
      basis: robot.basis,
      evalSpecId: robot.evalSpecId,
      method: robot.method,
      candidateSources: robot.candidateSources,
      capacity: 30,
      status: 'closed',
      profileId: robot.profileId,
      submittedAt: new Date(now - 60 * day),
      acknowledgedAt: new Date(now - 55 * day),
      createdBy: school.actor.userId,
    })
    .returning();
  const parts = await db
    .insert(planParts)
    .values([
      { planId: plan!.id, position: 1, kind: 'theory', passMark: 60, durationMinutes: 90 },
      { planId: plan!.id, position: 2, kind: 'practical', passMark: 60, durationMinutes: 120 },
    ])
    .returning({ id: planParts.id });
  const [candidateUser] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'candidate'));
  const [duanYu] = candidateUser ? await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, candidateUser.id)) : [];
  const enrolled: string[] = [];
  for (const [i, name] of PEOPLE.entries()) {
    let personId = i === 0 ? duanYu?.id : undefined;
    if (!personId) {
      const id = demoId(i);
      const sealed = vault.seal(id);
      const [p] = await db
        .insert(persons)
        .values({
          idType: 'resident_id',
          idCipher: sealed.cipher,
          idHash: sealed.hash,
          name,
          gender: i % 2 ? 'male' : 'female',
          birthDate: `2005-0${3 + (i % 6)}-1${i}`,
        })
        .onConflictDoNothing()
        .returning({ id: persons.id });
      personId =
        p?.id ??
        (
          await db
            .select({ id: persons.id })
            .from(persons)
            .where(and(eq(persons.idType, 'resident_id'), eq(persons.idHash, sealed.hash)))
        )[0]?.id;
    }
    if (!personId) continue;
    const [e] = await db
      .insert(enrolments)
      .values({
        planId: plan!.id,
        personId,
        orgId: plan!.orgId,
        category: 'own_student',
        source: 'manual',
        majorCode: '460305',
        majorName: '工业机器人技术',
        className: '机电2201',
        graduatingYear: 2026,
      })
      .returning({ id: enrolments.id });
    enrolled.push(e!.id);
  }
  await db.insert(partResults).values(
    enrolled.flatMap((enrolmentId, i) => [
      { enrolmentId, partId: parts[0]!.id, planId: plan!.id, score: 72 + i * 3, source: 'exam' },
      { enrolmentId, partId: parts[1]!.id, planId: plan!.id, score: 80 + i, source: 'marking' },
    ]),
  );
  await db.insert(publicities).values({
    planId: plan!.id,
    opensAt: new Date(now - 14 * day),
    closesAt: new Date(now - 7 * day),
    workingDays: 5,
    calendarKnown: true,
    // The list as it was published (the shape the publicity module stores: masked names, outcome and parts).
    snapshot: {
      firstDay: new Date(now - 14 * day).toISOString().slice(0, 10),
      lastDay: new Date(now - 7 * day).toISOString().slice(0, 10),
      lines: enrolled.map((enrolmentId, i) => ({
        enrolmentId,
        examNumber: '',
        name: maskName(PEOPLE[i] ?? ''),
        outcome: 'passed',
        parts: [
          { kind: 'theory', score: 72 + i * 3, verdict: 'passed', substituted: false },
          { kind: 'practical', score: 80 + i, verdict: 'passed', substituted: false },
        ],
      })),
    },
    closedAt: new Date(now - 7 * day),
  });
  // The first four are issued now (the last of them revoked); the other two wait for the school's next batch.
  const first = enrolled.slice(0, 4);
  await db
    .insert(certificateBatches)
    .values({ planId: plan!.id, status: 'done', total: first.length, issued: first.length, createdBy: school.actor.userId, finishedAt: new Date() });
  const deps = { db, identity: vault, signer: signerOfKit(credentials), origin };
  await issueChunk(deps, { planId: plan!.id, enrolmentIds: first, by: school.actor.userId, username: school.actor.username }, first);
  // The fourth candidate's (木婉清), by name: the numbers follow the enrolments' random ids, so "the last number"
  // would now and then be the demo candidate's own certificate.
  const [last] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.planId, plan!.id), eq(certificates.holderName, PEOPLE[first.length - 1] ?? '')));
  if (last) await revokeCertificate(deps, hr, last.id, '演示：证书持有人考试违纪，经查实后撤销');
}

/** A valid demo certificate's number, for the verification link `npm start` prints (null when there is none). */
export async function demoCertificateNumber(db: Db): Promise<string | null> {
  const [c] = await db
    .select({ number: certificates.number })
    .from(certificates)
    .where(eq(certificates.status, 'valid'))
    .orderBy(asc(certificates.createdAt), asc(certificates.number))
    .limit(1);
  return c?.number ?? null;
}
