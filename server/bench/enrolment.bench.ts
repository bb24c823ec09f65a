/**
 * `npm run bench`: enrolling 10,000 candidates from one workbook (every row judged: GB 11643, R2, major, R3, once
 * per plan, capacity; ID numbers sealed; persons, enrolments and candidate accounts written in one transaction),
 * measured against a reference taken in the same run on the same machine: exceljs reading the same workbook plus a
 * raw batched insert of the same rows (chunked multi-row INSERTs, one transaction). Goal: at most LIMIT × it.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../src/bootstrap.ts';
import type { UseCaseContext } from '../src/context.ts';
import { as } from '../src/demo/demo-filings.ts';
import { candidatesWorkbook } from '../src/modules/enrolments/enrolments.excel.ts';
import { commitImport, previewImport } from '../src/modules/enrolments/enrolments.service.ts';
import { benchDatabase, report, SMOKE } from './harness.ts';
import { idNumber, makeEnrolmentPlan } from '../test/helpers/enrolment-plan.ts';

const CANDIDATES = SMOKE ? 500 : 10_000;
const LIMIT = 3;

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
};

/** 10,000 distinct valid candidates: sequence 000–999 over ten birth dates. */
function rows(): string[][] {
  return Array.from({ length: CANDIDATES }, (_, i) => {
    const birth = `200501${String(10 + Math.floor(i / 1000)).padStart(2, '0')}`;
    return [
      '考生' + i,
      '居民身份证',
      idNumber(i % 1000, birth),
      '',
      '',
      '本校学生',
      '',
      '460305 工业机器人技术',
      `机器人23${String(i % 40).padStart(2, '0')}`,
      '2026',
      '13800138000',
      '',
      '',
      '',
    ];
  });
}

async function reference(ctx: UseCaseContext, file: Buffer): Promise<number> {
  const [data, read] = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const out: string[][] = [];
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n > 1) out.push(Array.from({ length: 14 }, (_, c) => String(r.getCell(c + 1).value ?? '')));
    });
    return out;
  });
  await ctx.db.execute(
    sql`create temporary table bench_raw (name text, id_type text, id_number text, gender text, birth text, category text, school text, major text, class text, year text, phone text, theory text, practical text, review text)`,
  );
  const [, write] = await time(() =>
    ctx.db.transaction(async (tx) => {
      for (let i = 0; i < data.length; i += 1000) {
        const chunk = data.slice(i, i + 1000).map(
          (r) =>
            sql`(${sql.join(
              r.map((v) => sql`${v}`),
              sql`, `,
            )})`,
        );
        await tx.execute(sql`insert into bench_raw values ${sql.join(chunk, sql`, `)}`);
      }
    }),
  );
  return read + write;
}

async function main() {
  const target = await benchDatabase();
  const { database, identity } = await prepareDatabase({ databaseUrl: target.url, dataDir: '', seedDemo: true, dataKey: undefined }, { inMemory: true });
  const school = await as(database.db, 'lg_school_admin');
  const { planId } = await makeEnrolmentPlan(database.db, { capacity: CANDIDATES * 2 });
  const file = await candidatesWorkbook(rows());

  const ref = await reference(school, file);
  const [preview, previewMs] = await time(() => previewImport(school, identity, planId, file));
  if (preview.accepted !== CANDIDATES)
    throw new Error(`preview refused rows: ${JSON.stringify(preview.verdicts.find((v) => !v.accepted) ?? preview.fileErrors)}`);
  const [done, importMs] = await time(() => commitImport(school, identity, planId, file));
  if (!done.stored || done.accepted !== CANDIDATES) throw new Error('import did not store every row');

  const ratio = importMs / ref;
  console.log(`enrolment import (${database.kind}, ${CANDIDATES} candidates, ${Math.round(file.length / 1024)} KiB workbook)`);
  console.log(`  reference (read workbook + raw insert)   ${ref.toFixed(0)} ms`);
  console.log(`  preview, every row judged, nothing saved ${previewMs.toFixed(0)} ms  ratio ${(previewMs / ref).toFixed(2)}`);
  console.log(
    `  import, judged and stored with accounts  ${importMs.toFixed(0)} ms  (${Math.round((CANDIDATES * 1000) / importMs)} candidates/s)  ratio ${ratio.toFixed(2)} / goal ${LIMIT}`,
  );
  await database.close();
  await target.drop();
  report({
    figure: `enrolment of ${CANDIDATES.toLocaleString()} candidates`,
    unit: 'ms',
    ours: importMs,
    limit: ref,
    limitName: 'exceljs read + raw batched insert',
    goal: { atMost: LIMIT },
  });
}

await main();
