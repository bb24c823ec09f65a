import { createHash } from 'node:crypto';
import { maskIdCard, maskName } from '@skillcert/shared/validators/mask';
import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { sql } from 'drizzle-orm';
import { signerOfKit } from '../certificate-signer.ts';
import { type Db, queryRows } from '../db/client.ts';
import type { CredentialsKit } from '../modules/credentials/credentials.service.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { buildCertificateNumber, LEVEL_PRINTED } from '../modules/certificates/certificates.rules.ts';

/**
 * A deterministic province (issue 16): schools filed and listed, closed plans with two parts, persons with valid
 * ID numbers sealed by the identity vault (cipher + keyed hash), enrolments, part results, certificates with valid
 * numbers, revocations and subsidy claims — on top of the demo world (catalogs, accounts, the demo school's plan,
 * cloned for the generated schools and plans). Same seed, same province (ids, names, numbers, scores); only the
 * vault's cipher text (random IV) and the signatures' creation times differ between runs.
 *
 * Signatures: the first `signed` certificates get a real credential of their own through the credentials kit (status
 * entry, VC 2.0 eddsa-rdfc-2022, verified once); signing runs at a few hundred per second on these machines, so the
 * rest are stored as issued rows without a credential (credential, hash and checks null) — what a record issued
 * before electronic credentials looks like. The public look-ups read the same columns either way.
 *
 * Rows are written as large batches through `json_to_recordset` (one parameter per batch), on PGlite and PostgreSQL.
 */
export interface ProvinceOptions {
  certificates: number;
  candidates: number;
  seed: number;
  schools: number;
  signed: number;
  /** Certificates per plan. */
  perPlan: number;
  progress?: (text: string) => void;
}

const BATCH = 5_000;
const THIS_YEAR = new Date().getUTCFullYear();

/** 32-bit deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID (v4 layout) derived from the seed and a name, so reruns give the same ids. */
function uuidOf(seed: number, name: string): string {
  const h = createHash('sha1').update(`${seed}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '8', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鑫鹏辉晨宇浩然子涵欣怡梓轩思远嘉怡雨桐一诺浩宇';

async function insertJson(db: Db, table: string, columns: string, types: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = JSON.stringify(rows.slice(i, i + BATCH));
    await db.execute(
      sql`insert into ${sql.raw(table)} (${sql.raw(columns)}) select ${sql.raw(columns)} from json_to_recordset(${chunk}::json) as x(${sql.raw(types)})`,
    );
  }
}

export interface ProvinceSummary {
  schools: number;
  plans: number;
  persons: number;
  certificates: number;
  signed: number;
  revoked: number;
  subsidies: number;
  seconds: number;
  /** Up to 1,000 valid certificates spread over the province with their holder's name and ID number (for benches). */
  samples: { number: string; name: string; idNumber: string }[];
}

export async function generateProvince(db: Db, identity: IdentityVault, kit: CredentialsKit, o: ProvinceOptions): Promise<ProvinceSummary> {
  const t0 = performance.now();
  const say = o.progress ?? (() => {});
  const random = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

  // --- templates from the demo world --------------------------------------------------------------------------------
  const [tpl] = await queryRows<{ plan_id: string; institution_id: string; org_id: string; region_code: string; province: string; profile_id: string }>(
    db,
    sql`select p.id as plan_id, i.id as institution_id, o.id as org_id, o.region_code, i.province, i.profile_id
        from plans p join institutions i on i.id = p.institution_id join organisations o on o.id = i.org_id
        where p.status = 'closed' order by p.created_at limit 1`,
  );
  if (!tpl) throw new Error('gen: the database holds no closed plan to copy (seed the demo world first)');
  const districts = (
    await queryRows<{ code: string }>(db, sql`select code from regions where code like ${`${tpl.province}%`} and code not like '%00' order by code`)
  ).map((r) => r.code);
  if (districts.length === 0) districts.push(tpl.region_code);
  const occupations = await queryRows<{ id: string; code: string; name: string }>(
    db,
    sql`select id, code, name from occupations where code ~ '^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}$' order by code limit 40`,
  );
  if (occupations.length === 0) throw new Error('gen: the occupation catalog is empty');
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organisations where name like '生成学校%'`);
  if ((existing?.n ?? 0) > 0) throw new Error('gen: this database already holds a generated province (use a fresh DATA_DIR or database)');

  // --- schools: organisation + institution filed and listed ---------------------------------------------------------
  const schools = Array.from({ length: o.schools }, (_, k) => {
    const serial = 500_000 + k;
    return {
      org: uuidOf(o.seed, `org${k}`),
      inst: uuidOf(o.seed, `inst${k}`),
      name: `生成学校${String(k + 1).padStart(4, '0')}（${pick(['职业技术学院', '中等职业学校', '技师学院', '职业学校'])}）`,
      region: pick(districts),
      prefix: `S0000${tpl.province}${String(serial).padStart(6, '0')}`,
      serial,
    };
  });
  await insertJson(
    db,
    'organisations',
    'id, kind, name, region_code, school_type',
    'id uuid, kind text, name text, region_code text, school_type text',
    schools.map((s) => ({ id: s.org, kind: 'school', name: s.name, region_code: s.region, school_type: '高职' })),
  );
  await insertJson(
    db,
    'institutions',
    'id, org_id, kind, code, province, province_serial, certificate_prefix, status, valid_from, valid_to, profile_id',
    'id uuid, org_id uuid, kind text, code text, province text, province_serial int, certificate_prefix text, status text, valid_from date, valid_to date, profile_id text',
    schools.map((s, k) => ({
      id: s.inst,
      org_id: s.org,
      kind: 'skill_level',
      code: '0000',
      province: tpl.province,
      province_serial: s.serial,
      certificate_prefix: s.prefix,
      status: k % 97 === 96 ? 'suspended' : 'listed',
      valid_from: '2024-01-01',
      valid_to: '2028-12-31',
      profile_id: tpl.profile_id,
    })),
  );
  say(`${schools.length} schools filed and listed`);

  // --- plans: copies of the demo's closed plan, one per perPlan certificates, each with a theory and a practical part
  const planCount = Math.max(1, Math.ceil(o.certificates / o.perPlan));
  const plans = Array.from({ length: planCount }, (_, k) => {
    const school = schools[k % schools.length]!;
    const occupation = pick(occupations);
    const level = 3 + Math.floor(random() * 3);
    const year = THIS_YEAR - 4 + (k % 5);
    const month = 1 + Math.floor(random() * (year === THIS_YEAR ? new Date().getUTCMonth() + 1 : 12));
    const day = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    return { id: uuidOf(o.seed, `plan${k}`), school, occupation, level, day, parts: [uuidOf(o.seed, `part${k}a`), uuidOf(o.seed, `part${k}b`)] };
  });
  await db.execute(sql`drop table if exists gen_plans`);
  await db.execute(sql`create temporary table gen_plans (k int, id uuid, institution_id uuid, org_id uuid, occupation_id uuid, level int, title text)`);
  await insertJson(
    db,
    'gen_plans',
    'k, id, institution_id, org_id, occupation_id, level, title',
    'k int, id uuid, institution_id uuid, org_id uuid, occupation_id uuid, level int, title text',
    plans.map((p, k) => ({
      k,
      id: p.id,
      institution_id: p.school.inst,
      org_id: p.school.org,
      occupation_id: p.occupation.id,
      level: p.level,
      title: `${p.occupation.name}（${LEVEL_PRINTED[p.level as 3 | 4 | 5]}）${p.day.slice(0, 4)} 年认定 #${k + 1}`,
    })),
  );
  // Copy every column of the template plan, then set the ones that differ (works whatever columns plans has).
  await db.execute(sql`drop table if exists gen_plan_rows`);
  await db.execute(sql`create temporary table gen_plan_rows as select p.* from plans p where p.id = ${tpl.plan_id} limit 0`);
  await db.execute(sql`insert into gen_plan_rows select p.* from plans p, gen_plans g where p.id = ${tpl.plan_id}`);
  await db.execute(sql`alter table gen_plan_rows add column gen_k serial`);
  await db.execute(sql`update gen_plan_rows r set id = g.id, institution_id = g.institution_id, org_id = g.org_id, occupation_id = g.occupation_id,
      level = g.level, title = g.title, status = 'closed', capacity = ${o.perPlan}, created_by = null
    from gen_plans g where g.k = r.gen_k - 1`);
  await db.execute(sql`alter table gen_plan_rows drop column gen_k`);
  await db.execute(sql`insert into plans select * from gen_plan_rows`);
  await insertJson(
    db,
    'plan_parts',
    'id, plan_id, position, kind, pass_mark, duration_minutes',
    'id uuid, plan_id uuid, position int, kind text, pass_mark int, duration_minutes int',
    plans.flatMap((p) => [
      { id: p.parts[0], plan_id: p.id, position: 1, kind: 'theory', pass_mark: 60, duration_minutes: 90 },
      { id: p.parts[1], plan_id: p.id, position: 2, kind: 'practical', pass_mark: 60, duration_minutes: 120 },
    ]),
  );
  say(`${plans.length} closed plans`);

  // --- persons: valid GB 11643 numbers, sealed as the product seals them ---------------------------------------------
  const persons: { id: string; name: string; idNumber: string; hash: string }[] = [];
  let rows: unknown[] = [];
  for (let i = 0; i < o.candidates; i++) {
    const birth = new Date(Date.UTC(1975, 0, 1) + Math.floor(random() * 30 * 365) * 86_400_000);
    const ymd = birth.toISOString().slice(0, 10);
    const seq = String(i % 1000).padStart(3, '0');
    const first17 = `${pick(districts)}${ymd.replaceAll('-', '')}${seq}`;
    // Distinct numbers: the sequence and the birth date together; a repeat (rare) moves to the next day.
    const idNumber = first17 + idCardCheckChar(first17);
    const name = pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.5 ? pick([...GIVEN]) : '');
    const sealed = identity.seal(idNumber);
    persons.push({ id: uuidOf(o.seed, `person${i}`), name, idNumber, hash: sealed.hash });
    rows.push({
      id: persons[i]!.id,
      id_type: 'resident_id',
      id_cipher: sealed.cipher,
      id_hash: sealed.hash,
      name,
      gender: Number(seq[2]) % 2 ? 'male' : 'female',
      birth_date: ymd,
    });
    if (rows.length === BATCH * 4 || i === o.candidates - 1) {
      // A repeated number (same district, day and sequence) is skipped by the unique index, as the product would.
      const chunk = JSON.stringify(rows);
      await db.execute(sql`insert into persons (id, id_type, id_cipher, id_hash, name, gender, birth_date)
        select id, id_type, id_cipher, id_hash, name, gender, birth_date
        from json_to_recordset(${chunk}::json) as x(id uuid, id_type text, id_cipher text, id_hash text, name text, gender text, birth_date date)
        on conflict do nothing`);
      rows = [];
    }
  }
  const kept = new Set((await queryRows<{ id: string }>(db, sql`select id from persons`)).map((r) => r.id));
  const people = persons.filter((p) => kept.has(p.id));
  say(`${people.length} persons (ID numbers sealed)`);

  // --- enrolments, part results, certificates ------------------------------------------------------------------------
  const serials = new Map<string, number>();
  const certRows: Record<string, unknown>[] = [];
  const enrolRows: unknown[] = [];
  const certIds: string[] = [];
  let revoked = 0;
  const samples: ProvinceSummary['samples'] = [];
  const every = Math.max(1, Math.floor(o.certificates / 1000));
  const flush = async () => {
    await insertJson(
      db,
      'enrolments',
      'id, plan_id, person_id, org_id, category, source, major_code, major_name, class_name, graduating_year',
      'id uuid, plan_id uuid, person_id uuid, org_id uuid, category text, source text, major_code text, major_name text, class_name text, graduating_year int',
      enrolRows,
    );
    await insertJson(
      db,
      'certificates',
      'id, number, kind, enrolment_id, plan_id, person_id, institution_id, issuer_org_id, issuer_name, institution_code, holder_name, id_type, id_hash, masked_id_number, occupation_code, occupation_name, work_type, level, issued_on, year, serial, status, revoked_at, revoked_as, revoke_reason',
      'id uuid, number text, kind text, enrolment_id uuid, plan_id uuid, person_id uuid, institution_id uuid, issuer_org_id uuid, issuer_name text, institution_code text, holder_name text, id_type text, id_hash text, masked_id_number text, occupation_code text, occupation_name text, work_type text, level int, issued_on text, year int, serial int, status text, revoked_at timestamptz, revoked_as text, revoke_reason text',
      certRows,
    );
    enrolRows.length = 0;
    certRows.length = 0;
  };
  for (let i = 0; i < o.certificates; i++) {
    const plan = plans[Math.floor(i / o.perPlan)]!;
    const person = people[i % people.length]!;
    const enrolmentId = uuidOf(o.seed, `enrolment${i}`);
    enrolRows.push({
      id: enrolmentId,
      plan_id: plan.id,
      person_id: person.id,
      org_id: plan.school.org,
      category: 'own_student',
      source: 'import',
      major_code: '460305',
      major_name: '工业机器人技术',
      class_name: `${plan.day.slice(2, 4)}级${1 + (i % 8)}班`,
      graduating_year: Number(plan.day.slice(0, 4)),
    });
    const year = Number(plan.day.slice(0, 4));
    const key = `${plan.school.prefix}|${year}|${plan.level}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    const isRevoked = i % 331 === 17;
    if (isRevoked) revoked++;
    const id = uuidOf(o.seed, `certificate${i}`);
    certIds.push(id);
    certRows.push({
      id,
      number: buildCertificateNumber({ prefix: plan.school.prefix, year, level: plan.level as 3 | 4 | 5, serial }),
      kind: 'skill_level',
      enrolment_id: enrolmentId,
      plan_id: plan.id,
      person_id: person.id,
      institution_id: plan.school.inst,
      issuer_org_id: plan.school.org,
      issuer_name: plan.school.name,
      institution_code: '0000',
      holder_name: person.name,
      id_type: 'resident_id',
      id_hash: person.hash,
      masked_id_number: maskIdCard(person.idNumber),
      occupation_code: plan.occupation.code,
      occupation_name: plan.occupation.name,
      work_type: '--',
      level: plan.level,
      issued_on: plan.day,
      year: year % 100,
      serial,
      status: isRevoked ? 'revoked' : 'valid',
      revoked_at: isRevoked ? `${plan.day}T12:00:00Z` : null,
      revoked_as: isRevoked ? 'issuer' : null,
      revoke_reason: isRevoked ? '生成数据：考试违纪，经查实后撤销' : null,
    });
    if (i % every === 0 && !isRevoked && samples.length < 1000)
      samples.push({ number: certRows[certRows.length - 1]!.number as string, name: person.name, idNumber: person.idNumber });
    if (certRows.length === BATCH * 4) await flush();
    if (i > 0 && i % 100_000 === 0) say(`${i.toLocaleString()} certificates written`);
  }
  await flush();
  await db.execute(sql`insert into part_results (enrolment_id, part_id, plan_id, score, source)
    select e.id, pp.id, e.plan_id, 60 + (abs(hashtext(e.id::text || pp.position::text)) % 41), case when pp.position = 1 then 'exam' else 'marking' end
    from enrolments e join plan_parts pp on pp.plan_id = e.plan_id join gen_plans g on g.id = e.plan_id`);
  say(`${o.certificates.toLocaleString()} enrolments, part results and certificates (${revoked} revoked)`);

  // --- real credentials for the first `signed` certificates --------------------------------------------------------
  const signer = signerOfKit(kit);
  const signedCount = Math.min(o.signed, o.certificates);
  const toSign = await queryRows<{
    id: string;
    number: string;
    issuer_org_id: string;
    issuer_name: string;
    holder_name: string;
    masked_id_number: string;
    occupation_code: string;
    occupation_name: string;
    level: number;
    issued_on: string;
    status: string;
  }>(
    db,
    sql`select c.id, c.number, c.issuer_org_id, c.issuer_name, c.holder_name, c.masked_id_number, c.occupation_code, c.occupation_name, c.level, c.issued_on, c.status
        from certificates c join gen_plans g on g.id = c.plan_id where c.year = ${new Date().getUTCFullYear() % 100} order by c.number limit ${signedCount}`,
  );
  // An issuer key is valid from its creation, so these are issued today (same year as their number).
  const today = new Date().toISOString().slice(0, 10);
  for (const c of toSign) {
    await db.transaction(async (tx) => {
      const status = await signer.allocateStatusEntry(tx, c.issuer_org_id);
      const signed = await signer.signCertificate(tx, {
        issuerOrgId: c.issuer_org_id,
        issuerName: c.issuer_name,
        institutionCode: '0000',
        certificateKind: '职业技能等级证书',
        certificateNumber: c.number,
        holderName: c.holder_name,
        maskedName: maskName(c.holder_name),
        idType: '居民身份证',
        maskedIdNumber: c.masked_id_number,
        occupationCode: c.occupation_code,
        occupationName: c.occupation_name,
        workType: '--',
        level: c.level,
        levelName: LEVEL_PRINTED[c.level as 3 | 4 | 5],
        validFrom: new Date(),
        status,
      });
      if (c.status === 'revoked') await signer.revokeStatusEntry(tx, status, new Date());
      await tx.execute(sql`update certificates set credential = ${signed.json}, credential_hash = ${signed.hash}, checks = ${JSON.stringify(signed.checks)}::jsonb,
          verified_at = now(), issued_on = ${today}, status_list_id = ${status.listId}, status_index = ${status.index} where id = ${c.id}`);
    });
  }
  say(`${toSign.length} certificates signed (credentials of their own)`);

  // --- subsidy claims: one in 20 holders claims for their first certificate -------------------------------------------
  const claims: unknown[] = [];
  for (let i = 0; i < Math.min(o.certificates, people.length); i += 20) {
    const plan = plans[Math.floor(i / o.perPlan)]!;
    const status = pick(['submitted', 'approved', 'paid', 'paid', 'refused']);
    const amount = plan.level === 3 ? 2000 : plan.level === 4 ? 1500 : 1000;
    // A paid claim carries its payment (the subsidies dashboard sums paidAmount by the month of paidOn): a month after issue.
    const paidOn = new Date(Date.parse(`${plan.day}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    claims.push({
      id: uuidOf(o.seed, `claim${i}`),
      certificate_id: certIds[i],
      person_id: people[i % people.length]!.id,
      occupation_code: plan.occupation.code,
      level: plan.level,
      region_code: plan.school.region,
      amount,
      status,
      channel: i % 3 ? 'holder' : 'school',
      checks: '[]',
      paid_on: status === 'paid' ? paidOn : null,
      paid_amount: status === 'paid' ? amount : null,
    });
  }
  await insertJson(
    db,
    'subsidy_claims',
    'id, certificate_id, person_id, occupation_code, level, region_code, amount, status, channel, checks, paid_on, paid_amount',
    'id uuid, certificate_id uuid, person_id uuid, occupation_code text, level int, region_code text, amount int, status text, channel text, checks jsonb, paid_on text, paid_amount int',
    claims,
  );
  say(`${claims.length} subsidy claims`);
  await db.execute(sql`analyze`);
  return {
    schools: schools.length,
    plans: plans.length,
    persons: people.length,
    certificates: o.certificates,
    signed: toSign.length,
    revoked,
    subsidies: claims.length,
    seconds: (performance.now() - t0) / 1000,
    samples,
  };
}
