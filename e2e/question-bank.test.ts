import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi, settled } from './harness.ts';

/**
 * 题库 (question bank) end to end through the web app, as the demo school's administrator:
 *  - a 鉴定要素细目表 for an occupation with a national standard, through the editor (running sums, the server's
 *    weight problems, then whole); R5 refuses one for an occupation without a standard or a filed 评价规范;
 *  - 500 items generated from the downloaded template (header row read to place the columns), reviewer filled in,
 *    imported through the Excel dialog; a workbook with errors gives the error table and the annotated workbook;
 *  - an item written in the editor with its live candidate preview and version history;
 *  - 组卷: a bank too small for six variants is explained (shortages), two variants previewed with the coverage
 *    chart and generated; the paper's QTI package downloaded and re-imported: nothing changes;
 *  - 录入成绩: the paper's scores sheet filled for 30 candidates and uploaded; the item made too easy shows flagged;
 *  - reviewing one's own items is refused in place; removing an area that items sit on is refused (409).
 */

const e2e = useServerAndBrowser();

/** A screenshot once animations have settled; dialogs are taken at viewport size (the mask covers only the viewport). */
async function shot(page: Page, name: string, fullPage = true) {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `bank-${name}.png`), fullPage });
}

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { acceptDownloads: true }, '/');
}

/** Fills an antd Input / InputNumber by test id (the id may sit on the input or on its affix wrapper). */
async function fill(page: Page, testId: string, value: string | number) {
  const el = page.getByTestId(testId);
  const input =
    (await el.evaluate((e) => e.tagName)) === 'INPUT' || (await el.evaluate((e) => e.tagName)) === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await input.fill(String(value));
}

/** Clicks something that starts a download and returns the file. */
async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await d.path();
  return { download: d, bytes: fs.readFileSync(file) };
}

async function api<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${e2e.server.baseUrl}${url}`);
  expect(res.ok(), `${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

// --- The generated bank ----------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so the bank is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONTEXTS = [
  '低压配电柜检修',
  '照明线路安装',
  '三相异步电动机控制',
  '电缆敷设作业',
  '变压器巡视',
  '接地装置检测',
  '可编程控制器接线',
  '电工仪表使用',
  '临时用电管理',
  '车间动力配电',
  '漏电保护器调试',
  '电气火灾预防',
  '高处作业登杆',
  '导线连接与绝缘恢复',
  '配电箱安装',
  '星三角降压启动',
];
const SUBJECTS = [
  '万用表量程选择',
  '绝缘电阻测量',
  '熔断器额定电流',
  '接触器自锁回路',
  '热继电器整定',
  '验电器使用顺序',
  '导线截面选择',
  '保护接零方式',
  '电流互感器二次侧',
  '停电挂牌制度',
  '兆欧表摇测速度',
  '相序检查',
  '剩余电流动作值',
  '安全距离要求',
  '工作票签发',
  '电能表接线方式',
  '线槽固定间距',
  '等电位联结',
];
const PREDICATES = [
  '应当如何处理',
  '的正确做法是',
  '须满足哪项要求',
  '最常见的错误是',
  '应首先检查什么',
  '需要遵守的规定是',
  '正确的数值范围是',
  '应由谁负责确认',
];
const ANSWERS = [
  '按规程先断电验电后操作',
  '选用与负载相匹配的规格',
  '由持证电工复核后执行',
  '记录数据并挂警示牌',
  '按图纸核对编号再接线',
  '测量后与标准值比对',
  '逐级检查保护装置动作',
  '穿戴绝缘防护用品',
  '保持规定的安全距离',
  '使用合格的专用工具',
];

interface Node {
  area: string;
  code: string;
  count: number;
}
/** Theory nodes of the blueprint the test builds, with how many items each gets (500 in all). */
const NODES: Node[] = [
  { area: '1', code: '1.1', count: 50 },
  { area: '1', code: '1.2', count: 50 },
  { area: '2', code: '2', count: 150 },
  { area: '3', code: '3', count: 125 },
  { area: '4', code: '4', count: 125 },
];

/** The template's header row → column number, by the header's leading Chinese word. */
function columnsOf(ws: ExcelJS.Worksheet): (label: string) => number {
  const map = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const text = String(cell.value ?? '').trim();
    map.set(text.split(/\s+/)[0] ?? text, col);
  });
  return (label: string) => {
    const col = map.get(label);
    if (!col) throw new Error(`template has no column "${label}"; headers: ${[...map.keys()].join(', ')}`);
    return col;
  };
}

async function templateSheet(template: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((s) => s.name.includes('题库')) ?? wb.worksheets[0];
  if (!ws) throw new Error('template has no sheet');
  return { wb, ws, col: columnsOf(ws) };
}

/** 500 reviewed theory items on the template's layout: 单选 / 多选 / 判断 over the blueprint's nodes. */
async function bankWorkbook(template: Buffer, occupation: string, level: string): Promise<Buffer> {
  const { wb, ws, col } = await templateSheet(template);
  const random = rng(20260415);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  // Every stem a different (context, subject, predicate) combination: no two stems are near-duplicates (雷同题).
  const shuffled = <T>(xs: T[]): T[] =>
    xs
      .map((x) => ({ x, k: random() }))
      .sort((a, b) => a.k - b.k)
      .map((p) => p.x);
  const combos = (tails: readonly string[]) => shuffled(CONTEXTS.flatMap((c) => SUBJECTS.flatMap((s) => tails.map((tail) => [c, s, tail] as const))));
  const questions = combos(PREDICATES);
  const statements = combos(ANSWERS);
  let row = 2;
  let n = 0;
  for (const node of NODES) {
    for (let k = 0; k < node.count; k++) {
      n++;
      const r = ws.getRow(row++);
      const roll = k % 20;
      const type = roll < 5 ? '判断' : roll < 16 ? '单选' : '多选';
      const [c, subject, tail] = (type === '判断' ? statements.pop() : questions.pop()) ?? ['', '', ''];
      const stem = type === '判断' ? `${c}时，${subject}必须${tail}（第${n}题）` : `${c}时，${subject}${tail}（第${n}题）`;
      r.getCell(col('职业')).value = occupation;
      r.getCell(col('等级')).value = level;
      r.getCell(col('题型')).value = type;
      r.getCell(col('知识点')).value = node.code;
      r.getCell(col('难度')).value = 1 + Math.min(4, Math.floor(random() * 3 + random() * 3));
      r.getCell(col('分值')).value = type === '多选' ? 2 : 1;
      r.getCell(col('题干')).value = stem;
      if (type === '判断') {
        r.getCell(col('答案')).value = random() < 0.5 ? '正确' : '错误';
      } else {
        const options = [...ANSWERS].sort(() => random() - 0.5).slice(0, type === '单选' ? 4 : 5);
        options.forEach((text, i) => (r.getCell(col(`选项${String.fromCharCode(65 + i)}`)).value = text));
        r.getCell(col('答案')).value = type === '单选' ? pick(['A', 'B', 'C', 'D']) : pick(['AB', 'ACD', 'BCE', 'ABD', 'CE']);
      }
      r.getCell(col('解析')).value = '依据国家职业技能标准（电工）相关要求。';
      r.getCell(col('审核人')).value = '王审核';
      r.commit();
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Three rows with mistakes: no stem, an answer naming no option, a point the blueprint does not have. */
async function badWorkbook(template: Buffer, occupation: string, level: string): Promise<Buffer> {
  const { wb, ws, col } = await templateSheet(template);
  const rows: Record<string, string | number>[] = [
    { 职业: occupation, 等级: level, 题型: '单选', 知识点: '2', 难度: 3, 分值: 1, 题干: '', 选项A: '甲', 选项B: '乙', 答案: 'A' },
    {
      职业: occupation,
      等级: level,
      题型: '单选',
      知识点: '2',
      难度: 3,
      分值: 1,
      题干: '兆欧表摇测时手柄的额定转速约为多少（错误示例一）',
      选项A: '60 r/min',
      选项B: '120 r/min',
      答案: 'Z',
    },
    { 职业: occupation, 等级: level, 题型: '判断', 知识点: '9.9', 难度: 2, 分值: 1, 题干: '验电前应先在有电设备上确认验电器良好（错误示例二）', 答案: '正确' },
  ];
  rows.forEach((values, i) => {
    const r = ws.getRow(2 + i);
    for (const [label, value] of Object.entries(values)) if (value !== '') r.getCell(col(label)).value = value;
    r.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- The flow --------------------------------------------------------------------------------------------

interface BlueprintRow {
  id: string;
  occupationCode: string;
  level: number;
}
interface OccupationRow {
  code: string;
  name: string;
  levels: number[];
}

const LEVEL_WORD: Record<number, string> = { 5: '五级', 4: '四级', 3: '三级', 2: '二级', 1: '一级' };

describe('题库 through the web app', () => {
  it('blueprint, 500-item Excel import, errors with the annotated workbook, editor, 组卷 with two variants, QTI round trip', async () => {
    const { context, page } = await loginAs('school_admin');

    // Which occupation and level: 电工 with a national standard, at a level the school has no blueprint for yet.
    const existing = await api<BlueprintRow[]>(page, '/api/blueprints');
    const level = [4, 3, 5].find((l) => !existing.some((b) => b.occupationCode === '6-31-01-03' && b.level === l));
    if (!level) throw new Error('the demo school already has every 电工 blueprint');
    const levelWord = LEVEL_WORD[level]!;

    // R5: an occupation without a national standard (and no filed 评价规范) is refused, and the alert says why.
    const bare = await api<{ items: OccupationRow[] }>(page, '/api/occupations?hasStandard=false&pageSize=5');
    const noStandard = bare.items[0];
    if (noStandard) {
      await page.getByTestId('menu-blueprints').click();
      await page.getByTestId('blueprint-new').click();
      await choose(page, 'blueprint-occupation', noStandard.name, noStandard.code);
      await choose(page, 'blueprint-level', LEVEL_WORD[noStandard.levels[0] ?? 4]!);
      await fill(page, 'blueprint-theory-name-0', '基础知识');
      await fill(page, 'blueprint-theory-weight-0', 100);
      await fill(page, 'blueprint-skills-name-0', '操作技能');
      await fill(page, 'blueprint-skills-weight-0', 100);
      await page.getByTestId('blueprint-save').click();
      const refusal = page.getByTestId('blueprint-refusal');
      await refusal.waitFor();
      expect(await refusal.getAttribute('data-code')).toBe('BLUEPRINT.NO_BASIS');
      expect(await refusal.innerText()).toContain('R5');
      await shot(page, '01-blueprint-refused-R5');
    }

    // The blueprint: theory areas 1 (two points) … 4, skills A and B. First with a wrong sum, as saved by the e2e.server.
    await page.getByTestId('menu-blueprints').click();
    await page.getByTestId('blueprint-new').click();
    await choose(page, 'blueprint-occupation', '电工', '6-31-01-03');
    await choose(page, 'blueprint-level', levelWord);
    const theory: [string, string, number][] = [
      ['1', '基本要求', 20],
      ['2', '电工基础知识', 30],
      ['3', '电气安装与线路敷设', 25],
      ['4', '电气控制与调试', 20], // 95 in all: the server lists the problem
    ];
    for (const [i, [code, name, weight]] of theory.entries()) {
      if (i > 0) await page.getByTestId('blueprint-theory-add-area').click();
      await fill(page, `blueprint-theory-code-${i}`, code);
      await fill(page, `blueprint-theory-name-${i}`, name);
      await fill(page, `blueprint-theory-weight-${i}`, weight);
    }
    for (const [j, [name, weight]] of (
      [
        ['职业道德', 10],
        ['安全生产知识', 10],
      ] as const
    ).entries()) {
      await page.getByTestId('blueprint-theory-add-point-0').click();
      await fill(page, `blueprint-theory-point-name-0-${j}`, name);
      await fill(page, `blueprint-theory-point-weight-0-${j}`, weight);
    }
    await expect.poll(() => page.getByTestId('blueprint-theory-point-sum-0').getAttribute('data-sum')).toBe('20');
    await fill(page, 'blueprint-skills-code-0', 'A');
    await fill(page, 'blueprint-skills-name-0', '电气安装与线路敷设');
    await fill(page, 'blueprint-skills-weight-0', 50);
    await page.getByTestId('blueprint-skills-add-area').click();
    await fill(page, 'blueprint-skills-code-1', 'B');
    await fill(page, 'blueprint-skills-name-1', '电气控制与调试');
    await fill(page, 'blueprint-skills-weight-1', 50);
    expect(await page.getByTestId('blueprint-theory-sum').getAttribute('data-sum')).toBe('95');
    expect(await page.getByTestId('blueprint-skills-sum').getAttribute('data-sum')).toBe('100');
    await page.getByTestId('blueprint-save').click();
    await page.waitForURL(/\/blueprints\/[0-9a-f-]{36}$/);
    const blueprintId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('blueprint-problems').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('blueprint-basis').getAttribute('data-basis')).toBe('national_standard');
    await shot(page, '02-blueprint-problems');
    // Fixed: area 4 weighs 25, the sums reach 100 and the server reports no problem.
    await fill(page, 'blueprint-theory-weight-3', 25);
    await expect.poll(() => page.getByTestId('blueprint-theory-sum').getAttribute('data-sum')).toBe('100');
    await page.getByTestId('blueprint-save').click();
    await expect.poll(() => page.getByTestId('blueprint-problems').getAttribute('data-count')).toBe('0');
    await shot(page, '03-blueprint-whole');

    // The template, downloaded from the bank page; 500 items written into it and imported.
    await page.getByTestId('menu-bank').click();
    await page.getByTestId('items-table').waitFor();
    const template = await download(page, () => page.getByTestId('bank-template').click());
    expect(template.download.suggestedFilename()).toMatch(/\.xlsx$/);
    const occupation = '6-31-01-03 电工';
    const bank = await bankWorkbook(template.bytes, occupation, levelWord);
    await page.getByTestId('bank-import').click();
    await page.getByTestId('item-import-file').waitFor();
    await page
      .getByTestId('item-import-file')
      .locator('input[type=file]')
      .setInputFiles({ name: '电工题库.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bank });
    const report = page.getByTestId('item-import-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.getAttribute('data-stored')).toBe('true');
    expect(await page.getByTestId('item-import-created').innerText()).toContain('500');
    expect(await page.getByTestId('item-import-rows').innerText()).toContain('500');
    await shot(page, '04-excel-import-500', false);

    // A workbook with mistakes: nothing stored, the error table, and the user's own workbook back with comments.
    const bad = await badWorkbook(template.bytes, occupation, levelWord);
    await page
      .getByTestId('item-import-file')
      .locator('input[type=file]')
      .setInputFiles({ name: '错题.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
    await expect.poll(() => page.getByTestId('item-import-report').getAttribute('data-stored')).toBe('false');
    const errorRows = page.getByTestId('item-import-errors').locator('tbody tr.ant-table-row');
    await expect.poll(() => errorRows.count()).toBeGreaterThanOrEqual(3);
    const errorsText = await page.getByTestId('item-import-errors').innerText();
    for (const rowNo of ['2', '3', '4']) expect(errorsText).toContain(rowNo);
    await shot(page, '05-excel-import-errors', false);
    const annotated = await download(page, () => page.getByTestId('item-import-annotated').click());
    expect(annotated.download.suggestedFilename()).toBe('错题-errors.xlsx');
    const annotatedWb = new ExcelJS.Workbook();
    await annotatedWb.xlsx.load(annotated.bytes as unknown as ArrayBuffer);
    let notes = 0;
    annotatedWb.worksheets[0]?.eachRow((r) => r.eachCell({ includeEmpty: true }, (c) => void (c.note ? notes++ : 0)));
    expect(notes).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Escape');

    // An import never marks items reviewed: a colleague (school_staff) reviews the 500 drafts in the platform.
    const reviewer = await loginAs('school_staff');
    const drafts: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const res = await reviewer.page.request.get(`${e2e.server.baseUrl}/api/items?blueprintId=${blueprintId}&status=draft&pageSize=200&page=${p}`);
      drafts.push(...((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id));
    }
    expect(drafts).toHaveLength(500);
    const reviewed = await reviewer.page.request.post(`${e2e.server.baseUrl}/api/items/status`, { data: { ids: drafts, status: 'reviewed' } });
    expect(reviewed.status(), await reviewed.text()).toBe(200);
    expect(((await reviewed.json()) as { changed: number }).changed).toBe(500);
    await reviewer.context.close();

    // The bank page, filtered to the new blueprint (kept in the URL): 500 items, reviewed.
    await page.goto(`${e2e.server.baseUrl}/bank?blueprintId=${blueprintId}&status=reviewed`);
    await expect.poll(() => page.getByTestId('items-table').getAttribute('data-total'), { timeout: 15_000 }).toBe('500');
    await shot(page, '06-bank-browser');

    // One item written in the editor: the live preview shows it as the candidate will see it.
    await page.getByTestId('bank-new-item').click();
    await page.getByTestId('item-stem').waitFor();
    await choose(page, 'item-blueprint', '电工');
    await page.getByTestId('item-node').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '2 电工基础知识' }).first().click();
    await fill(page, 'item-stem', '用万用表测量交流电压时，转换开关应置于哪一挡？（编辑器示例）');
    const optionTexts = ['直流电压挡', '交流电压挡', '电阻挡', '电流挡'];
    for (const [i, text] of optionTexts.entries()) await fill(page, `item-option-${i}`, text);
    await page.getByTestId('item-answer').getByText('B', { exact: true }).click();
    await fill(page, 'item-analysis', '测量交流电压须用交流电压挡。');
    await expect.poll(() => page.getByTestId('item-live-preview').innerText()).toContain('交流电压挡');
    expect(await page.getByTestId('item-live-preview-stem').innerText()).toContain('编辑器示例');
    expect(await page.getByTestId('item-live-answer').innerText()).toContain('答案：B');
    await shot(page, '07-item-editor-preview', false);
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-detail').getByTestId('item-versions').waitFor();
    expect(await page.getByTestId('item-detail').getByTestId('item-version').innerText()).toBe('v1');
    expect(await page.getByTestId('item-detail').getByTestId('item-status').getAttribute('data-status')).toBe('draft');
    await shot(page, '08-item-detail-versions', false);
    await page.keyboard.press('Escape');

    // Reviewing one's own items is refused in place (the editor's item is the admin's own draft).
    await page.goto(`${e2e.server.baseUrl}/bank?blueprintId=${blueprintId}&status=draft`);
    await expect.poll(() => page.getByTestId('items-table').getAttribute('data-total'), { timeout: 15_000 }).toBe('1');
    await page.getByTestId('items-table').locator('tbody tr.ant-table-row .ant-table-selection-column .ant-checkbox').first().click();
    await expect.poll(() => page.getByTestId('bank-selected').getAttribute('data-count')).toBe('1');
    await page.getByTestId('bank-review').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const selfReview = page.getByTestId('bank-status-refusal');
    await selfReview.waitFor();
    expect(await selfReview.getAttribute('data-code')).toBe('ITEM.SELF_REVIEW');
    expect(await page.getByTestId('bank-self-review-count').innerText()).toContain('1');
    await shot(page, '09-self-review-refused');

    // 组卷 from the blueprint: six variants of 90 items are more than the bank holds — the shortages, not a short paper.
    await page.goto(`${e2e.server.baseUrl}/blueprints/${blueprintId}`);
    await page.getByTestId('blueprint-assemble').click();
    await page.getByTestId('assembly-preview').waitFor();
    await fill(page, 'assembly-name', `电工${levelWord}理论知识试卷（E2E）`);
    await fill(page, 'assembly-variants', 6);
    await fill(page, 'assembly-seed', 'e2e-2026');
    expect(await page.getByTestId('assembly-size').innerText()).toContain('90');
    expect(await page.getByTestId('assembly-total').innerText()).toContain('100');
    await page.getByTestId('assembly-preview').click();
    const refusal = page.getByTestId('assembly-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('PAPER.BANK_INSUFFICIENT');
    expect(await page.getByTestId('assembly-shortages').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await refusal.scrollIntoViewIfNeeded();
    await shot(page, '10-assembly-shortages', false);

    // Two variants: the preview shows each one's coverage chart against the blueprint; then they are stored.
    await fill(page, 'assembly-variants', 2);
    await page.getByTestId('assembly-preview').click();
    const result = page.getByTestId('assembly-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-stored')).toBe('false');
    expect(await result.getAttribute('data-variants')).toBe('2');
    await page.getByTestId('assembly-chart-A').locator('canvas').waitFor();
    await page.getByTestId('assembly-chart-A').scrollIntoViewIfNeeded();
    await shot(page, '11-assembly-preview-A', false);
    await page.getByTestId('assembly-variant-B').click();
    await page.getByTestId('assembly-chart-B').locator('canvas').waitFor();
    await page.getByTestId('assembly-chart-B').scrollIntoViewIfNeeded();
    await shot(page, '12-assembly-preview-B', false);
    await page.getByTestId('assembly-generate').click();
    await expect.poll(() => page.getByTestId('assembly-result').getAttribute('data-stored'), { timeout: 60_000 }).toBe('true');
    await expect.poll(() => page.getByTestId('assembly-paper-link').count()).toBe(2);
    await page.getByTestId('assembly-paper-link').first().click();

    // The paper: its coverage chart, 90 items with answers, the candidate view, and its QTI package.
    await page.waitForURL(/\/papers\/[^/]+$/);
    const paperId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('paper-coverage-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('paper-item-count').innerText()).toBe('90');
    expect(await page.getByTestId('paper-variant').innerText()).toContain('A');
    await shot(page, '13-paper-detail');
    await page.getByTestId('paper-candidate-view').click();
    await fill(page, 'candidate-key', '2026310001');
    await page.getByTestId('candidate-view-modal').locator('input').first().press('Enter');
    await page.getByTestId('candidate-view').waitFor();
    expect(await page.getByTestId('candidate-view').locator('[data-testid^="candidate-item-"][data-testid$="-stem"]').count()).toBe(90);
    await shot(page, '14-candidate-view', false);
    await page.keyboard.press('Escape');

    // 录入成绩: the paper's scores sheet downloaded, 30 candidates filled in (everyone full marks on item 1), uploaded;
    // the report counts them, and item 1's detail opened from the paper shows its statistics flagged.
    await page.getByTestId('paper-record-scores').click();
    const scoresSheet = await download(page, () => page.getByTestId('scores-template').click());
    expect(scoresSheet.download.suggestedFilename()).toMatch(/\.xlsx$/);
    const scoresBook = new ExcelJS.Workbook();
    await scoresBook.xlsx.load(scoresSheet.bytes as unknown as ArrayBuffer);
    const scoresWs = scoresBook.worksheets[0]!;
    const maxima = (scoresWs.getRow(1).values as unknown[]).slice(2).map((h) => Number(/\((\d+(?:\.\d+)?)分\)/.exec(String(h))?.[1]));
    expect(maxima).toHaveLength(90);
    for (let c = 0; c < 30; c++) {
      const row = scoresWs.getRow(3 + c);
      row.values = [`2026${String(c).padStart(4, '0')}`, ...maxima.map((max, k) => (k === 0 || (k + c) % 30 < c ? max : 0))];
      row.commit();
    }
    const filledScores = Buffer.from(await scoresBook.xlsx.writeBuffer());
    await page
      .getByTestId('scores-import-file')
      .locator('input[type=file]')
      .setInputFiles({ name: 'scores.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filledScores });
    const scoresReport = page.getByTestId('scores-import-report');
    await scoresReport.waitFor({ timeout: 60_000 });
    expect(await scoresReport.getAttribute('data-stored')).toBe('true');
    expect(await page.getByTestId('scores-import-candidates').innerText()).toContain('30');
    expect(await page.getByTestId('scores-import-items').innerText()).toContain('90');
    await shot(page, '14b-scores-recorded', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('scores-import-modal').waitFor({ state: 'hidden' });
    await page.locator('[data-testid^="paper-item-detail-"]').first().click();
    await page.getByTestId('item-detail').getByTestId('item-flag').waitFor();
    await shot(page, '14c-paper-item-stats', false);
    await page.keyboard.press('Escape');
    const qti = await download(page, () => page.getByTestId('paper-qti').click());
    expect(qti.download.suggestedFilename()).toMatch(/\.zip$/);
    expect(qti.bytes.subarray(0, 2).toString()).toBe('PK');

    // Re-imported through the QTI dialog: every item unchanged, the package's paper linked.
    await page.getByTestId('menu-bank').click();
    await page.getByTestId('bank-qti-import').click();
    await page.getByTestId('qti-import-file').waitFor();
    await page
      .getByTestId('qti-import-file')
      .locator('input[type=file]')
      .setInputFiles({ name: qti.download.suggestedFilename(), mimeType: 'application/zip', buffer: qti.bytes });
    const qtiReport = page.getByTestId('qti-import-report');
    await qtiReport.waitFor({ timeout: 60_000 });
    expect(await qtiReport.getAttribute('data-stored')).toBe('true');
    expect(await page.getByTestId('qti-import-created').innerText()).toContain('0');
    expect(await page.getByTestId('qti-import-updated').innerText()).toContain('0');
    expect(await page.getByTestId('qti-import-unchanged').innerText()).toContain('90');
    expect(await page.getByTestId('qti-import-result').innerText()).toContain('未变化');
    expect(await page.getByTestId('qti-import-paper').getAttribute('href')).toBe(`/papers/${paperId}`);
    await shot(page, '15-qti-reimport-unchanged', false);
    await page.keyboard.press('Escape');

    // An area that items sit on cannot be removed: the editor shows the server's 409 with the codes.
    await page.goto(`${e2e.server.baseUrl}/blueprints/${blueprintId}`);
    await page.getByTestId('blueprint-theory-area-3').getByRole('button', { name: '删除' }).first().click();
    // Items sit on it: the editor asks first, with the count (issue 9.3); the server still refuses the save.
    const confirmDelete = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
    await confirmDelete.waitFor();
    await confirmDelete.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByTestId('blueprint-save').click();
    const inUse = page.getByTestId('blueprint-refusal');
    await inUse.waitFor();
    expect(await inUse.getAttribute('data-code')).toBe('BLUEPRINT.CODE_IN_USE');
    expect(await page.getByTestId('blueprint-codes-in-use').innerText()).toContain('4');
    await shot(page, '16-blueprint-code-in-use');

    await context.close();
  });
});
