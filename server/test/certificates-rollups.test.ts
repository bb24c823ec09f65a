import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

// Migration 0027: the certificates rollups (certificate_monthly, distinct holders) are kept on insert by statement
// triggers over the transition table — a multi-row insert, as an issuance chunk writes, must leave them exactly as
// a rebuild from the certificates themselves; status changes still go through the row triggers.

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
}, 60_000);
afterAll(async () => t?.close());

/** The holder rollup as kept, then as rebuilt from certificates (holder_counts_rebuild of 0021). */
async function holdersKeptAndRebuilt() {
  const read = () =>
    queryRows<{ scope_key: string; level: number; holders: number }>(
      t.db,
      sql`select scope_key, level, holders from holder_counts where holders > 0 order by 1, 2`,
    );
  const refs = () => queryRows(t.db, sql`select person_id, org_id, level, certificates from holder_refs order by 1, 2, 3`);
  const kept = { counts: await read(), refs: await refs() };
  await t.db.execute(sql`select holder_counts_rebuild()`);
  return { kept, rebuilt: { counts: await read(), refs: await refs() } };
}

/** certificate_monthly as kept, and as the aggregate of 0019 computes it from certificates. */
async function monthlyKeptAndRaw() {
  const kept = await queryRows(
    t.db,
    sql`select month, org_id, kind, occupation_code, level, valid, revoked from certificate_monthly where valid <> 0 or revoked <> 0 order by 1, 2, 3, 4, 5`,
  );
  const raw = await queryRows(
    t.db,
    sql`select * from (select substr(c.issued_on, 1, 7) as month, coalesce(i.org_id, c.issuer_org_id) as org_id, c.kind, coalesce(c.occupation_code, '') as occupation_code,
        coalesce(c.level, 0) as level, count(*) filter (where c.status = 'valid')::int as valid, count(*) filter (where c.status = 'revoked')::int as revoked
      from certificates c left join institutions i on i.id = c.institution_id where coalesce(i.org_id, c.issuer_org_id) is not null
      group by 1, 2, 3, 4, 5) x where valid <> 0 or revoked <> 0 order by 1, 2, 3, 4, 5`,
  );
  return { kept, raw };
}

describe('certificates rollups on a multi-row insert (migration 0027)', () => {
  it('one statement inserting many certificates — new and existing holders, several schools and levels, revoked, no level — keeps both rollups equal to a rebuild; revocation still moves them', async () => {
    // A demo certificate to copy (its school and organisation), and another organisation in another region: a
    // certificate with no school counts for its issuer's organisation.
    const [cert] = await queryRows<{ id: string; institution_id: string; org_id: string; person_id: string }>(
      t.db,
      sql`select c.id, c.institution_id, i.org_id, c.person_id from certificates c join institutions i on i.id = c.institution_id
        where c.status = 'valid' and c.level is not null order by c.number limit 1`,
    );
    expect(cert).toBeDefined();
    const [other] = await queryRows<{ id: string }>(
      t.db,
      sql`select o.id from organisations o join organisations mine on mine.id = ${cert!.org_id}
        where o.region_code is not null and substr(o.region_code, 1, 4) <> substr(mine.region_code, 1, 4) order by o.region_code limit 1`,
    );
    expect(other).toBeDefined();
    const at = [
      { inst: cert!.institution_id as string | null, issuer: cert!.org_id },
      { inst: null, issuer: other!.id },
    ];
    const people = await queryRows<{ id: string }>(
      t.db,
      sql`insert into persons (id_type, id_cipher, id_hash, name, gender, birth_date)
        select 'resident_id', 'v1:rollup-test', md5('rollup' || g) || md5('rollup-b' || g), '汇总测试' || g, 'female', '2004-05-06' from generate_series(1, 3) g
        returning id`,
    );
    const [a, b, c] = people.map((p) => p.id);
    const existing = cert!.person_id;
    // (where: the school, or no school and the other organisation; person; level or null; status): a new person with two
    // of one level at one and one of another level at the other; a new person once; an existing holder at a new level; a
    // revoked copy; a copy without a level.
    const rows: [number, string, number | null, 'valid' | 'revoked'][] = [
      [0, a!, 4, 'valid'],
      [0, a!, 4, 'valid'],
      [1, a!, 3, 'valid'],
      [1, b!, 5, 'valid'],
      [1, existing, 2, 'valid'],
      [0, c!, 4, 'revoked'],
      [0, c!, null, 'valid'],
      [1, c!, 3, 'valid'],
    ];
    const before = await holdersKeptAndRebuilt();
    expect(before.kept).toEqual(before.rebuilt);
    const values = sql.join(
      rows.map(
        ([w, person, level, status], n) =>
          sql`(${at[w]!.inst}::uuid, ${at[w]!.issuer}::uuid, ${`ROLLUP${String(n).padStart(16, '0')}`}::text, ${person}::uuid, ${level}::int, ${status}::text)`,
      ),
      sql`, `,
    );
    const inserted = await queryRows<{ id: string }>(
      t.db,
      sql`insert into certificates select (jsonb_populate_record(null::certificates, to_jsonb(c) || jsonb_build_object(
          'id', gen_random_uuid(), 'number', v.number, 'person_id', v.person, 'enrolment_id', null, 'status_list_id', null, 'status_index', null,
          'credential', null, 'credential_hash', null, 'level', v.level, 'status', v.status, 'remark', null,
          'institution_id', v.inst, 'issuer_org_id', v.issuer))).*
        from (values ${values}) as v(inst, issuer, number, person, level, status) join certificates c on c.id = ${cert!.id}
        returning id`,
    );
    expect(inserted.length).toBe(rows.length);
    const after = await holdersKeptAndRebuilt();
    expect(after.kept).toEqual(after.rebuilt);
    // The insert did count: persons a, b and c are holders now.
    expect(after.kept.counts.find((r) => r.scope_key === '' && r.level === 0)?.holders).toBe(
      (before.kept.counts.find((r) => r.scope_key === '' && r.level === 0)?.holders ?? 0) + 3,
    );
    const monthly = await monthlyKeptAndRaw();
    expect(monthly.kept).toEqual(monthly.raw);

    // Revocations and an un-revocation, one row at a time (the row triggers of 0019/0021 still apply).
    for (const id of inserted.slice(0, 3).map((r) => r.id)) {
      await t.db.execute(sql`update certificates set status = 'revoked' where id = ${id}`);
      const h = await holdersKeptAndRebuilt();
      expect(h.kept).toEqual(h.rebuilt);
    }
    await t.db.execute(sql`update certificates set status = 'valid' where id = ${inserted[1]!.id}`);
    const last = await holdersKeptAndRebuilt();
    expect(last.kept).toEqual(last.rebuilt);
    const m = await monthlyKeptAndRaw();
    expect(m.kept).toEqual(m.raw);
  });
});
