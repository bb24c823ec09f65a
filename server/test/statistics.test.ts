import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { marks } from '../src/db/schema.ts';
import { client, expectError, orgIdByName } from './helpers/api.ts';
import { isCertificateNumber } from '../src/modules/certificates/certificates.rules.ts';
import { idNumber } from './helpers/enrolment-plan.ts';
import { makeEvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let shHr: ReturnType<typeof client>;
let pdHr: ReturnType<typeof client>;
let fjHr: ReturnType<typeof client>;
let shEdu: ReturnType<typeof client>;
let lgSchool: ReturnType<typeof client>;
let pjSchool: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  t = await makeTestApp();
  const as = async (u: string) => client(t, await t.login(u));
  shHr = await as('sh_hr');
  pdHr = await as('pd_hr');
  fjHr = await as('fj_hr');
  shEdu = await as('sh_edu');
  lgSchool = await as('lg_school_admin');
  pjSchool = await as('school_admin');
  admin = await as('admin');
}, 60_000);
afterAll(async () => t?.close());

/** Certificates straight from the table, counted per status, for a region prefix and a period (the test's own query). */
async function rawCertificates(prefix: string, from: string, to: string) {
  const rows = await queryRows<{ status: string; n: number }>(
    t.db,
    sql`select c.status, count(*)::int as n from certificates c join institutions i on i.id = c.institution_id join organisations o on o.id = i.org_id
      where o.region_code like ${`${prefix}%`} and substr(c.issued_on, 1, 7) between ${from} and ${to} group by c.status`,
  );
  return { valid: rows.find((r) => r.status === 'valid')?.n ?? 0, revoked: rows.find((r) => r.status === 'revoked')?.n ?? 0 };
}

const sum = (xs: { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);

describe('certificates dashboard: scope per role, no double counting, revoked never valid', () => {
  it('HR of Shanghai sees the demo year; every breakdown adds up to the total, each certificate once', async () => {
    const res = await shHr('GET', '/api/statistics/certificates');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.byMonth).toHaveLength(12);
    const raw = await rawCertificates('31', s.from, s.to);
    expect(raw.valid).toBeGreaterThan(100);
    expect(s.total).toBe(raw.valid);
    expect(s.revoked).toBe(raw.revoked);
    expect(s.revoked).toBeGreaterThan(0);
    for (const k of ['byMonth', 'byOccupation', 'byLevel', 'byInstitution', 'byKind']) expect(sum(s[k]), k).toBe(s.total);
    expect(s.byMonth.filter((m: { count: number }) => m.count > 0).length).toBeGreaterThanOrEqual(11);
    expect(s.byOccupation.length).toBeGreaterThanOrEqual(2);
    expect(s.byLevel.map((l: { level: number }) => l.level)).toEqual([4, 3]);
  });

  it('a certificate revoked through the API leaves the valid count at once and is counted revoked, not twice', async () => {
    const before = (await shHr('GET', '/api/statistics/certificates')).body;
    const [one] = await queryRows<{ id: string }>(
      t.db,
      sql`select id from certificates where status = 'valid' and remark like '统计演示%' order by number limit 1`,
    );
    const revoke = await shHr('POST', `/api/certificates/${one!.id}/revoke`, { reason: '统计测试：违规撤销' });
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
    const after = (await shHr('GET', '/api/statistics/certificates')).body;
    expect(after.total).toBe(before.total - 1);
    expect(after.revoked).toBe(before.revoked + 1);
    expect(sum(after.byInstitution)).toBe(after.total);
  });

  it('scope per role: a district bureau its district, a school itself, another province nothing of Shanghai', async () => {
    const sh = (await shHr('GET', '/api/statistics/certificates')).body;
    const pd = (await pdHr('GET', '/api/statistics/certificates')).body; // 临港 is in 浦东 (310115)
    expect(pd.total).toBe(sh.total);
    const lg = (await lgSchool('GET', '/api/statistics/certificates')).body;
    expect(lg.total).toBe(sh.total);
    const pj = (await pjSchool('GET', '/api/statistics/certificates')).body; // 浦江 has no institution
    expect(pj.total).toBe(0);
    const fj = (await fjHr('GET', '/api/statistics/certificates')).body;
    expect(fj.byInstitution.map((x: { name: string }) => x.name)).not.toContain('上海临港职业技术学院（演示）');
    const all = (await admin('GET', '/api/statistics/certificates')).body;
    expect(all.total).toBeGreaterThanOrEqual(sh.total);
  });

  it('filters: occupation and level narrow the figures; the platform may filter by region', async () => {
    const robot = (await shHr('GET', '/api/statistics/certificates?occupation=6-31-07-03&level=3')).body;
    expect(robot.byOccupation.map((o: { code: string }) => o.code)).toEqual(['6-31-07-03']);
    expect(robot.byLevel.map((l: { level: number }) => l.level)).toEqual([3]);
    const sh = (await admin('GET', '/api/statistics/certificates?region=310000')).body;
    const raw = await rawCertificates('31', sh.from, sh.to);
    expect(sh.total).toBe(raw.valid);
  });
});

describe('absurd filters are refused quickly, never a 500', () => {
  it('ranges, unknown or foreign regions, long text, a school outside the scope', async () => {
    expectError(await shHr('GET', '/api/statistics/certificates?from=1826-01&to=2026-01'), 400);
    expectError(await shHr('GET', '/api/statistics/certificates?from=2001-01&to=2026-12'), 400);
    expectError(await shHr('GET', '/api/statistics/certificates?from=2010-01'), 400, 'STATISTICS.PERIOD_TOO_LONG');
    expectError(await shHr('GET', '/api/statistics/certificates?from=2026-05&to=2026-01'), 400);
    expectError(await shHr('GET', `/api/statistics/certificates?occupation=${'6'.repeat(10_000)}`), 400);
    expectError(await shHr('GET', '/api/statistics/talent?region=31'), 400);
    expectError(await shHr('GET', '/api/statistics/talent?region=990000'), 404);
    expectError(await shHr('GET', '/api/statistics/subsidies?region=350000'), 404);
    expectError(await pdHr('GET', '/api/statistics/coverage?region=310104'), 404);
    expectError(await lgSchool('GET', '/api/statistics/coverage?region=310104'), 404);
    const fjSchool = await orgIdByName(t, '泉州海丝职业技术学院');
    expectError(await shHr('GET', `/api/statistics/coverage?orgId=${fjSchool}`), 404);
    expectError(await shHr('GET', '/api/statistics/nope/export.xlsx'), 400);
  });
});

describe('R13 coverage of majors and filing coverage', () => {
  it('R13: a school’s share of majors covered (own scope or external certificates), computed independently from raw rows', async () => {
    const pj = await orgIdByName(t, '上海浦江职业技术学院');
    const majors = await queryRows<{ code: string }>(t.db, sql`select code from majors where org_id = ${pj}`);
    const external = await queryRows<{ code: string }>(
      t.db,
      sql`select distinct major_code as code from external_certificates where org_id = ${pj} and status = 'recorded' and major_code is not null`,
    );
    const own = await queryRows<{ code: string }>(
      t.db,
      sql`select distinct mo.major_code as code from institutions i join institution_scope s on s.institution_id = i.id and s.suspended_at is null
        join major_occupations mo on mo.occupation_id = s.occupation_id where i.org_id = ${pj} and i.status = 'listed'`,
    );
    const codes = new Set(majors.map((m) => m.code));
    const covered = new Set([...external, ...own].map((r) => r.code).filter((c) => codes.has(c)));
    const res = await shEdu('GET', '/api/statistics/coverage');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = res.body.schools.find((s: { orgId: string }) => s.orgId === pj);
    expect(row).toMatchObject({ majors: codes.size, covered: covered.size, target: 0.8 });
    expect(row.share).toBeCloseTo(covered.size / codes.size, 4);
    expect(row.meets).toBe(covered.size / codes.size >= 0.8);
    // 临港: its own scope (工业机器人系统操作员) covers 工业机器人技术.
    const lg = res.body.schools.find((s: { name: string }) => s.name === '上海临港职业技术学院（演示）');
    expect(lg.detail.find((d: { code: string }) => d.code === '460305')).toMatchObject({ byScope: true });
    // A school reads only itself.
    const mine = (await pjSchool('GET', '/api/statistics/coverage')).body;
    expect(mine.schools.map((s: { orgId: string }) => s.orgId)).toEqual([pj]);
  });

  it('R13: the prepared coverage statements answer every scope — platform, province, district, one school — as the raw rows say, call after call', async () => {
    const pj = await orgIdByName(t, '上海浦江职业技术学院');
    const [pjOrg] = await queryRows<{ region: string }>(t.db, sql`select region_code as region from organisations where id = ${pj}`);
    const district = pjOrg!.region;
    /** The test's own counts: majors of active schools, and vocational schools, in a region prefix and/or one school. */
    const expected = async (prefix: string, orgId?: string) => {
      const one = orgId ? sql`and o.id = ${orgId}` : sql``;
      const [m] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from majors m join organisations o on o.id = m.org_id
          where o.kind = 'school' and o.active and o.region_code like ${`${prefix}%`} ${one}`,
      );
      const [s] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from organisations o where o.kind = 'school' and o.active and coalesce(o.school_type, '') <> 'general_bachelor'
          and o.region_code like ${`${prefix}%`} ${one}`,
      );
      return { majors: m!.n, schools: s!.n };
    };
    const readers = [
      { who: admin, query: '', want: await expected('') },
      { who: admin, query: '?region=310000', want: await expected('31') },
      { who: shHr, query: `?region=${district}`, want: await expected(district) },
      { who: shHr, query: `?orgId=${pj}`, want: await expected('31', pj) },
      { who: pjSchool, query: '', want: await expected('', pj) },
    ];
    expect(readers[0]!.want.majors).toBeGreaterThan(readers[1]!.want.majors);
    expect(readers[1]!.want.schools).toBeGreaterThan(readers[2]!.want.schools);
    expect(readers[3]!.want).toEqual(readers[4]!.want);
    expect(readers[4]!.want.majors).toBeGreaterThan(0);
    // Seven rounds: past the fifth run PostgreSQL may plan a prepared statement once for every parameter value.
    for (let round = 0; round < 7; round++) {
      for (const r of readers) {
        const [coverage, filing] = await Promise.all([
          r.who('GET', `/api/statistics/coverage${r.query}`),
          r.who('GET', `/api/statistics/filing-coverage${r.query}`),
        ]);
        expect(coverage.status, JSON.stringify(coverage.body)).toBe(200);
        expect(filing.status, JSON.stringify(filing.body)).toBe(200);
        expect({ majors: coverage.body.majors, schools: filing.body.schools }, `round ${round}${r.query}`).toEqual(r.want);
      }
    }
  });

  it('R13: filing coverage — Fujian’s target (all by the end of 2025) from its profile; Shanghai has none', async () => {
    const fj = (await fjHr('GET', '/api/statistics/filing-coverage')).body;
    expect(fj.target).toMatchObject({ share: 1, by: '2025-12-31' });
    const [raw] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from organisations where kind = 'school' and active and region_code like '35%' and coalesce(school_type, '') <> 'general_bachelor'`,
    );
    expect(fj.schools).toBe(raw!.n);
    expect(fj.unfiled).toHaveLength(fj.schools - fj.filed);
    const sh = (await shHr('GET', '/api/statistics/filing-coverage')).body;
    expect(sh.target).toBeNull();
    expect(sh.filed).toBeGreaterThanOrEqual(1);
    // A municipality (直辖市) reads its districts (浦东新区 …), not the placeholder 上海市市辖区.
    expect(sh.byRegion.length).toBeGreaterThan(1);
    expect(sh.byRegion.every((r: { regionCode: string; regionName: string }) => r.regionCode !== '310100' && !r.regionName.includes('市辖区'))).toBe(true);
  });
});

/** Distinct holders of valid certificates now (any period) in a region prefix, in all and by level, straight from the tables. */
async function rawHolders(prefix: string) {
  const from = sql`from certificates c left join institutions i on i.id = c.institution_id join organisations o on o.id = coalesce(i.org_id, c.issuer_org_id)
    where c.status = 'valid' and c.level is not null and o.region_code like ${`${prefix}%`}`;
  const [all] = await queryRows<{ n: number }>(t.db, sql`select count(distinct c.person_id)::int as n ${from}`);
  const levels = await queryRows<{ level: number; n: number }>(
    t.db,
    sql`select c.level::int as level, count(distinct c.person_id)::int as n ${from} group by c.level order by c.level desc`,
  );
  const perRegion = await queryRows<{ region: string; level: number; n: number }>(
    t.db,
    sql`select o.region_code as region, c.level::int as level, count(distinct c.person_id)::int as n ${from} group by 1, 2 order by 1, 2 desc`,
  );
  return { total: all!.n, byLevel: levels.map((l) => [l.level, l.n]), byRegion: perRegion.map((r) => [r.region, r.level, r.n]) };
}

describe('R11 distinct holders: one person counts once however many certificates, until the last valid one is revoked', () => {
  it('R11: two certificates of one level count once; revoking one keeps the holder, revoking both removes them; un-revoking brings them back', async () => {
    const talent = async () => {
      const s = (await shHr('GET', '/api/statistics/talent')).body;
      // Shanghai's rows are per district (直辖市): the new holder's certificates all come from one school.
      const at = (level: number) => s.rows.filter((r: { level: number }) => r.level === level).reduce((n: number, r: { holders: number }) => n + r.holders, 0);
      return { total: s.holders as number, l3: at(3), l4: at(4) };
    };
    const [src] = await queryRows<{ id: string; level: number }>(
      t.db,
      sql`select c.id, c.level::int as level from certificates c join institutions i on i.id = c.institution_id join organisations o on o.id = i.org_id
        where c.status = 'valid' and c.level = 4 and o.region_code like '31%' order by c.number limit 1`,
    );
    expect(src).toBeDefined();
    const [person] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into persons (id_type, id_cipher, id_hash, name, gender, birth_date)
        values ('resident_id', 'v1:r11-test', md5('r11-test') || md5('r11-test-2'), '统计测试持证人', 'female', '2004-05-06') returning id`,
    );
    // Certificates of the new holder: copies of a demo certificate (its own number, no enrolment, no status-list entry).
    const copy = async (n: number, level: number) => {
      const [row] = await queryRows<{ id: string }>(
        t.db,
        sql`insert into certificates select (jsonb_populate_record(null::certificates, to_jsonb(c) || jsonb_build_object(
            'id', gen_random_uuid(), 'number', ${`R11TEST${String(n).padStart(15, '0')}`}::text, 'person_id', ${person!.id}::uuid, 'enrolment_id', null,
            'status_list_id', null, 'status_index', null, 'credential', null, 'credential_hash', null, 'level', ${level}::int, 'remark', null))).*
          from certificates c where c.id = ${src!.id} returning id`,
      );
      return row!.id;
    };
    const before = await talent();
    expect(before).toMatchObject({ total: (await rawHolders('31')).total });
    const a = await copy(1, 4);
    const b = await copy(2, 4);
    const once = await talent();
    expect(once).toEqual({ total: before.total + 1, l3: before.l3, l4: before.l4 + 1 });
    const revoke = async (id: string) => {
      const res = await shHr('POST', `/api/certificates/${id}/revoke`, { reason: '统计测试：持证人计数' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await revoke(a);
    expect(await talent()).toEqual(once);
    // A third certificate of another level: one more holder at 三级, still one person in all.
    const c = await copy(3, 3);
    expect(await talent()).toEqual({ total: before.total + 1, l3: before.l3 + 1, l4: before.l4 + 1 });
    await revoke(b);
    expect(await talent()).toEqual({ total: before.total + 1, l3: before.l3 + 1, l4: before.l4 });
    await revoke(c);
    expect(await talent()).toEqual(before);
    // Un-revoked (a correction written straight to the row): the holder is back, once.
    await t.db.execute(
      sql`update certificates set status = 'valid', revoked_at = null, revoked_by = null, revoked_as = null, revoke_reason = null where id = ${a}`,
    );
    expect(await talent()).toEqual(once);
    const raw = await rawHolders('31');
    expect((await talent()).total).toBe(raw.total);
    // The rollup the trigger kept equals the one rebuilt from certificates.
    const kept = await queryRows(t.db, sql`select scope_key, level, holders from holder_counts where holders > 0 order by 1, 2`);
    await t.db.execute(sql`select holder_counts_rebuild()`);
    expect(await queryRows(t.db, sql`select scope_key, level, holders from holder_counts where holders > 0 order by 1, 2`)).toEqual(kept);
    await t.db.execute(sql`update certificates set status = 'revoked' where id = ${a}`);
    expect(await talent()).toEqual(before);
  });

  it('R11: a school sees its own holders; a district bureau its district', async () => {
    const lg = (await lgSchool('GET', '/api/statistics/talent')).body;
    const [own] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(distinct c.person_id)::int as n from certificates c join institutions i on i.id = c.institution_id join organisations o on o.id = i.org_id
        where c.status = 'valid' and c.level is not null and o.name like '%临港%'`,
    );
    expect(lg.holders).toBe(own!.n);
    const pd = (await pdHr('GET', '/api/statistics/talent')).body;
    expect(pd.holders).toBe((await rawHolders('310115')).total);
    expect(pd.rows.every((r: { regionCode: string }) => r.regionCode === '310115')).toBe(true);
    const l3 = (await shHr('GET', '/api/statistics/talent?level=3')).body;
    expect(l3.rows.every((r: { level: number }) => r.level === 3)).toBe(true);
    expect(l3.holders).toBe((await rawHolders('31')).byLevel.find(([level]) => level === 3)?.[1] ?? 0);
    // One occupation (a filter the rollup does not keep): counted from certificates, the same figure.
    const [occ] = await queryRows<{ code: string; n: number }>(
      t.db,
      sql`select c.occupation_code as code, count(distinct c.person_id)::int as n from certificates c join institutions i on i.id = c.institution_id
        join organisations o on o.id = i.org_id where c.status = 'valid' and c.level is not null and o.region_code like '31%'
        group by c.occupation_code order by 2 desc limit 1`,
    );
    const byOcc = (await shHr('GET', `/api/statistics/talent?occupation=${occ!.code}`)).body;
    expect(byOcc.holders).toBe(occ!.n);
    expect(byOcc.holders).toBeLessThanOrEqual((await shHr('GET', '/api/statistics/talent')).body.holders);
  });
});

describe('R12 1+X, R11 talent and subsidies, pass rates', () => {
  it('R12: 1+X counts ours by kind and external by kind over the three certificate kinds only', async () => {
    const s = (await shHr('GET', '/api/statistics/one-plus-x')).body;
    const since = `${s.from}-01`;
    const ext = await queryRows<{ kind: string; n: number }>(
      t.db,
      sql`select e.kind, count(*)::int as n from external_certificates e join organisations o on o.id = e.org_id
        where e.status = 'recorded' and o.region_code like '31%' and e.issued_on >= ${since} and substr(e.issued_on, 1, 7) <= ${s.to} group by e.kind`,
    );
    const extOf = (k: string) => ext.find((r) => r.kind === k)?.n ?? 0;
    const ours = (await shHr('GET', '/api/statistics/certificates')).body.total;
    expect(s.rows).toEqual([
      { kind: 'qualification', ours: 0, external: extOf('qualification'), total: extOf('qualification') },
      { kind: 'skill_level', ours, external: extOf('skill_level'), total: ours + extOf('skill_level') },
      { kind: 'special_ability', ours: 0, external: extOf('special_ability'), total: extOf('special_ability') },
    ]);
    expect(s.total).toBe(ours + extOf('qualification') + extOf('skill_level') + extOf('special_ability'));
  });

  it('R12: one of our certificates — valid or revoked — recorded again as external is refused, so 1+X never counts it twice or as valid', async () => {
    const before = (await shHr('GET', '/api/statistics/one-plus-x')).body;
    // one valid and one revoked certificate of ours whose number has the national shape (what a school could type in)
    const rows = await queryRows<{ number: string; issuedOn: string; occupationCode: string; occupationName: string; level: number; status: string }>(
      t.db,
      sql`select number, issued_on as "issuedOn", occupation_code as "occupationCode", occupation_name as "occupationName", level::int as level, status
        from certificates where kind = 'skill_level' and status in ('valid', 'revoked') and level is not null order by status, number`,
    );
    const shaped = rows.filter((c) => isCertificateNumber(c.number) && c.number.slice(13, 15) === c.issuedOn.slice(2, 4));
    const ours = ['revoked', 'valid'].map((status) => shaped.find((c) => c.status === status)!);
    expect(ours.map((c) => c?.status)).toEqual(['revoked', 'valid']);
    let seq = 710;
    for (const c of ours) {
      const body = {
        holderName: '王小明',
        idType: 'resident_id',
        idNumber: idNumber(seq++),
        kind: 'skill_level',
        channel: 'social_organisation',
        issuerName: '上海某社会培训评价组织',
        number: c.number,
        occupationCode: c.occupationCode,
        occupationName: c.occupationName,
        level: c.level,
        issuedOn: c.issuedOn,
      };
      const res = await pjSchool('POST', '/api/external-certificates', body);
      expectError(res, 422, 'EXTCERT.ISSUED_HERE');
      expect(res.body.error.details.field).toBe('number');
    }
    expect((await shHr('GET', '/api/statistics/one-plus-x')).body).toEqual(before);
  });

  it('R11: holders by level per region count each person once per level; subsidies paid sum paidAmount', async () => {
    const s = (await shHr('GET', '/api/statistics/talent')).body;
    const raw = await rawHolders('31');
    expect(s.holders).toBeGreaterThan(0);
    expect(s.holders).toBe(raw.total);
    // A municipality (直辖市) reads its districts, not the placeholder 上海市市辖区 (310100).
    expect(s.rows.map((r: { regionCode: string; level: number; holders: number }) => [r.regionCode, r.level, r.holders])).toEqual(raw.byRegion);
    expect(s.rows.some((r: { regionName: string }) => r.regionName.includes('市辖区'))).toBe(false);
    const sub = (await shHr('GET', '/api/statistics/subsidies')).body;
    const [paid] = await queryRows<{ amount: number; n: number }>(
      t.db,
      sql`select coalesce(sum(paid_amount), 0)::int as amount, count(*)::int as n from subsidy_claims
        where status = 'paid' and region_code like '31%' and substr(paid_on, 1, 7) between ${sub.from} and ${sub.to}`,
    );
    expect(sub).toMatchObject({ amount: paid!.amount, count: paid!.n });
    expect(sub.byRegion.reduce((a: number, r: { amount: number }) => a + r.amount, 0)).toBe(sub.amount);
  });

  it('pass rates: sat excludes the absent, passed is at or above the part’s pass mark', async () => {
    const s = (await shHr('GET', '/api/statistics/pass-rates')).body;
    const raw = await queryRows<{ kind: string; sat: number; passed: number }>(
      t.db,
      sql`select pp.kind, (count(*) filter (where not pr.absent))::int as sat, (count(*) filter (where not pr.absent and pr.score >= pp.pass_mark))::int as passed
        from part_results pr join plan_parts pp on pp.id = pr.part_id join plans p on p.id = pr.plan_id join organisations o on o.id = p.org_id
        where pr.score is not null and o.region_code like '31%' and pr.at >= ${`${s.from}-01T00:00:00+08:00`}::timestamptz group by pp.kind`,
    );
    for (const r of raw) expect(s.byPart.find((p: { part: string }) => p.part === r.kind)).toMatchObject({ sat: r.sat, passed: r.passed });
    expect(s.byOccupation.length).toBeGreaterThanOrEqual(2);
  });

  it('every dashboard exports its figures as Excel', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/statistics/coverage/export.xlsx', headers: { cookie: await t.login('sh_hr') } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('pass-rate rollup (pass_monthly) kept exact by its triggers', () => {
  it('equals a fresh rebuild after inserts, a pass→fail change, a re-mark, absence, a changed pass mark and deletes; the dashboard follows', async () => {
    const snapshot = () =>
      queryRows(
        t.db,
        sql`select month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed from pass_monthly
          where sat <> 0 or passed <> 0 order by 1, 2, 3, 4, 5, 6`,
      );
    const keptEqualsRebuild = async (step: string) => {
      const kept = await snapshot();
      await t.db.execute(sql`select pass_monthly_rebuild()`);
      expect(await snapshot(), step).toEqual(kept);
    };
    const theory = async () => {
      const s = (await shHr('GET', `/api/statistics/pass-rates?from=${pick!.month}&to=${pick!.later}`)).body;
      return s.byPart.find((p: { part: string }) => p.part === pick!.kind) as { sat: number; passed: number } | undefined;
    };
    // A passed result of a Shanghai plan to move about; the dashboard is read over its month and the three after.
    const [pick] = await queryRows<{
      enrolment_id: string;
      part_id: string;
      plan_id: string;
      score: number;
      pass_mark: number;
      kind: string;
      month: string;
      later: string;
    }>(
      t.db,
      sql`select to_char((pr.at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') as month,
          to_char((pr.at at time zone 'UTC') + interval '8 hours' + interval '3 months', 'YYYY-MM') as later, pr.enrolment_id, pr.part_id, pr.plan_id, pr.score, pp.pass_mark, pp.kind from part_results pr
        join plan_parts pp on pp.id = pr.part_id join plans p on p.id = pr.plan_id join organisations o on o.id = p.org_id
        where o.region_code like '31%' and not pr.absent and pr.score >= pp.pass_mark order by pr.enrolment_id, pr.part_id limit 1`,
    );
    expect(pick).toBeDefined();
    await keptEqualsRebuild('as seeded');
    const before = await theory();
    expect(before?.sat).toBeGreaterThan(0);
    const row = sql`enrolment_id = ${pick!.enrolment_id} and part_id = ${pick!.part_id}`;
    // Delete, then insert it again.
    await t.db.execute(sql`delete from part_results where ${row}`);
    expect(await theory()).toMatchObject({ sat: before!.sat - 1, passed: before!.passed - 1 });
    await keptEqualsRebuild('after a delete');
    await t.db.execute(sql`insert into part_results (enrolment_id, part_id, plan_id, score, source)
      values (${pick!.enrolment_id}, ${pick!.part_id}, ${pick!.plan_id}, ${pick!.score}, 'exam')`);
    expect(await theory()).toMatchObject({ sat: before!.sat, passed: before!.passed });
    await keptEqualsRebuild('after an insert');
    // Pass → fail (a re-mark below the pass mark), then a re-mark back above it, in a later month.
    await t.db.execute(sql`update part_results set score = ${pick!.pass_mark - 1} where ${row}`);
    expect(await theory()).toMatchObject({ sat: before!.sat, passed: before!.passed - 1 });
    await keptEqualsRebuild('after pass → fail');
    await t.db.execute(sql`update part_results set score = ${pick!.pass_mark}, at = at + interval '40 days' where ${row}`);
    expect(await theory()).toMatchObject({ sat: before!.sat, passed: before!.passed });
    await keptEqualsRebuild('after a re-mark into another month');
    // Absent: no longer sat.
    await t.db.execute(sql`update part_results set absent = true where ${row}`);
    expect(await theory()).toMatchObject({ sat: before!.sat - 1, passed: before!.passed - 1 });
    await keptEqualsRebuild('after absent');
    await t.db.execute(sql`update part_results set absent = false where ${row}`);
    // The part's pass mark raised above every score: none of its results pass; lowered back, they do again.
    const [part] = await queryRows<{ n: number }>(
      t.db,
      sql`select (count(*) filter (where score >= ${pick!.pass_mark}))::int as n from part_results where part_id = ${pick!.part_id} and not absent and score is not null`,
    );
    await t.db.execute(sql`update plan_parts set pass_mark = 1000 where id = ${pick!.part_id}`);
    expect(await theory()).toMatchObject({ sat: before!.sat, passed: before!.passed - part!.n });
    await keptEqualsRebuild('after a changed pass mark');
    await t.db.execute(sql`update plan_parts set pass_mark = ${pick!.pass_mark} where id = ${pick!.part_id}`);
    // Several rows in one statement (a plan's results deleted and written again).
    const plan = await queryRows(t.db, sql`select * from part_results where plan_id = ${pick!.plan_id}`);
    await t.db.execute(sql`create table pass_test_copy as select * from part_results where plan_id = ${pick!.plan_id}`);
    await t.db.execute(sql`delete from part_results where plan_id = ${pick!.plan_id}`);
    await keptEqualsRebuild('after a plan’s results deleted');
    await t.db.execute(sql`insert into part_results select * from pass_test_copy`);
    await t.db.execute(sql`drop table pass_test_copy`);
    expect(plan.length).toBeGreaterThan(1);
    expect(await theory()).toMatchObject({ sat: before!.sat, passed: before!.passed });
    await keptEqualsRebuild('after a plan’s results written again');
  });
});

describe('R14: statistics and the institutions list read a suspension as it stands (standingOf)', () => {
  it('R14: a suspension whose last day is past is not counted and not listed as suspended; one in force is', async () => {
    const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const lg = (await lgSchool('GET', '/api/institutions')).body.items[0] as { id: string; orgId: string; status: string };
    expect(lg.status).toBe('listed');
    const read = async () => {
      const [filing, coverage, suspended, listed] = await Promise.all([
        shHr('GET', '/api/statistics/filing-coverage'),
        shHr('GET', '/api/statistics/coverage'),
        shHr('GET', '/api/institutions?status=suspended&pageSize=100'),
        shHr('GET', '/api/institutions?status=listed&pageSize=100'),
      ]);
      const school = coverage.body.schools.find((s: { name: string }) => s.name === '上海临港职业技术学院（演示）');
      const ids = (r: typeof suspended) => r.body.items.map((i: { id: string }) => i.id) as string[];
      return {
        filed: filing.body.filed as number,
        lgUnfiled: filing.body.unfiled.some((u: { name: string }) => u.name === '上海临港职业技术学院（演示）') as boolean,
        lgByScope: school.coveredByScope as number,
        suspended: { total: suspended.body.total as number, lg: ids(suspended).includes(lg.id) },
        listed: { total: listed.body.total as number, lg: ids(listed).includes(lg.id) },
      };
    };
    const before = await read();
    expect(before.lgUnfiled).toBe(false);
    expect(before.lgByScope).toBeGreaterThan(0);
    expect(before.listed.lg).toBe(true);
    const v = await shHr('POST', '/api/violations', {
      institutionId: lg.id,
      type: '考务违规',
      severity: 'serious',
      description: '统计测试：暂停备案至限期届满',
      occurredOn: chinaDay(-3),
      rule: '《评价机构管理办法》第十九条',
      sanction: { kind: 'suspend_institution', until: chinaDay(30) },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    // In force (its last day 30 days ahead): not filed, its scope covers no major, listed as suspended only.
    expect(await read()).toEqual({
      filed: before.filed - 1,
      lgUnfiled: true,
      lgByScope: 0,
      suspended: { total: before.suspended.total + 1, lg: true },
      listed: { total: before.listed.total - 1, lg: false },
    });
    // Its last day yesterday (China time): ended by itself, nobody lifted it — counted filed and listed again.
    await t.db.execute(sql`update sanctions set until = ${chinaDay(-1)} where id = ${v.body.sanctions[0].id}`);
    const [stored] = await queryRows<{ status: string }>(t.db, sql`select status from institutions where id = ${lg.id}`);
    expect(stored!.status).toBe('suspended');
    expect(await read()).toEqual(before);
    // The last day today: still in force.
    await t.db.execute(sql`update sanctions set until = ${chinaDay(0)} where id = ${v.body.sanctions[0].id}`);
    expect((await read()).suspended).toEqual({ total: before.suspended.total + 1, lg: true });
    await t.db.execute(sql`update sanctions set until = ${chinaDay(-1)} where id = ${v.body.sanctions[0].id}`);
  });
});

describe('R15 examiner workload rollup (marking_workload) kept exact by its triggers', () => {
  it('R15: equals a fresh rebuild after inserts, a second round, re-marks into another term, deletes and reassignment; the workload screen follows', async () => {
    // A closed plan of 上海临港 with three candidates, a chief and two examiners; marks dated in 2019 so no other data mixes in.
    const w = await makeEvaluationWorld(t, { candidates: 3, status: 'closed' });
    const [, ex1, ex2] = w.examiners;
    const [c0, c1, c2] = w.candidates;
    const [t0, t1] = w.practical.taskIds;
    const autumn = new Date('2019-10-16T03:00:00Z');
    // 2020-01-31 23:30 China time is still the autumn term (2019-1); 2020-02-01 00:30 China time the spring term (2019-2).
    const lastAutumn = new Date('2020-01-31T15:30:00Z');
    const spring = new Date('2020-01-31T16:30:00Z');
    const mark = (c: typeof c0, item: string, examinerId: string, at: Date, round = 'first'): typeof marks.$inferInsert => ({
      planId: w.planId,
      partId: w.practical.partId,
      enrolmentId: c!.enrolmentId,
      itemId: item,
      examinerId,
      round,
      scores: [],
      vetoes: [],
      total: 10,
      at,
    });
    const snapshot = () => queryRows(t.db, sql`select term, plan_id, examiner_id, candidates, tasks from marking_workload order by 1, 2, 3`);
    const keptEqualsRebuild = async (step: string) => {
      const kept = await snapshot();
      await t.db.execute(sql`select marking_workload_rebuild()`);
      expect(await snapshot(), step).toEqual(kept);
    };
    // The workload screen (HR of Shanghai, that school), per 考评员: [candidates marked, tasks marked].
    const screen = async (term: string) => {
      const res = await shHr('GET', `/api/workload?term=${term}&orgId=${w.orgId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const rows = res.body.rows as { certificateNo: string; candidatesMarked: number; tasksMarked: number }[];
      return Object.fromEntries(rows.filter((r) => r.tasksMarked > 0).map((r) => [r.certificateNo, [r.candidatesMarked, r.tasksMarked]]));
    };
    const one = sql`enrolment_id = ${c1!.enrolmentId} and examiner_id = ${ex1!.userId}`;

    // Inserts in one statement: examiner 1 marks two tasks of c0 (one candidate × part) and one of c1; examiner 2 c0's
    // first task; one mark of examiner 2 in the spring term; one at the autumn term's last half hour.
    await t.db
      .insert(marks)
      .values([
        mark(c0, t0!, ex1!.userId, autumn),
        mark(c0, t1!, ex1!.userId, autumn),
        mark(c1, t0!, ex1!.userId, lastAutumn),
        mark(c0, t0!, ex2!.userId, autumn),
        mark(c2, t0!, ex2!.userId, spring),
      ]);
    await keptEqualsRebuild('after inserts');
    expect(await screen('2019-1')).toEqual({ [ex1!.certificateNo]: [2, 3], [ex2!.certificateNo]: [1, 1] });
    expect(await screen('2019-2')).toEqual({ [ex2!.certificateNo]: [1, 1] });

    // A second round by the same examiner on a candidate × part already marked: one task more, no candidate more.
    await t.db.insert(marks).values(mark(c0, t0!, ex1!.userId, autumn, 'remark'));
    await keptEqualsRebuild('after a second round');
    expect(await screen('2019-1')).toEqual({ [ex1!.certificateNo]: [2, 4], [ex2!.certificateNo]: [1, 1] });

    // A re-mark in the same term changes nothing; a re-mark an hour later moves c1's mark into the spring term.
    await t.db.execute(sql`update marks set total = 12, at = at - interval '1 day' where ${one}`);
    await keptEqualsRebuild('after a re-mark in the term');
    expect(await screen('2019-1')).toEqual({ [ex1!.certificateNo]: [2, 4], [ex2!.certificateNo]: [1, 1] });
    await t.db.execute(sql`update marks set at = ${spring} where ${one}`);
    await keptEqualsRebuild('after a re-mark into the next term');
    expect(await screen('2019-1')).toEqual({ [ex1!.certificateNo]: [1, 3], [ex2!.certificateNo]: [1, 1] });
    expect(await screen('2019-2')).toEqual({ [ex1!.certificateNo]: [1, 1], [ex2!.certificateNo]: [1, 1] });

    // Deletes: one of c0's three marks by examiner 1 leaves the candidate counted; all three remove it.
    await t.db.execute(sql`delete from marks where enrolment_id = ${c0!.enrolmentId} and examiner_id = ${ex1!.userId} and item_id = ${t1!}`);
    await keptEqualsRebuild('after deleting one of a candidate’s marks');
    expect(await screen('2019-1')).toEqual({ [ex1!.certificateNo]: [1, 2], [ex2!.certificateNo]: [1, 1] });
    await t.db.execute(sql`delete from marks where enrolment_id = ${c0!.enrolmentId} and examiner_id = ${ex1!.userId}`);
    await keptEqualsRebuild('after deleting all of a candidate’s marks');
    expect(await screen('2019-1')).toEqual({ [ex2!.certificateNo]: [1, 1] });

    // Reassignment: examiner 2's marks moved to examiner 1 (both terms, one statement).
    await t.db.execute(sql`update marks set examiner_id = ${ex1!.userId} where plan_id = ${w.planId} and examiner_id = ${ex2!.userId}`);
    await keptEqualsRebuild('after reassignment');
    expect(await screen('2019-1')).toEqual({ [ex1!.certificateNo]: [1, 1] });
    expect(await screen('2019-2')).toEqual({ [ex1!.certificateNo]: [2, 2] });

    // The plan's marks deleted and written again in one statement each.
    await t.db.execute(sql`create table workload_test_copy as select * from marks where plan_id = ${w.planId}`);
    await t.db.execute(sql`delete from marks where plan_id = ${w.planId}`);
    await keptEqualsRebuild('after a plan’s marks deleted');
    expect(await screen('2019-1')).toEqual({});
    await t.db.execute(sql`insert into marks select * from workload_test_copy`);
    await t.db.execute(sql`drop table workload_test_copy`);
    await keptEqualsRebuild('after a plan’s marks written again');
    expect(await screen('2019-2')).toEqual({ [ex1!.certificateNo]: [2, 2] });
  }, 60_000);
});

describe('subsidies rollup (subsidy_paid_monthly) kept exact by its triggers', () => {
  it('equals a fresh rebuild after a claim is paid, its amount and day corrected, unpaid, deleted and written again; the dashboard follows', async () => {
    const snapshot = () =>
      queryRows(
        t.db,
        sql`select month, region_code, org_id, occupation_code, level, amount, claims from subsidy_paid_monthly
          where amount <> 0 or claims <> 0 order by 1, 2, 3, 4, 5`,
      );
    const keptEqualsRebuild = async (step: string) => {
      const kept = await snapshot();
      await t.db.execute(sql`select subsidy_paid_rebuild()`);
      expect(await snapshot(), step).toEqual(kept);
    };
    // A claim on a Shanghai school's certificate, moved into 2019 (no other claim is paid then).
    const [claim] = await queryRows<{ id: string; org_id: string; status: string; paid_on: string | null; paid_amount: number | null }>(
      t.db,
      sql`select s.id, i.org_id, s.status, s.paid_on, s.paid_amount from subsidy_claims s join certificates c on c.id = s.certificate_id
        join institutions i on i.id = c.institution_id join organisations o on o.id = i.org_id
        where o.region_code like '31%' and o.kind = 'school' order by s.id limit 1`,
    );
    expect(claim).toBeDefined();
    const month = async (m: string, orgId?: string) => {
      const res = await shHr('GET', `/api/statistics/subsidies?from=${m}&to=${m}${orgId ? `&orgId=${orgId}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { amount: res.body.amount as number, count: res.body.count as number };
    };
    const none = { amount: 0, count: 0 };
    const set = (values: SQL) => t.db.execute(sql`update subsidy_claims set ${values} where id = ${claim!.id}`);
    await keptEqualsRebuild('as seeded');
    expect(await month('2019-05')).toEqual(none);

    await set(sql`status = 'paid', paid_on = '2019-05-10', paid_amount = 1500`);
    await keptEqualsRebuild('after paying');
    expect(await month('2019-05')).toEqual({ amount: 1500, count: 1 });
    expect(await month('2019-05', claim!.org_id)).toEqual({ amount: 1500, count: 1 });
    await set(sql`paid_amount = 1200`);
    await keptEqualsRebuild('after a corrected amount');
    expect(await month('2019-05')).toEqual({ amount: 1200, count: 1 });
    await set(sql`paid_on = '2019-06-02'`);
    await keptEqualsRebuild('after a corrected day');
    expect(await month('2019-05')).toEqual(none);
    expect(await month('2019-06')).toEqual({ amount: 1200, count: 1 });
    await set(sql`status = 'approved'`);
    await keptEqualsRebuild('after unpaying');
    expect(await month('2019-06')).toEqual(none);
    await set(sql`status = 'paid'`);
    await t.db.execute(sql`create table subsidy_test_copy as select * from subsidy_claims where id = ${claim!.id}`);
    await t.db.execute(sql`delete from subsidy_claims where id = ${claim!.id}`);
    await keptEqualsRebuild('after a delete');
    expect(await month('2019-06')).toEqual(none);
    await t.db.execute(sql`insert into subsidy_claims select * from subsidy_test_copy`);
    await t.db.execute(sql`drop table subsidy_test_copy`);
    await keptEqualsRebuild('after writing it again');
    expect(await month('2019-06')).toEqual({ amount: 1200, count: 1 });
    // Back as it was.
    await set(sql`status = ${claim!.status}, paid_on = ${claim!.paid_on}, paid_amount = ${claim!.paid_amount}`);
    await keptEqualsRebuild('restored');
    expect(await month('2019-06')).toEqual(none);
  });
});
