import { ID_TYPE_NAMES, type IdType } from '@skillcert/shared/api/enrolment';
import { maskName } from '@skillcert/shared/validators/mask';
import { and, asc, eq } from 'drizzle-orm';
import { signerOfKit } from '../certificate-signer.ts';
import type { Db } from '../db/client.ts';
import { certificates, institutions, persons, users } from '../db/schema.ts';
import { takeSerials } from '../modules/certificates/certificates.repository.ts';
import { certificateNumber, issueDate, issueYear, KIND_TITLES, levelDigit, levelText, serialName } from '../modules/certificates/issuance.rules.ts';
import type { CredentialsKit } from '../modules/credentials/credentials.service.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { claimAsHolder, claimInBulk, recordPayment, reviewClaim } from '../modules/subsidies/subsidies.service.ts';
import { as } from './demo-filings.ts';

const ELECTRICIAN = { code: '6-31-01-03', name: '电工' };

/**
 * Subsidy claims (职业技能提升补贴, R11) in each state, made through the real use cases against the demo certificates of
 * the 临港 school (浦东新区 310115 → 浦东新区人社局, account pd_hr, reviews):
 * - 王语嫣 电工 四级 (a second certificate of hers, signed here): applied by the school, approved and paid;
 * - 王语嫣 工业机器人系统操作员 四级: applied by the school, approved, waiting for payment;
 * - 钟灵: applied by the school, submitted, waiting in pd_hr's to-do list;
 * - 段誉 (the demo candidate): his own claim, refused with a reason — refused claims do not count, so he may claim again.
 */
export async function seedDemoSubsidies(db: Db, vault: IdentityVault, credentials: CredentialsKit): Promise<void> {
  const school = await as(db, 'lg_school_admin');
  const hr = await as(db, 'pd_hr');
  const holder = await as(db, 'candidate');
  const deps = { identity: vault };
  const issued = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.issuerOrgId, school.actor.orgId), eq(certificates.status, 'valid')))
    .orderBy(asc(certificates.number));
  const byName = new Map(issued.map((c) => [c.holderName, c]));
  const wang = byName.get('王语嫣');
  const zhong = byName.get('钟灵');
  const [candidateUser] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'candidate'));
  const duan = issued.find((c) => c.holderName === '段誉');
  if (!wang || !zhong || !duan || !candidateUser) return;

  const electrician = await signedCertificate(db, credentials, wang, school.actor.userId);
  const bulk = await claimInBulk(deps, school, [
    { certificateNumber: electrician, bankAccount: '6217001210045678123' },
    { certificateNumber: wang.number, bankAccount: '6217001210045678123' },
    { certificateNumber: zhong.number, bankAccount: '6228480012345678917' },
  ]);
  const [paid, approved] = bulk.rows.map((r) => r.claimId);
  if (paid) {
    await reviewClaim(hr, paid, { decision: 'approve' });
    await recordPayment(hr, paid, { paidOn: issueDate(new Date()), amount: 1500, bankReference: 'PD-BT-2026-000118' });
  }
  if (approved) await reviewClaim(hr, approved, { decision: 'approve' });
  const refused = await claimAsHolder(deps, holder, { certificateId: duan.id, bankAccount: '6222021001000012345' });
  await reviewClaim(hr, refused.id, { decision: 'refuse', reason: '银行账户户名与持证人不一致，请核对本人名下的银行账户后重新申请' });
}

/** A second certificate of the holder (电工 四级, in the institution's scope), numbered and signed as issuance does. */
async function signedCertificate(db: Db, credentials: CredentialsKit, like: typeof certificates.$inferSelect, by: string): Promise<string> {
  const signer = signerOfKit(credentials);
  return db.transaction(async (tx) => {
    const [inst] = await tx.select().from(institutions).where(eq(institutions.id, like.institutionId!));
    const [person] = await tx.select().from(persons).where(eq(persons.id, like.personId));
    if (!inst || !person) throw new Error('demo subsidies: institution or person missing');
    const now = new Date();
    const yy = issueYear(now);
    const digit = levelDigit('skill_level', 4);
    const { first } = await takeSerials(tx, serialName(inst.certificatePrefix, yy, digit), 1);
    const number = certificateNumber(inst.certificatePrefix, yy, digit, first);
    const status = await signer.allocateStatusEntry(tx, like.issuerOrgId!);
    const signed = await signer.signCertificate(tx, {
      issuerOrgId: like.issuerOrgId!,
      issuerName: like.issuerName,
      institutionCode: like.institutionCode ?? '',
      certificateKind: KIND_TITLES.skill_level,
      certificateNumber: number,
      holderName: like.holderName,
      maskedName: maskName(like.holderName),
      idType: ID_TYPE_NAMES[like.idType as IdType] ?? like.idType,
      maskedIdNumber: like.maskedIdNumber,
      occupationCode: ELECTRICIAN.code,
      occupationName: ELECTRICIAN.name,
      workType: '--',
      level: 4,
      levelName: levelText(4),
      validFrom: now,
      status,
    });
    await tx.insert(certificates).values({
      number,
      kind: 'skill_level',
      personId: person.id,
      institutionId: inst.id,
      issuerOrgId: like.issuerOrgId,
      issuerName: like.issuerName,
      institutionCode: like.institutionCode,
      holderName: like.holderName,
      idType: like.idType,
      idHash: like.idHash,
      maskedIdNumber: like.maskedIdNumber,
      occupationCode: ELECTRICIAN.code,
      occupationName: ELECTRICIAN.name,
      workType: '--',
      level: 4,
      issuedOn: issueDate(now),
      year: yy,
      serial: first,
      statusListId: status.listId,
      statusIndex: status.index,
      credential: signed.json,
      credentialHash: signed.hash,
      checks: signed.checks,
      verifiedAt: now,
      issuedBy: by,
    });
    return number;
  });
}
