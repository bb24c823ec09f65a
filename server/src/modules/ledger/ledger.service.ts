import { createHash } from 'node:crypto';
import type { JobView } from '@skillcert/shared/api/enrolment';
import { LEDGER_PARTS, type LedgerExportBody, type LedgerPage, type LedgerPart, type LedgerQuery } from '@skillcert/shared/api/ledger';
import type { OrgKind } from '@skillcert/shared/domain';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { Zip, ZipDeflate } from 'fflate';
import type { UseCaseContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, notFound, unprocessable } from '../../http/errors.ts';
import { canSeeBankAnswers, inOrgScope, orgScopeOf, requireAction } from '../access/policy.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { enqueueJob, getJobFor, type JobResult, jobResultFor, registerJobHandler } from '../jobs/jobs.service.ts';
import { type SheetSpec, streamWorkbook } from './ledger.excel.ts';
import * as repo from './ledger.repository.ts';
import { LEDGER_SHEETS, ledgerPeriod, MAX_LEDGER_DAYS, mayReadWholeIdNumbers } from './ledger.rules.ts';
import { vm } from '@skillcert/shared/validation-key';

export const LEDGER_EXPORT_JOB = 'ledger.export';
export const BATCH_ARCHIVE_JOB = 'ledger.archive';
const CHUNK = 2000;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The reader's scope and the filters, checked: a school its own; a bureau its region; the institution must be in scope. */
async function criteriaFor(ctx: UseCaseContext, q: Omit<LedgerExportBody, never>): Promise<repo.LedgerCriteria> {
  requireAction(ctx.actor, 'ledger.read');
  const period = ledgerPeriod(q, today());
  if (!period.ok) {
    if (period.code === 'LEDGER.RANGE_TOO_LONG') throw unprocessable('LEDGER.RANGE_TOO_LONG', { maxDays: MAX_LEDGER_DAYS }, { maxDays: MAX_LEDGER_DAYS });
    throw badRequest('VALIDATION.FAILED', { issues: [{ path: 'querystring.to', message: vm('valid.rangeEnd') }] });
  }
  const scope = orgScopeOf(ctx.actor);
  if (q.institutionId) {
    const org = await repo.institutionOrg(ctx.db, q.institutionId);
    if (!org || !inOrgScope(scope, { id: org.id, kind: org.kind as OrgKind, regionCode: org.region_code })) throw notFound('institution');
  }
  return { scope, from: period.from, to: period.to, institutionId: q.institutionId, planId: q.planId, occupationCode: q.occupationCode };
}

/** A row as a reader sees it: the sealed ID number opened and shown whole or masked; internal fields dropped. */
function presentRow(vault: IdentityVault, row: repo.LedgerRow, reveal: boolean): Record<string, string | number | null> {
  const { _idCipher, ...rest } = row;
  if (_idCipher === undefined) return rest;
  let idNumber: string | null = null;
  try {
    idNumber = _idCipher ? vault.open(_idCipher) : null;
  } catch {
    idNumber = null;
  }
  const shown = idNumber ? (reveal ? idNumber : maskIdCard(idNumber)) : ((rest.maskedId as string | undefined) ?? null);
  return { ...rest, idNumber: shown };
}

/** The ledger on screen: one part, one page, with every part's count (ID numbers always masked here). */
export async function browseLedger(ctx: UseCaseContext, vault: IdentityVault, q: LedgerQuery): Promise<LedgerPage> {
  const c = await criteriaFor(ctx, q);
  const [rows, counts] = await Promise.all([
    repo.partRows(ctx.db, q.part, c, q.pageSize, (q.page - 1) * q.pageSize),
    Promise.all(LEDGER_PARTS.map(async (p) => [p, await repo.partCount(ctx.db, p, c)] as const)),
  ]);
  const countMap = Object.fromEntries(counts);
  return {
    part: q.part,
    columns: LEDGER_SHEETS[q.part].columns.map(({ key, title }) => ({ key, title })),
    rows: rows.map((r) => presentRow(vault, r, false)),
    total: countMap[q.part] ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    counts: countMap,
    idNumbersInExport: mayReadWholeIdNumbers(ctx.actor),
  };
}

interface ExportParams {
  criteria: repo.LedgerCriteria;
  reveal: boolean;
}

/** The Excel export of the ledger: built by the background job (progress per chunk of rows); download via the job. */
export async function startLedgerExport(ctx: UseCaseContext, body: LedgerExportBody): Promise<JobView> {
  const criteria = await criteriaFor(ctx, body);
  const params: ExportParams = { criteria, reveal: mayReadWholeIdNumbers(ctx.actor) };
  return enqueueOnce(ctx, LEDGER_EXPORT_JOB, params, criteria.scope.kind === 'org' ? criteria.scope.orgId : null);
}

/** Re-running while the same job is queued or running joins it (no second build). */
async function enqueueOnce(ctx: UseCaseContext, kind: string, params: unknown, orgId: string | null): Promise<JobView> {
  const existing = await repo.unfinishedJob(ctx.db, kind, ctx.actor.userId, params);
  if (existing) return getJobFor(ctx.db, ctx.actor, existing);
  return enqueueJob(ctx.db, { kind, params, orgId, createdBy: ctx.actor.userId });
}

/** Pages through a part in chunks, presenting each row for the reader. */
function chunksOf(db: Db, vault: IdentityVault, part: LedgerPart, c: repo.LedgerCriteria, reveal: boolean) {
  return async function* () {
    for (let offset = 0; ; offset += CHUNK) {
      const rows = await repo.partRows(db, part, c, CHUNK, offset);
      if (rows.length) yield rows.map((r) => presentRow(vault, r, reveal));
      if (rows.length < CHUNK) return;
    }
  };
}

export async function ledgerWorkbook(
  db: Db,
  vault: IdentityVault,
  p: ExportParams,
  progress?: (done: number, total: number) => Promise<void>,
): Promise<Buffer> {
  const counts = await Promise.all(LEDGER_PARTS.map((part) => repo.partCount(db, part, p.criteria)));
  const total = counts.reduce((a, b) => a + b, 0);
  let done = 0;
  await progress?.(0, total);
  const sheets: SheetSpec[] = LEDGER_PARTS.map((part) => ({
    name: LEDGER_SHEETS[part].sheet,
    columns: LEDGER_SHEETS[part].columns,
    rows: chunksOf(db, vault, part, p.criteria, p.reveal),
  }));
  return streamWorkbook(sheets, async (n) => {
    done += n;
    await progress?.(done, total);
  });
}

// --- 一批一档 (batch archive) ---------------------------------------------------------------------------------

interface ArchiveParams {
  planId: string;
  reveal: boolean;
  /** 题库保密: the paper's answers go in only for the school's own bank staff. */
  answers: boolean;
}

/** One plan's records as one ZIP, built by a job; the school (own plans) and HR of the region. */
export async function startBatchArchive(ctx: UseCaseContext, planId: string): Promise<JobView> {
  requireAction(ctx.actor, 'ledger.archive');
  const plan = await repo.planOrg(ctx.db, planId);
  if (!plan || !inOrgScope(orgScopeOf(ctx.actor), { id: plan.org_id, kind: plan.kind as OrgKind, regionCode: plan.region_code })) throw notFound('plan');
  const params: ArchiveParams = { planId, reveal: mayReadWholeIdNumbers(ctx.actor), answers: canSeeBankAnswers(ctx.actor, plan.org_id) };
  return enqueueOnce(ctx, BATCH_ARCHIVE_JOB, params, plan.org_id);
}

const ALL_TIME = { from: '2000-01-01', to: '2099-12-31' };

/** A sheet from rows already in memory (one plan's records are bounded by the plan's capacity). */
function sheet(name: string, columns: SheetSpec['columns'], rows: readonly Record<string, string | number | null>[]): SheetSpec {
  return {
    name,
    columns,
    rows: async function* () {
      yield rows;
    },
  };
}

function answerText(answer: unknown, reference: string | null): string {
  if (reference) return reference;
  return Array.isArray(answer) ? answer.join('') : typeof answer === 'string' ? answer : JSON.stringify(answer ?? '');
}

export async function batchArchive(db: Db, vault: IdentityVault, p: ArchiveParams, progress?: (done: number, total: number) => Promise<void>): Promise<Buffer> {
  const plan = await repo.planOrg(db, p.planId);
  if (!plan) throw notFound('plan');
  const c: repo.LedgerCriteria = { scope: { kind: 'all' }, ...ALL_TIME, planId: p.planId };
  const part = async (x: LedgerPart) => (await repo.partRows(db, x, c, null)).map((r) => presentRow(vault, r, p.reveal));
  const S = LEDGER_SHEETS;
  const idCol = { key: 'idNumber', title: '证件号码', width: 22 };

  type Built = { name: string; title: string; build: () => Promise<Uint8Array> };
  const files: Built[] = [
    {
      name: '01-报名与资格审查.xlsx',
      title: '报名与资格审查（考生来源、专业、毕业年份、报名状态）',
      build: async () => streamWorkbook([sheet(S.candidates.sheet, S.candidates.columns, await part('candidates'))]),
    },
    {
      name: '02-认定计划.xlsx',
      title: '备案的认定计划（计划、科目、场次、考评人员、质量督导）',
      build: async () =>
        streamWorkbook([
          sheet(S.plans.sheet, S.plans.columns, await part('plans')),
          sheet(
            '科目与场次',
            [
              { key: 'part', title: '考核科目' },
              { key: 'passMark', title: '合格线' },
              { key: 'minutes', title: '时长（分钟）' },
              { key: 'date', title: '日期' },
              { key: 'start', title: '开始' },
              { key: 'end', title: '结束' },
              { key: 'site', title: '考点', width: 24 },
              { key: 'room', title: '考场' },
              { key: 'capacity', title: '容量' },
            ],
            await repo.planPartsAndSittings(db, p.planId),
          ),
          sheet(S.examiners.sheet, S.examiners.columns, await part('examiners')),
          sheet(S.supervisors.sheet, S.supervisors.columns, await part('supervisors')),
        ]),
    },
    {
      name: '03-签到表.xlsx',
      title: '签到表（场次、座号、准考证号、签到与身份核验时间）',
      build: async () => {
        const rows = (await repo.signInSheet(db, p.planId)).map((r) => presentRow(vault, r, p.reveal));
        return streamWorkbook([
          sheet(
            '签到表',
            [
              { key: 'sitting', title: '场次', width: 18 },
              { key: 'room', title: '考场' },
              { key: 'seat', title: '座号', width: 8 },
              { key: 'examNumber', title: '准考证号', width: 20 },
              { key: 'name', title: '姓名', width: 10 },
              idCol,
              { key: 'signedInAt', title: '签到时间', width: 20 },
              { key: 'identityConfirmedAt', title: '身份核验时间', width: 20 },
              { key: 'attempt', title: '答卷状态' },
              { key: 'signature', title: '考生签名' },
            ],
            rows,
          ),
        ]);
      },
    },
    {
      name: '04-考场记录.xlsx',
      title: '考场记录（考场事件、督导报告、督导标记）',
      build: async () => {
        const r = await repo.roomRecords(db, p.planId);
        return streamWorkbook([
          sheet(
            '考场事件',
            [
              { key: 'sitting', title: '场次', width: 18 },
              { key: 'room', title: '考场' },
              { key: 'kind', title: '事件', width: 20 },
              { key: 'count', title: '次数' },
              { key: 'first', title: '首次' },
              { key: 'last', title: '末次' },
            ],
            r.events,
          ),
          sheet(
            '督导报告',
            [
              { key: 'at', title: '时间', width: 18 },
              { key: 'supervisor', title: '督导员' },
              { key: 'sitting', title: '场次', width: 20 },
              { key: 'findings', title: '督导情况', width: 40 },
              { key: 'irregularities', title: '违规情况', width: 30 },
            ],
            r.reports,
          ),
          sheet(
            '督导标记',
            [
              { key: 'at', title: '时间', width: 18 },
              { key: 'reason', title: '原因', width: 40 },
              { key: 'status', title: '状态' },
              { key: 'resolution', title: '处理结果', width: 40 },
            ],
            r.flags,
          ),
        ]);
      },
    },
    {
      name: '05-试卷与评分.xlsx',
      title: p.answers ? '试卷（含答案）与评分记录' : '试卷（题库保密：不含答案）与评分记录',
      build: async () => {
        const items = (await repo.paperItemsOf(db, p.planId)).map(({ _answer, _referenceAnswer, ...r }) => ({
          ...r,
          answer: p.answers ? answerText(_answer, _referenceAnswer) : null,
        }));
        const columns = [
          { key: 'paper', title: '试卷', width: 24 },
          { key: 'variant', title: '卷别', width: 6 },
          { key: 'position', title: '题号', width: 6 },
          { key: 'type', title: '题型', width: 10 },
          { key: 'stem', title: '题干', width: 60 },
          { key: 'points', title: '分值', width: 6 },
          ...(p.answers ? [{ key: 'answer', title: '答案', width: 30 }] : []),
        ];
        return streamWorkbook([sheet('试卷', columns, items), sheet(S.marks.sheet, S.marks.columns, await part('marks'))]);
      },
    },
    {
      name: '06-成绩与公示.xlsx',
      title: '认定结果与公示异议',
      build: async () =>
        streamWorkbook([
          sheet(S.results.sheet, S.results.columns, await part('results')),
          sheet(S.objections.sheet, S.objections.columns, await part('objections')),
        ]),
    },
    {
      name: '07-公示快照.json',
      title: '公示快照（公示时的名单原样）',
      build: async () => new TextEncoder().encode(JSON.stringify((await repo.publicitySnapshot(db, p.planId)) ?? null, null, 2)),
    },
    {
      name: '08-证书确认.xlsx',
      title: '证书确认（本批次证书清单）',
      build: async () => streamWorkbook([sheet(S.certificates.sheet, S.certificates.columns, await part('certificates'))]),
    },
  ];

  // Streamed ZIP: each file is deflated into the archive as it is built; chunks are gathered as they come out.
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else out.push(chunk);
  });
  const manifest: { name: string; title: string; bytes: number; sha256: string }[] = [];
  const add = (name: string, data: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = new Date('2020-01-01T00:00:00Z');
    zip.add(entry);
    entry.push(data, true);
  };
  const total = files.length + 1;
  await progress?.(0, total);
  for (const [i, f] of files.entries()) {
    const data = await f.build();
    manifest.push({ name: f.name, title: f.title, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    add(f.name, data);
    await progress?.(i + 1, total);
  }
  const head = { planId: plan.id, planTitle: plan.title, idNumbers: p.reveal ? 'whole' : 'masked', answers: p.answers, files: manifest };
  add('manifest.json', new TextEncoder().encode(JSON.stringify(head, null, 2)));
  add(
    '00-目录.txt',
    new TextEncoder().encode(
      [`一批一档：${plan.title}`, '', ...manifest.map((m, i) => `${i + 1}. ${m.name}  ${m.title}  ${m.bytes} 字节  SHA-256 ${m.sha256}`), ''].join('\r\n'),
    ),
  );
  zip.end();
  if (failed) throw failed;
  await progress?.(total, total);
  return Buffer.concat(out);
}

const LEDGER_JOBS = [LEDGER_EXPORT_JOB, BATCH_ARCHIVE_JOB];

/** A ledger job of the reader's own (anyone else's, or another kind: 404). */
export async function ledgerJob(ctx: UseCaseContext, id: string): Promise<JobView> {
  requireAction(ctx.actor, 'ledger.read');
  const job = await getJobFor(ctx.db, ctx.actor, id);
  if (!LEDGER_JOBS.includes(job.kind)) throw notFound('job');
  return job;
}

export async function ledgerJobResult(ctx: UseCaseContext, id: string): Promise<JobResult> {
  await ledgerJob(ctx, id);
  return jobResultFor(ctx.db, ctx.actor, id);
}

/** The two background jobs of this module (registered once with the app). */
export function registerLedgerJobs(db: Db, vault: IdentityVault): void {
  registerJobHandler(LEDGER_EXPORT_JOB, async (job) => {
    const p = job.params as ExportParams;
    const data = await ledgerWorkbook(db, vault, p, job.progress);
    return { data, name: `工作台账-${p.criteria.from}-${p.criteria.to}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  });
  registerJobHandler(BATCH_ARCHIVE_JOB, async (job) => {
    const p = job.params as ArchiveParams;
    const data = await batchArchive(db, vault, p, job.progress);
    return { data, name: `一批一档-${p.planId.slice(0, 8)}.zip`, type: 'application/zip' };
  });
}
