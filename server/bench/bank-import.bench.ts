/**
 * `npm run bench`: importing a 10,000-item bank from the Excel template, measured against a limit taken in the
 * same run on the same machine (these machines are shared and noisy, so absolute times alone mean little).
 *
 * Reference = the unavoidable work: exceljs reading the same workbook + inserting 10,000 rows of the same width
 * straight into a table (chunked multi-row INSERTs, one transaction). The import does more — it checks every row
 * against the template, catalogs, blueprint and bank, writes item + version rows and the audit entry — and
 * must stay within LIMIT × the reference.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../src/bootstrap.ts';
import type { UseCaseContext } from '../src/context.ts';
import { as } from '../src/demo/demo-filings.ts';
import { createBlueprint } from '../src/modules/blueprints/blueprints.service.ts';
import { allOccupations } from '../src/modules/occupations/occupations.repository.ts';
import { itemTemplateWorkbook } from '../src/modules/items/items.excel.ts';
import { importItemsExcel } from '../src/modules/items/items.service.ts';
import { parseItemsTask } from '../src/modules/items/items.tasks.ts';
import { closeWorkerPool, warmWorkerPool } from '../src/lib/worker-pool.ts';
import { assemble } from '../src/modules/papers/papers.service.ts';
import { benchDatabase, report, SMOKE } from './harness.ts';
import { ELECTRICIAN_BLUEPRINT, fillTemplate, generateBankRows } from '../test/helpers/bank-workbook.ts';

const ITEMS = SMOKE ? 500 : 10_000;
/** The import may cost at most this many times the reference (read the file + write the rows raw). */
const LIMIT = 3;

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
};

async function reference(ctx: UseCaseContext, file: Buffer): Promise<number> {
  const [, read] = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  });
  await ctx.db.execute(
    sql`create temporary table bench_raw (id uuid primary key, blueprint_id uuid, type text, stem text, options jsonb, answer jsonb, content jsonb, points float8, difficulty int2)`,
  );
  const [, write] = await time(() =>
    ctx.db.transaction(async (tx) => {
      for (let i = 0; i < ITEMS; i += 500) {
        const rows = Array.from({ length: 500 }, (_, k) => {
          const options = JSON.stringify([
            { key: 'A', text: `选项${i + k}` },
            { key: 'B', text: '乙' },
            { key: 'C', text: '丙' },
            { key: 'D', text: '丁' },
          ]);
          return sql`(${randomUUID()}, ${randomUUID()}, 'single', ${`题干${i + k}：下列说法正确的是（　）。`}, ${options}::jsonb, '["B"]'::jsonb, ${options}::jsonb, 1, 3)`;
        });
        await tx.execute(sql`insert into bench_raw values ${sql.join(rows, sql`, `)}`);
      }
    }),
  );
  return read + write;
}

async function main() {
  const target = await benchDatabase();
  const { database } = await prepareDatabase({ databaseUrl: target.url, dataDir: '', seedDemo: true, dataKey: undefined }, { inMemory: true });
  const school = await as(database.db, 'school_admin');
  const bp = await createBlueprint(school, ELECTRICIAN_BLUEPRINT);
  const occs = await allOccupations(database.db);
  const catalog = {
    occupations: occs.map((o) => ({ code: o.code, name: o.name })),
    blueprints: [{ id: bp.id, occupationCode: bp.occupationCode, occupationName: bp.occupationName, level: bp.level, theory: bp.theory, skills: bp.skills }],
  };
  const file = await fillTemplate(await itemTemplateWorkbook(catalog), generateBankRows(ITEMS, 42));

  // The server starts its worker pool with the workbook reader loaded (app.ts); so does the bench, before the clock.
  await warmWorkerPool([parseItemsTask]);
  const ref = await reference(school, file);
  const [first, importMs] = await time(() => importItemsExcel(school, file));
  if (!first.stored || first.created !== ITEMS) throw new Error(`import failed: ${JSON.stringify(first.errors.slice(0, 3))}`);
  const [again, reimportMs] = await time(() => importItemsExcel(school, file));
  if (again.unchanged !== ITEMS) throw new Error('re-import changed items');
  // (the smoke run's bank is too small for a paper)
  const [, assembleMs] = await time(async () => {
    if (SMOKE) return;
    // Imported items wait for review before a paper may use them: a refusal here is printed, not fatal to the figure.
    await assemble(school, {
      blueprintId: bp.id,
      name: 'bench',
      sections: [
        { type: 'judge', count: 20, points: 1 },
        { type: 'single', count: 60, points: 1 },
        { type: 'multiple', count: 10, points: 2 },
      ],
      variants: 2,
      difficultyTarget: 3,
      dryRun: true,
    }).catch((e: unknown) => console.log(`  assemble refused: ${e instanceof Error ? e.message : String(e)}`));
  });

  const ratio = importMs / ref;
  const kb = Math.round(file.length / 1024);
  console.log(`bank import (${database.kind}, ${ITEMS} items, ${kb} KiB workbook)`);
  console.log(`  reference (read workbook + raw insert)  ${ref.toFixed(0)} ms`);
  console.log(
    `  import, all rows stored                 ${importMs.toFixed(0)} ms  (${Math.round((ITEMS * 1000) / importMs)} items/s)  ratio ${ratio.toFixed(2)} / limit ${LIMIT}`,
  );
  console.log(`  re-import, all rows unchanged           ${reimportMs.toFixed(0)} ms  ratio ${(reimportMs / ref).toFixed(2)}`);
  console.log(`  assemble 2 variants × 90 items (preview) ${assembleMs.toFixed(0)} ms from ${ITEMS} items`);
  await closeWorkerPool();
  await database.close();
  await target.drop();
  report({
    figure: `bank import of ${ITEMS.toLocaleString()} items`,
    unit: 'ms',
    ours: importMs,
    limit: ref,
    limitName: 'exceljs read + raw batched insert',
    goal: { atMost: LIMIT },
  });
}

await main();
