import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  certificates,
  enrolments,
  externalCertificates,
  institutions,
  occupations,
  organisations,
  partResults,
  persons,
  planParts,
  plans,
  subsidyClaims,
  users,
} from '../db/schema.ts';
import { certificateNumber, serialName } from '../modules/certificates/issuance.rules.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { shanghai2022 } from '../modules/policies/profiles/shanghai-2022.ts';

/** A plan per month for a year: the occupation and level of 临港's scope it evaluates, in turn. */
const LINES = [
  { code: '6-31-07-03', level: 4, major: ['460305', '工业机器人技术'] },
  { code: '6-31-07-03', level: 3, major: ['460305', '工业机器人技术'] },
  { code: '6-31-01-03', level: 4, major: ['460301', '机电一体化技术'] },
] as const;
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = ['子涵', '浩然', '欣怡', '宇轩', '梓萱', '俊杰', '雨桐', '明哲', '思远', '佳怡', '嘉豪', '诗琪'];
/** Where paid holders' subsidies were paid (the county bureau of the holder's place). */
const PAID_IN = ['310115', '310104', '310110', '310116'];

export const STATISTICS_DEMO_TAG = '（统计演示）';

function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function personId(n: number): string {
  const body = `310116${2006}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
}

/**
 * A year of statistics for the dashboards, written straight to the tables in a few batched inserts: one closed plan a
 * month at 临港 (the demo province's listed institution) across its scope's occupations and levels, with part results
 * (some fail, some absent) and certificates for those who passed — a few revoked. These certificates carry no signed
 * credential (remark says so): they exist for statistics, not for verification. Certificates from other channels for
 * several schools' majors (R13 coverage, R12 1+X) and paid subsidy claims (R11) are added when those tables are empty.
 * Coverage figures are deterministic (no dates in them); 浦江 has 3 of its 4 majors covered by external certificates.
 */
export async function seedDemoStatistics(db: Db, vault: IdentityVault, now = new Date()): Promise<void> {
  const [lingang] = await db
    .select({ id: institutions.id, orgId: institutions.orgId, prefix: institutions.certificatePrefix, code: institutions.code, name: organisations.name })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(and(eq(organisations.name, '上海临港职业技术学院（演示）'), eq(institutions.kind, 'skill_level')));
  if (!lingang) return;
  const occ = await db
    .select({ id: occupations.id, code: occupations.code, name: occupations.name })
    .from(occupations)
    .where(
      and(
        inArray(
          occupations.code,
          LINES.map((l) => l.code),
        ),
        eq(occupations.edition, '2022'),
      ),
    );
  const occOf = new Map(occ.map((o) => [o.code, o]));
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'lg_school_admin'));
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);

  // The people: one per candidate, ID numbers sealed as the product stores them.
  interface Candidate {
    n: number;
    name: string;
    id: string;
  }
  const plansOfYear: { month: string; line: (typeof LINES)[number]; candidates: Candidate[] }[] = [];
  let n = 0;
  for (let i = 0; i < 12; i++) {
    const month = addMonths(thisMonth, i - 11);
    const line = LINES[i % LINES.length] as (typeof LINES)[number];
    const size = 18 + ((i * 7) % 13);
    const candidates: Candidate[] = [];
    for (let j = 0; j < size; j++, n++) candidates.push({ n, name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 5) % GIVEN.length]}`, id: personId(n) });
    plansOfYear.push({ month, line, candidates });
  }
  const all = plansOfYear.flatMap((p) => p.candidates);
  const sealed = all.map((c) => vault.seal(c.id));
  const inserted = await db
    .insert(persons)
    .values(
      all.map((c, k) => ({
        idType: 'resident_id',
        idCipher: sealed[k]!.cipher,
        idHash: sealed[k]!.hash,
        name: c.name,
        gender: c.n % 2 ? 'male' : 'female',
        birthDate: c.id.slice(6, 10) + '-' + c.id.slice(10, 12) + '-' + c.id.slice(12, 14),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: persons.id, idHash: persons.idHash });
  const personOf = new Map(inserted.map((p) => [p.idHash, p.id]));
  if (personOf.size === 0) return; // seeded already

  // Plans, parts, enrolments, part results.
  const planRows = await db
    .insert(plans)
    .values(
      plansOfYear.map((p) => {
        const at = new Date(`${p.month}-05T02:00:00Z`);
        return {
          institutionId: lingang.id,
          orgId: lingang.orgId,
          title: `${occOf.get(p.line.code)?.name ?? p.line.code}（${p.line.level === 4 ? '四级' : '三级'}）${p.month} 认定${STATISTICS_DEMO_TAG}`,
          occupationId: occOf.get(p.line.code)?.id ?? null,
          level: p.line.level,
          basis: 'national_standard',
          method: 'result',
          candidateSources: ['own_students'],
          capacity: 40,
          status: 'closed',
          profileId: shanghai2022.id,
          submittedAt: at,
          acknowledgedAt: at,
          createdBy: admin?.id ?? null,
          createdAt: at,
          updatedAt: at,
        };
      }),
    )
    .returning({ id: plans.id });
  const partRows = await db
    .insert(planParts)
    .values(
      planRows.flatMap((pl) => [
        { planId: pl.id, position: 1, kind: 'theory', passMark: 60, durationMinutes: 90 },
        { planId: pl.id, position: 2, kind: 'practical', passMark: 60, durationMinutes: 120 },
      ]),
    )
    .returning({ id: planParts.id, planId: planParts.planId, kind: planParts.kind });
  const enrolRows = await db
    .insert(enrolments)
    .values(
      plansOfYear.flatMap((p, i) =>
        p.candidates
          .filter((c) => personOf.has(sealed[c.n]!.hash))
          .map((c) => ({
            planId: planRows[i]!.id,
            personId: personOf.get(sealed[c.n]!.hash) as string,
            orgId: lingang.orgId,
            category: 'own_student',
            source: 'manual',
            majorCode: p.line.major[0],
            majorName: p.line.major[1],
            className: `${p.line.major[1].slice(0, 2)}${p.month.slice(2, 4)}01`,
            graduatingYear: Number(p.month.slice(0, 4)),
          })),
      ),
    )
    .returning({ id: enrolments.id, planId: enrolments.planId, personId: enrolments.personId });
  const partOf = (planId: string, kind: string) => partRows.find((r) => r.planId === planId && r.kind === kind)?.id as string;
  const planIndex = new Map(planRows.map((p, i) => [p.id, i]));
  const results: (typeof partResults.$inferInsert)[] = [];
  const passed: { enrolmentId: string; planId: string; personId: string; j: number }[] = [];
  const seen = new Map<string, number>();
  for (const e of enrolRows) {
    const i = planIndex.get(e.planId) ?? 0;
    const j = seen.get(e.planId) ?? 0;
    seen.set(e.planId, j + 1);
    const absent = (i + j) % 23 === 7;
    const theory = absent ? null : 48 + ((i * 13 + j * 29) % 50);
    const practical = absent ? null : 52 + ((i * 17 + j * 11) % 46);
    results.push({ enrolmentId: e.id, partId: partOf(e.planId, 'theory'), planId: e.planId, score: theory, absent, source: 'exam' });
    results.push({ enrolmentId: e.id, partId: partOf(e.planId, 'practical'), planId: e.planId, score: practical, absent, source: 'marking' });
    if (theory !== null && practical !== null && theory >= 60 && practical >= 60) passed.push({ enrolmentId: e.id, planId: e.planId, personId: e.personId, j });
  }
  await db.insert(partResults).values(results);

  // Certificates for those who passed, numbered from the institution's counters (the next real batch continues after them).
  const byPerson = new Map(all.map((c, k) => [personOf.get(sealed[k]!.hash), { c, hash: sealed[k]!.hash }]));
  const counters = new Map<string, number>();
  const certRows: (typeof certificates.$inferInsert)[] = [];
  for (const p of passed) {
    const i = planIndex.get(p.planId) ?? 0;
    const plan = plansOfYear[i]!;
    const day = plan.month === thisMonth ? Math.min(20, Number(today.slice(8, 10))) : 20;
    const issuedOn = `${plan.month}-${String(day).padStart(2, '0')}`;
    const yy = Number(issuedOn.slice(2, 4));
    const counter = serialName(lingang.prefix, yy, plan.line.level);
    const serial = (counters.get(counter) ?? 0) + 1;
    counters.set(counter, serial);
    const who = byPerson.get(p.personId);
    const revoked = p.j === 3 && i % 4 === 1;
    certRows.push({
      number: counter, // replaced below once the counters are taken
      kind: 'skill_level',
      enrolmentId: p.enrolmentId,
      planId: p.planId,
      personId: p.personId,
      institutionId: lingang.id,
      issuerOrgId: lingang.orgId,
      issuerName: lingang.name,
      institutionCode: lingang.code,
      holderName: who?.c.name ?? '',
      idType: 'resident_id',
      idHash: who?.hash ?? '',
      maskedIdNumber: maskIdCard(who?.c.id ?? ''),
      occupationCode: plan.line.code,
      occupationName: occOf.get(plan.line.code)?.name ?? '',
      workType: '--',
      level: plan.line.level,
      issuedOn,
      year: yy,
      serial,
      status: revoked ? 'revoked' : 'valid',
      revokedAt: revoked ? new Date(`${issuedOn}T08:00:00+08:00`) : null,
      revokedAs: revoked ? 'issuer' : null,
      revokeReason: revoked ? '演示：考试违纪经查实，撤销证书' : null,
      remark: `统计演示数据（未签发电子证书）`,
      issuedBy: admin?.id ?? null,
    });
  }
  await db.transaction(async (tx) => {
    const base = new Map<string, number>();
    for (const [name, count] of counters) {
      const taken = await tx.execute(
        sql`insert into serials (name, value) values (${name}, ${count}) on conflict (name) do update set value = serials.value + ${count} returning value`,
      );
      const after = (taken as unknown as { rows: { value: number }[] }).rows[0]?.value ?? count;
      base.set(name, after - count);
    }
    for (const r of certRows) {
      const name = r.number;
      const serial = (base.get(name) ?? 0) + (r.serial ?? 0);
      r.serial = serial;
      r.number = certificateNumber(lingang.prefix, r.year ?? 0, r.level ?? 0, serial);
    }
    await tx.insert(certificates).values(certRows);
  });

  // Certificates from other channels (R12, R13) — when no one has recorded any yet.
  const [ext] = await db.select({ n: sql<number>`count(*)::int` }).from(externalCertificates);
  if ((ext?.n ?? 0) === 0) await seedExternal(db, [...personOf.values()], thisMonth);
  const [paid] = await db.select({ n: sql<number>`count(*)::int` }).from(subsidyClaims);
  if ((paid?.n ?? 0) === 0) {
    const issued = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.institutionId, lingang.id), eq(certificates.status, 'valid'), sql`${certificates.remark} like '统计演示%'`))
      .orderBy(certificates.number);
    const claims = issued
      .filter((c, k) => k % 3 === 0 && c.issuedOn < `${thisMonth}-01`)
      .map((c, k) => {
        const amount = shanghai2022.subsidyByLevel.value[String(c.level)] ?? 0;
        const paidOn = new Date(new Date(`${c.issuedOn}T00:00:00Z`).getTime() + 25 * 86_400_000).toISOString().slice(0, 10);
        return {
          certificateId: c.id,
          personId: c.personId,
          occupationCode: c.occupationCode ?? '',
          level: c.level ?? 0,
          regionCode: PAID_IN[k % PAID_IN.length] as string,
          amount,
          status: 'paid',
          channel: 'school',
          checks: [{ name: 'eligibility', outcome: 'pass', detail: '演示' }],
          appliedAt: new Date(`${c.issuedOn}T10:00:00+08:00`),
          reviewedAt: new Date(`${c.issuedOn}T10:00:00+08:00`),
          paidOn: paidOn > today ? today : paidOn,
          paidAmount: amount,
          bankReference: `DEMO-${c.number.slice(-8)}`,
        };
      });
    if (claims.length) await db.insert(subsidyClaims).values(claims);
  }
}

/**
 * A few certificates from other channels: 浦江 (4 majors) has 3 of them covered this way (partner enterprise, a 国家职业资格
 * record, a 专项职业能力 certificate); 临港's second major by a competition award; 沪东 one 职业技能等级 certificate of another
 * institution. Kinds span R12's three plus one that 1+X leaves out.
 */
async function seedExternal(db: Db, people: string[], thisMonth: string): Promise<void> {
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.name, ['上海浦江职业技术学院（演示）', '上海临港职业技术学院（演示）', '上海沪东职业学校（演示）']));
  const org = (prefix: string) => orgs.find((o) => o.name.startsWith(prefix))?.id;
  const rows = [
    {
      org: '上海浦江',
      kind: 'enterprise',
      channel: 'partner_enterprise',
      issuer: '上海智造机器人有限公司',
      occ: '工业机器人应用编程（企业认证）',
      major: '460305',
      level: null,
    },
    {
      org: '上海浦江',
      kind: 'qualification',
      channel: 'national',
      issuer: '上海市职业技能鉴定中心',
      occ: '中式烹调师',
      major: '540202',
      level: 4,
      code: '4-03-02-01',
    },
    {
      org: '上海浦江',
      kind: 'special_ability',
      channel: 'social_organisation',
      issuer: '上海市浦东新区人力资源和社会保障局',
      occ: '计算机网络布线',
      major: '510201',
      level: null,
    },
    {
      org: '上海浦江',
      kind: 'qualification',
      channel: 'legacy',
      issuer: '上海市职业技能鉴定中心',
      occ: '中式烹调师',
      major: '540202',
      level: 5,
      code: '4-03-02-01',
    },
    { org: '上海临港', kind: 'competition', channel: 'competition', issuer: '上海市职业技能竞赛组委会', occ: '机电一体化项目', major: '460301', level: null },
    {
      org: '上海沪东',
      kind: 'skill_level',
      channel: 'social_organisation',
      issuer: '上海烹饪职业技能培训评价中心',
      occ: '中式烹调师',
      major: '740201',
      level: 4,
      code: '4-03-02-01',
    },
  ];
  const values = rows.flatMap((r, k) => {
    const orgId = org(r.org);
    const personId = people[k];
    if (!orgId || !personId) return [];
    return [
      {
        orgId,
        personId,
        kind: r.kind,
        channel: r.channel,
        issuerName: r.issuer,
        number: `DEMO-EXT-${String(k + 1).padStart(4, '0')}`,
        occupationCode: r.code ?? null,
        occupationName: r.occ,
        level: r.level,
        issuedOn: `${addMonths(thisMonth, -2 * k)}-10`,
        majorCode: r.major,
      },
    ];
  });
  if (values.length) await db.insert(externalCertificates).values(values);
}
